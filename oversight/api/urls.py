from rest_framework.routers import DefaultRouter

from oversight.api import views

router = DefaultRouter()
router.register("sanctions", views.SanctionViewSet, basename="sanction")
urlpatterns = router.urls
