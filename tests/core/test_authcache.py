"""The cached groups and permissions (core.authcache): a change is seen on the next request."""

from django.contrib.auth.models import Group, Permission
from django.test import Client

from core.models import User
from core.roles import CLERK, HR, user_roles


def fresh(user) -> User:
    """The user as the next request loads it (no per-object caches)."""
    return User.objects.get(pk=user.pk)


def test_permissions_come_from_the_cache_after_the_first_request(users, django_assert_num_queries):
    assert fresh(users.clerk).has_perm("cadres.view_cadre")
    user = fresh(users.clerk)
    with django_assert_num_queries(0):
        assert user.has_perm("cadres.view_cadre")
        assert not user.has_perm("cadres.delete_orgunit")
        assert user_roles(user) == [CLERK]


def test_joining_a_group_is_seen_at_once(users):
    assert not fresh(users.clerk).has_perm("cadres.delete_orgunit")
    users.clerk.groups.add(Group.objects.get(name=HR.group))
    user = fresh(users.clerk)
    assert user.has_perm("cadres.delete_orgunit")
    assert {role.code for role in user_roles(user)} == {"clerk", "hr"}


def test_leaving_a_group_is_seen_at_once(users):
    assert fresh(users.hr).has_perm("cadres.change_cadre")
    users.hr.groups.remove(Group.objects.get(name=HR.group))
    assert not fresh(users.hr).has_perm("cadres.change_cadre")
    assert user_roles(fresh(users.hr)) == []


def test_a_group_losing_a_permission_is_seen_at_once(users):
    assert fresh(users.clerk).has_perm("cadres.add_cadre")
    Group.objects.get(name=CLERK.group).permissions.remove(Permission.objects.get(codename="add_cadre"))
    assert not fresh(users.clerk).has_perm("cadres.add_cadre")


def test_a_user_permission_granted_is_seen_at_once(users):
    assert not fresh(users.nobody).has_perm("cadres.view_cadre")
    users.nobody.user_permissions.add(Permission.objects.get(codename="view_cadre"))
    assert fresh(users.nobody).has_perm("cadres.view_cadre")


def test_superuser_flag_and_deactivation_need_no_invalidation(users):
    assert not fresh(users.nobody).has_perm("core.change_user")
    User.objects.filter(pk=users.nobody.pk).update(is_superuser=True)
    assert fresh(users.nobody).has_perm("core.change_user")
    User.objects.filter(pk=users.hr.pk).update(is_active=False)
    assert not fresh(users.hr).has_perm("cadres.view_cadre")


def test_a_session_loads_the_user_with_the_scope_unit(users, django_assert_num_queries):
    client = Client()
    client.force_login(users.hr)
    client.get("/api/v1/me/")  # fills the cache
    # The session (a table under the test settings, Redis in production) and the user joined to
    # the scope unit; the permissions and roles come from the cache.
    with django_assert_num_queries(2):
        response = client.get("/api/v1/me/")
    assert response.status_code == 200
