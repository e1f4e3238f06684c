from django.urls import path
from rest_framework.routers import DefaultRouter

from appraisal.api import care_views, cycle_views, views

router = DefaultRouter()
router.register("appraisal-results", views.AppraisalResultViewSet, basename="appraisal-result")
router.register("appraisal-cycles", cycle_views.AppraisalCycleViewSet, basename="appraisal-cycle")
router.register("appraisal-consequences", care_views.ConsequenceViewSet, basename="appraisal-consequence")
router.register("commendations", care_views.CommendationViewSet, basename="commendation")
router.register("care-talks", care_views.CareTalkViewSet, basename="care-talk")
router.register("visits", care_views.VisitViewSet, basename="visit")
router.register("health-check-rounds", care_views.HealthCheckRoundViewSet, basename="health-check-round")
router.register("health-checks", care_views.HealthCheckViewSet, basename="health-check")
urlpatterns = [
    path("ballots/submit/", cycle_views.BallotSubmitView.as_view(), name="ballot-submit"),
    *router.urls,
]
