from django.contrib.auth import authenticate, user_logged_in
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.serializers import MeSerializer, TokenRequestSerializer, TokenResponseSerializer
from core.lockout import LOCKED_OUT, lockout_message
from core.tokens import token_issue


class MeView(APIView):
    """The current user: roles and data scope."""

    permission_classes = [IsAuthenticated]

    @extend_schema(summary=gettext_lazy("Show the current user"), responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)


class LockedOut(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = LOCKED_OUT
    default_detail = _("Too many failed logins.")


class TokenView(APIView):
    """Exchange a username and password for an API token (header `Authorization: Token …`).

    The token lives API_TOKEN_TTL_HOURS; asking again after that gives a new one. Failed
    attempts count towards django-axes' lockout of the username from this address.
    """

    authentication_classes = []
    permission_classes = []

    @extend_schema(
        summary=gettext_lazy("Log in and get an API token"),
        request=TokenRequestSerializer,
        responses={
            200: TokenResponseSerializer,
            400: OpenApiResponse(description="Wrong username or password (`authorization`)."),
            429: OpenApiResponse(description="Too many failed logins (`locked_out`)."),
        },
    )
    def post(self, request, *args, **kwargs):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # django-axes flags a lockout on the Django request, which its middleware answers.
        django_request = request._request
        user = authenticate(django_request, **data.validated_data)
        if getattr(django_request, "axes_locked_out", False):
            raise LockedOut(lockout_message())
        if user is None:
            raise exceptions.ValidationError(
                _("Unable to log in with provided credentials."), code="authorization"
            )
        # A success resets the failure count (AXES_RESET_ON_SUCCESS) and records last_login.
        user_logged_in.send(sender=type(user), request=django_request, user=user)
        return Response({"token": token_issue(user=user).key})


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
