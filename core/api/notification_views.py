"""The current user's notification centre: list, unread count, mark read. Nobody sees another's."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from core import notifications
from core.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    is_read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "message", "link", "due_date", "created_at", "read_at", "is_read"]
        read_only_fields = fields

    def get_is_read(self, notification) -> bool:
        return notification.read_at is not None


class NotificationQuerySerializer(serializers.Serializer):
    unread = serializers.BooleanField(required=False, allow_null=True, default=None)
    kind = serializers.RegexField(r"^[a-z_]+$", max_length=30, required=False)


UnreadCountSerializer = inline_serializer("UnreadCount", {"unread": serializers.IntegerField()})
MarkedSerializer = inline_serializer("NotificationsMarked", {"marked": serializers.IntegerField()})
NOT_YOURS = OpenApiResponse(description="No such notification of yours.")


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Your own notifications, soonest due first; the owner is a notification's whole scope."""

    serializer_class = NotificationSerializer
    # Everyone may read their own notifications, whatever their roles.
    permission_classes = [IsAuthenticated]
    filter_backends = []
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Notification.objects.none()
        query = NotificationQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return notifications.notification_list(
            user=self.request.user,
            unread=query.validated_data["unread"],
            kind=query.validated_data.get("kind"),
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("unread", OpenApiTypes.BOOL, description="true: unread only; false: read only."),
            OpenApiParameter(
                "kind",
                OpenApiTypes.STR,
                pattern="^[a-z_]+$",
                description="One kind only, e.g. `rotation_due`.",
            ),
        ],
        responses={200: NotificationSerializer(many=True), 400: None, 401: None},
    )
    def list(self, request, *args, **kwargs):
        """Your own notifications, soonest due first (undated last), paged (`page`, `page_size`);
        a first review's digest stands in place of the reminders it sums up."""
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary=gettext_lazy("Mark a notification read"),
        parameters=[OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)],
        request=None,
        responses={200: NotificationSerializer, 401: None, 404: NOT_YOURS},
    )
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        """Mark one of your notifications read (a read one keeps its first read time)."""
        notification = get_object_or_404(notifications.notification_list(user=request.user), pk=pk)
        notifications.notification_mark_read(user=request.user, ids=[notification.pk])
        notification.refresh_from_db()
        return Response(NotificationSerializer(notification).data)

    @extend_schema(
        summary=gettext_lazy("Mark all notifications read"),
        request=None,
        responses={200: MarkedSerializer, 401: None},
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        """Mark all your unread notifications read; answers how many were marked."""
        return Response({"marked": notifications.notification_mark_read(user=request.user)})

    @extend_schema(
        summary=gettext_lazy("Count unread notifications"), responses={200: UnreadCountSerializer, 401: None}
    )
    @action(detail=False, methods=["get"], url_path="unread-count")
    def unread_count(self, request):
        """How many of your notifications are unread (the header's bell)."""
        return Response({"unread": notifications.unread_count(request.user)})
