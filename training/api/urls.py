from django.urls import path
from rest_framework.routers import DefaultRouter

from training.api import views

router = DefaultRouter()
router.register("study-sessions", views.StudySessionViewSet, basename="study-session")
router.register("study-follow-ups", views.FollowUpTaskViewSet, basename="study-follow-up")
router.register("training-programmes", views.TrainingProgrammeViewSet, basename="training-programme")
router.register("secondments", views.SecondmentViewSet, basename="secondment")
router.register("rule-documents", views.RuleDocumentViewSet, basename="rule-document")
urlpatterns = [
    path(
        "training-programmes/<int:pk>/participants/import/",
        views.ProgrammeAttendanceImportView.as_view(),
        name="training-programme-attendance-import",
    ),
    path("training-compliance/", views.TrainingComplianceView.as_view(), name="training-compliance"),
    path(
        "cadres/<int:pk>/training-hours/", views.CadreTrainingHoursView.as_view(), name="cadre-training-hours"
    ),
    *router.urls,
]
