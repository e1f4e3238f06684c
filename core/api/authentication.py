from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from core.tokens import token_expired

TOKEN_EXPIRED = "token_expired"  # noqa: S105  an error code


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token, refused with 401 `token_expired` once API_TOKEN_TTL_HOURS have passed."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_expired(token):
            raise exceptions.AuthenticationFailed(
                _("The token has expired: request a new one."), code=TOKEN_EXPIRED
            )
        return user, token
