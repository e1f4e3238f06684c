from django.urls import path
from rest_framework.routers import SimpleRouter

from core.api import notification_views, views

router = SimpleRouter(trailing_slash=True)
router.register("notifications", notification_views.NotificationViewSet, basename="notification")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    path("me/", views.MeView.as_view(), name="api-me"),
    *router.urls,
]
