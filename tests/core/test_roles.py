from django.contrib.auth.models import Group

from core.roles import ADMIN, CLERK, DISCIPLINE, HR, LEADER, ROLES, user_roles


def perms(role):
    group = Group.objects.get(name=role.group)
    return {
        f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
    }


def test_migration_creates_every_role_group(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {r.group for r in ROLES}


def test_role_permissions(db):
    assert "cadres.change_orgunit" in perms(HR)
    assert "cadres.delete_post" in perms(HR)
    assert "core.change_user" not in perms(HR)
    assert "core.change_user" in perms(ADMIN)
    assert perms(LEADER) >= {"cadres.view_orgunit", "cadres.view_post", "cadres.view_postquota"}
    assert not {p for p in perms(LEADER) if not p.split(".")[1].startswith("view_")} - {
        p for p in perms(LEADER) if p.startswith("core.")
    }
    assert "cadres.add_orgunit" not in perms(CLERK)
    assert "cadres.view_postquota" not in perms(DISCIPLINE)


def test_user_roles_include_superuser_as_admin(users):
    assert user_roles(users.admin) == [ADMIN]
    assert user_roles(users.clerk) == [CLERK]
    assert user_roles(users.nobody) == []
