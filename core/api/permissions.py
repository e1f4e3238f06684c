from rest_framework.permissions import DjangoModelPermissions


class RolePermission(DjangoModelPermissions):
    """Model permissions of the user's roles, reads included (leaders read, clerks write less)."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }
