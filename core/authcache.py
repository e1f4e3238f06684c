"""A user's groups and permissions from the cache, not three queries on every request.

Django's ModelBackend reads a user's own permissions, then the groups' permissions, once per
request (it keeps them on the user object, which lives one request); `core.roles.user_roles`
reads the group names a third time. These change only when someone edits a role, a group or
a user's groups, so they are kept in the cache (Redis in production: every gunicorn worker sees a
change) under the "auth" namespace of `core.figures_cache`, which any such change retires
(`retire_on_changes`, connected in CoreConfig.ready()). A key also names the user's superuser
flag, so granting or removing it needs no invalidation; `is_active` is checked on every request
as before.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.figures_cache import TIMEOUT, invalidate, version

NAMESPACE = "auth"


def _key(user) -> str:
    return f"authcache:{version(NAMESPACE)}:{user.pk}:{int(bool(user.is_superuser))}"


def _compute(user) -> dict:
    backend = ModelBackend()
    fresh = get_user_model()(pk=user.pk, is_active=True, is_superuser=user.is_superuser)
    return {
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "permissions": sorted(backend.get_all_permissions(fresh)),
    }


def _entry(user) -> dict:
    entry = getattr(user, "_authcache", None)
    if entry is None:
        key = _key(user)
        entry = cache.get(key)
        if entry is None:
            entry = _compute(user)
            cache.set(key, entry, timeout=TIMEOUT)
        user._authcache = entry
    return entry


def group_names(user) -> set[str]:
    """The names of the user's groups (an authenticated, saved user)."""
    return set(_entry(user)["groups"])


class CachedModelBackend(ModelBackend):
    """ModelBackend with the user's scope unit joined (every page scopes by it) and the
    permissions from the cache."""

    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("scope_unit").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = set(_entry(user_obj)["permissions"])
        return user_obj._perm_cache


def _retire(action: str = "", **kwargs) -> None:
    if not action.startswith("pre_"):  # m2m_changed: once, after the change
        invalidate(NAMESPACE)


def retire_on_changes() -> None:
    """Any change to groups, permissions or memberships retires every cached entry."""
    user_model = get_user_model()
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(_retire, sender=through, dispatch_uid=f"authcache-{through._meta.label}")
    for model in (Group, Permission):
        post_save.connect(_retire, sender=model, dispatch_uid=f"authcache-save-{model._meta.label}")
        post_delete.connect(_retire, sender=model, dispatch_uid=f"authcache-delete-{model._meta.label}")
    # A deleted user's id is never reused by PostgreSQL, but SQLite may reuse it.
    post_delete.connect(_retire, sender=user_model, dispatch_uid="authcache-delete-user")
