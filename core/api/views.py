from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.serializers import MeSerializer, TokenRequestSerializer, TokenResponseSerializer


class MeView(APIView):
    """The current user: roles and data scope."""

    permission_classes = [IsAuthenticated]

    @extend_schema(summary=gettext_lazy("Show the current user"), responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)


class TokenView(ObtainAuthToken):
    """Exchange a username and password for an API token (header `Authorization: Token …`)."""

    permission_classes = []

    @extend_schema(
        summary=gettext_lazy("Log in and get an API token"),
        request=TokenRequestSerializer,
        responses=TokenResponseSerializer,
    )
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


class ServiceSaveMixin:
    """Writes go through the app's service; the serializer only shapes the input."""

    service = None
    service_kwarg = None

    def _save(self, serializer, instance):
        for name, value in serializer.validated_data.items():
            setattr(instance, name, value)
        saved = type(self).service(**{self.service_kwarg: instance, "acting_user": self.request.user})
        serializer.instance = saved

    def perform_create(self, serializer):
        self._save(serializer, serializer.Meta.model())

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)
