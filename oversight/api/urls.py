from django.urls import path
from rest_framework.routers import DefaultRouter

from oversight.api import case_views, complaint_views, inquiry_views, opinion_views, views

router = DefaultRouter()
router.register("sanctions", views.SanctionViewSet, basename="sanction")
router.register("complaints", complaint_views.ComplaintViewSet, basename="complaint")
router.register("cases", case_views.CaseViewSet, basename="case")
router.register("letter-inquiries", inquiry_views.LetterInquiryViewSet, basename="letter-inquiry")
router.register("integrity-opinions", opinion_views.IntegrityOpinionViewSet, basename="integrity-opinion")
urlpatterns = [
    path("complaint-filings/", complaint_views.ComplaintFilingView.as_view(), name="complaint-filing"),
    path("complaint-status/", complaint_views.ComplaintStatusView.as_view(), name="complaint-status"),
    *router.urls,
]
