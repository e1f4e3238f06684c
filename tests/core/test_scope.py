import pytest

from cadres.models import OrgUnit, Post
from core.scope import ensure_unit_in_scope, scoped, unit_in_scope
from tests.factories import UserFactory


def codes(qs):
    return sorted(qs.values_list("code", flat=True))


def test_scope_is_the_unit_and_its_subtree(users, tree):
    assert codes(scoped(users.clerk, OrgUnit)) == ["A", "A1"]
    assert codes(scoped(users.hr, OrgUnit)) == ["A", "A1", "B", "ROOT"]


def test_scope_follows_related_unit(users, staffed):
    assert list(scoped(users.clerk, Post)) == [staffed.post_a]


def test_no_scope_unit_sees_nothing(tree):
    user = UserFactory(scope_unit=None)
    assert not scoped(user, OrgUnit).exists()


def test_inactive_user_sees_nothing(users):
    users.hr.is_active = False
    assert not scoped(users.hr, OrgUnit).exists()


def test_path_prefix_does_not_leak_to_sibling_with_longer_id(tree):
    # "/1/2/" must not match "/1/23/": paths end in a slash.
    user = UserFactory(scope_unit=tree.a)
    siblings = [
        OrgUnit.objects.create(code=f"S{i}", name=f"s{i}", kind="college", path=f"{tree.a.path[:-1]}{i}/")
        for i in range(3)
    ]
    assert not set(scoped(user, OrgUnit)) & set(siblings)


def test_ensure_unit_in_scope(users, tree):
    assert unit_in_scope(users.clerk, tree.a1)
    assert not unit_in_scope(users.clerk, tree.b)
    with pytest.raises(Exception) as exc:
        ensure_unit_in_scope(users.clerk, tree.b)
    assert exc.value.error_dict["unit"][0].code == "out_of_scope"
