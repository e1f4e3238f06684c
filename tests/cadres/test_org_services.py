import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cadres.models import OrgUnit, PostQuota
from cadres.services import org_unit_save, post_save
from tests.factories import OrgUnitFactory, PostFactory, level


def error_code(exc, field):
    return exc.value.error_dict[field][0].code


def test_paths_follow_the_tree(tree):
    assert tree.root.path == f"/{tree.root.pk}/"
    assert tree.a1.path == f"/{tree.root.pk}/{tree.a.pk}/{tree.a1.pk}/"
    assert tree.a1.depth == 2


def test_moving_a_unit_moves_its_subtree(tree, users):
    tree.a.parent = tree.b
    org_unit_save(unit=tree.a, acting_user=users.hr)
    tree.a1.refresh_from_db()
    assert tree.a1.path == f"{tree.b.path}{tree.a.pk}/{tree.a1.pk}/"


def test_cycle_is_refused(tree, users):
    tree.a.parent = tree.a1
    with pytest.raises(ValidationError) as exc:
        org_unit_save(unit=tree.a, acting_user=users.hr)
    assert error_code(exc, "parent") == "cycle"
    tree.a.parent = tree.a
    with pytest.raises(ValidationError) as exc:
        org_unit_save(unit=tree.a, acting_user=users.hr)
    assert error_code(exc, "parent") == "cycle"


def test_deactivating_a_unit_with_active_posts_is_refused(tree, users):
    post = PostFactory(unit=tree.a1)
    tree.a1.active = False
    with pytest.raises(ValidationError) as exc:
        org_unit_save(unit=tree.a1, acting_user=users.hr)
    assert error_code(exc, "active") == "unit_has_active_posts"
    assert OrgUnit.objects.get(pk=tree.a1.pk).active is True
    post.active = False
    post_save(post=post, acting_user=users.hr)
    org_unit_save(unit=tree.a1, acting_user=users.hr)
    assert OrgUnit.objects.get(pk=tree.a1.pk).active is False


def test_deactivating_a_unit_with_active_children_is_refused(tree, users):
    tree.a.active = False
    with pytest.raises(ValidationError) as exc:
        org_unit_save(unit=tree.a, acting_user=users.hr)
    assert error_code(exc, "active") == "unit_has_active_children"


def test_clerk_cannot_write_outside_scope(tree, users):
    with pytest.raises(ValidationError) as exc:
        org_unit_save(
            unit=OrgUnit(code="X", name="X", kind="sub_unit", parent=tree.b), acting_user=users.clerk
        )
    assert error_code(exc, "parent") == "out_of_scope"
    with pytest.raises(ValidationError) as exc:
        post_save(post=PostFactory.build(unit=tree.b), acting_user=users.clerk)
    assert error_code(exc, "unit") == "out_of_scope"


def test_only_administrators_create_top_level_units(db, users):
    with pytest.raises(ValidationError) as exc:
        org_unit_save(unit=OrgUnit(code="P", name="省厅", kind="authority"), acting_user=users.hr)
    assert error_code(exc, "parent") == "out_of_scope"
    assert org_unit_save(unit=OrgUnit(code="P", name="省厅", kind="authority"), acting_user=users.admin).pk


def test_province_tree_one_level_up(db, users):
    """A province deployment puts colleges under an authority; nothing assumes one institution."""
    province = OrgUnitFactory(code="PROV", name="省教育厅", kind="authority")
    colleges = [OrgUnitFactory(code=f"C{i}", kind="institution", parent=province) for i in range(2)]
    depts = [OrgUnitFactory(code=f"D{i}", parent=c) for i, c in enumerate(colleges)]
    assert all(d.path.startswith(province.path) for d in depts)


def test_database_refuses_negative_quota_and_duplicate_level(tree):
    with pytest.raises(IntegrityError), transaction.atomic():
        PostQuota.objects.create(unit=tree.a, level=level("middle_deputy"), approved=-1)
    PostQuota.objects.create(unit=tree.a, level=level("middle_deputy"), approved=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        PostQuota.objects.create(unit=tree.a, level=level("middle_deputy"), approved=2)


def test_database_refuses_own_parent(tree):
    with pytest.raises(IntegrityError), transaction.atomic():
        OrgUnit.objects.filter(pk=tree.a.pk).update(parent=tree.a)


def test_history_records_the_acting_user(tree, users):
    tree.a.name = "信息工程学院（新）"
    org_unit_save(unit=tree.a, acting_user=users.hr)
    latest = tree.a.history.latest()
    assert latest.history_user == users.hr
    assert latest.name == "信息工程学院（新）"
