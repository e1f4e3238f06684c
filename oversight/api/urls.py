from django.urls import path
from rest_framework.routers import DefaultRouter

from oversight.api import (
    case_views,
    complaint_views,
    conduct_views,
    inquiry_views,
    musts_views,
    opinion_views,
    views,
)

router = DefaultRouter()
router.register("sanctions", views.SanctionViewSet, basename="sanction")
router.register("complaints", complaint_views.ComplaintViewSet, basename="complaint")
router.register("cases", case_views.CaseViewSet, basename="case")
router.register("letter-inquiries", inquiry_views.LetterInquiryViewSet, basename="letter-inquiry")
router.register("integrity-opinions", opinion_views.IntegrityOpinionViewSet, basename="integrity-opinion")
router.register(
    "responsibility-letters", conduct_views.ResponsibilityLetterViewSet, basename="responsibility-letter"
)
router.register("duty-reports", conduct_views.DutyReportViewSet, basename="duty-report")
router.register("integrity-risks", conduct_views.IntegrityRiskViewSet, basename="integrity-risk")
router.register("risk-reviews", conduct_views.RiskReviewViewSet, basename="risk-review")
router.register("supervised-meetings", conduct_views.SupervisedMeetingViewSet, basename="supervised-meeting")
router.register("supervised-tasks", conduct_views.SupervisedTaskViewSet, basename="supervised-task")
router.register("file-reviews", musts_views.FileReviewViewSet, basename="file-review")
router.register(
    "personal-matters-reports", musts_views.PersonalMattersReportViewSet, basename="personal-matters-report"
)
router.register("personal-matters-checks", musts_views.MattersCheckViewSet, basename="personal-matters-check")
router.register("passports", musts_views.PassportViewSet, basename="passport")
router.register("exit-registrations", musts_views.ExitRegistrationViewSet, basename="exit-registration")
router.register("trip-requests", musts_views.TripRequestViewSet, basename="trip-request")
urlpatterns = [
    path("complaint-filings/", complaint_views.ComplaintFilingView.as_view(), name="complaint-filing"),
    path("personal-matters-status/", musts_views.FilingStatusView.as_view(), name="personal-matters-status"),
    path("complaint-status/", complaint_views.ComplaintStatusView.as_view(), name="complaint-status"),
    *router.urls,
]
