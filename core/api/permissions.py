from rest_framework.permissions import BasePermission, DjangoModelPermissions


class RolePermission(DjangoModelPermissions):
    """Model permissions of the user's roles, reads included (leaders read, clerks write less)."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }


def perm_required(perm: str) -> type[BasePermission]:
    """A permission class for views that are not a model's CRUD."""

    class HasPerm(BasePermission):
        def has_permission(self, request, view):
            return bool(request.user and request.user.is_authenticated and request.user.has_perm(perm))

    return HasPerm
