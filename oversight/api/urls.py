from django.urls import path
from rest_framework.routers import DefaultRouter

from oversight.api import case_views, complaint_views, inquiry_views, musts_views, opinion_views, views

router = DefaultRouter()
router.register("sanctions", views.SanctionViewSet, basename="sanction")
router.register("complaints", complaint_views.ComplaintViewSet, basename="complaint")
router.register("cases", case_views.CaseViewSet, basename="case")
router.register("letter-inquiries", inquiry_views.LetterInquiryViewSet, basename="letter-inquiry")
router.register("integrity-opinions", opinion_views.IntegrityOpinionViewSet, basename="integrity-opinion")
router.register("file-reviews", musts_views.FileReviewViewSet, basename="file-review")
router.register(
    "personal-matters-reports", musts_views.PersonalMattersReportViewSet, basename="personal-matters-report"
)
router.register("personal-matters-checks", musts_views.MattersCheckViewSet, basename="personal-matters-check")
router.register("passports", musts_views.PassportViewSet, basename="passport")
router.register("exit-registrations", musts_views.ExitRegistrationViewSet, basename="exit-registration")
router.register("trip-requests", musts_views.TripRequestViewSet, basename="trip-request")
urlpatterns = [
    path("personal-matters-status/", musts_views.FilingStatusView.as_view(), name="personal-matters-status"),
    path("complaint-status/", complaint_views.ComplaintStatusView.as_view(), name="complaint-status"),
    *router.urls,
]
