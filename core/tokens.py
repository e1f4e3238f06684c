"""API tokens that expire and die with the password: issue, expiry, revocation.

A token lives API_TOKEN_TTL_HOURS from its `created` time (DRF's authtoken field). It is
deleted when its user's password changes or the user is deactivated, by any path that saves
the user (set_password + save, admin, a password form); a queryset `update()` bypasses it.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from core.models import User

_REVOKE = "_revoke_api_tokens"


def token_expires_at(token: Token) -> datetime.datetime:
    return token.created + datetime.timedelta(hours=settings.API_TOKEN_TTL_HOURS)


def token_expired(token: Token, *, now: datetime.datetime | None = None) -> bool:
    return (now or timezone.now()) >= token_expires_at(token)


@transaction.atomic
def token_issue(*, user: User) -> Token:
    """The user's live token, or a new one in place of an expired one."""
    token = Token.objects.select_for_update().filter(user=user).first()
    if token is not None and not token_expired(token):
        return token
    if token is not None:
        token.delete()
    return Token.objects.create(user=user)


def mark_revocation(sender, instance: User, update_fields=None, **kwargs) -> None:
    """pre_save: note whether this save changes the password or deactivates the user."""
    if instance.pk is None or (
        update_fields is not None and not {"password", "is_active"} & set(update_fields)
    ):
        return
    before = User.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if before is None:
        return
    changed = before["password"] != instance.password or (before["is_active"] and not instance.is_active)
    setattr(instance, _REVOKE, changed)


def revoke_tokens(sender, instance: User, **kwargs) -> None:
    """post_save: a changed password or a deactivation ends every API token of the user."""
    if getattr(instance, _REVOKE, False):
        Token.objects.filter(user=instance).delete()
        setattr(instance, _REVOKE, False)
