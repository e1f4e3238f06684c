from rest_framework.routers import DefaultRouter

from appraisal.api import views

router = DefaultRouter()
router.register("appraisal-results", views.AppraisalResultViewSet, basename="appraisal-result")
urlpatterns = router.urls
