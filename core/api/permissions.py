from typing import ClassVar

from django.db.models import Model
from rest_framework.permissions import BasePermission, DjangoModelPermissions


class RolePermission(DjangoModelPermissions):
    """Model permissions of the user's roles, reads included (leaders read, clerks write less)."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }
    # The model a view's queryset is of, per view class and action: DRF asks `get_queryset()`
    # only for its model, and the cadre list's builds a scoped, prefetching queryset each time.
    _models: ClassVar[dict[tuple[type, str | None], type[Model]]] = {}

    def _queryset(self, view):
        key = (type(view), getattr(view, "action", None))
        model = self._models.get(key)
        if model is None:
            model = super()._queryset(view).model
            self._models[key] = model
        return model._default_manager.none()


def perm_required(perm: str) -> type[BasePermission]:
    """A permission class for views that are not a model's CRUD."""

    class HasPerm(BasePermission):
        def has_permission(self, request, view):
            return bool(request.user and request.user.is_authenticated and request.user.has_perm(perm))

    return HasPerm
