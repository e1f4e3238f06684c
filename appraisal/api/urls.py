from django.urls import path
from rest_framework.routers import DefaultRouter

from appraisal.api import cycle_views, views

router = DefaultRouter()
router.register("appraisal-results", views.AppraisalResultViewSet, basename="appraisal-result")
router.register("appraisal-cycles", cycle_views.AppraisalCycleViewSet, basename="appraisal-cycle")
urlpatterns = [
    path("ballots/submit/", cycle_views.BallotSubmitView.as_view(), name="ballot-submit"),
    *router.urls,
]
