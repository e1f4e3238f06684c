"""Writes to the organisation structure: units, posts and post quotas."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from cadres.models import OrgUnit, Post, PostLevel, PostQuota
from cadres.rules.pinyin import substring_keys
from core.actors import is_system_actor
from core.constraints import integrity_guard, model_validate
from core.errors import RuleViolation
from core.models import User
from core.scope import ensure_unit_in_scope
from core.services import record_save


def _check_parent(unit: OrgUnit, parent: OrgUnit | None) -> None:
    if parent is None or unit.pk is None:
        return
    if parent.pk == unit.pk or parent.path.startswith(unit.path):
        raise RuleViolation(
            "parent", _("A unit cannot be placed under itself or one of its sub-units."), "cycle"
        )


def _check_deactivation(unit: OrgUnit) -> None:
    if unit.active or unit.pk is None:
        return
    active_posts = Post.objects.filter(unit=unit, active=True).count()
    if active_posts:
        raise RuleViolation(
            "active",
            _("%(name)s still has %(count)d active posts; deactivate or move them first.")
            % {"name": unit.name, "count": active_posts},
            "unit_has_active_posts",
        )
    if OrgUnit.objects.filter(parent=unit, active=True).exists():
        raise RuleViolation(
            "active",
            _("%(name)s still has active sub-units; deactivate them first.") % {"name": unit.name},
            "unit_has_active_children",
        )


@transaction.atomic
def org_unit_save(*, unit: OrgUnit, acting_user: User) -> OrgUnit:
    """Create or update a unit, keeping the subtree paths right when it moves."""
    old_path = None
    parent_changed = True
    if unit.pk is not None:
        # Lock the row: two concurrent moves of one unit would leave stale subtree paths.
        old = OrgUnit.objects.select_for_update().get(pk=unit.pk)
        ensure_unit_in_scope(acting_user, old, field=NON_FIELD_ERRORS)
        old_path = unit.path = old.path
        parent_changed = old.parent_id != unit.parent_id
    if parent_changed and unit.parent is not None:
        ensure_unit_in_scope(acting_user, unit.parent, field="parent")
    elif parent_changed and not (acting_user.is_superuser or is_system_actor(acting_user)):
        raise RuleViolation("parent", _("Only an administrator can create a top-level unit."), "out_of_scope")
    _check_parent(unit, unit.parent)
    _check_deactivation(unit)
    unit.name_grams = substring_keys(text=unit.name)
    model_validate(unit, acting_user=acting_user, exclude=["path", "name_grams"])
    unit._history_user = acting_user
    with integrity_guard(unit, acting_user=acting_user):
        unit.save()
    new_path = f"{unit.parent.path if unit.parent else '/'}{unit.pk}/"
    if new_path != unit.path:
        OrgUnit.objects.filter(pk=unit.pk).update(path=new_path)
        if old_path:
            OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
                path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
            )
        unit.path = new_path
    return unit


@transaction.atomic
def post_save(*, post: Post, acting_user: User) -> Post:
    ensure_unit_in_scope(acting_user, post.unit, field="unit")
    if post.pk is not None:
        old_unit = Post.objects.select_related("unit").get(pk=post.pk).unit
        ensure_unit_in_scope(acting_user, old_unit, field="unit")
    if post.active and not post.unit.active:
        raise RuleViolation("unit", _("Posts can only be added to an active unit."), "unit_inactive")
    post.title_grams = substring_keys(text=post.title)
    return record_save(post, acting_user=acting_user, unit=post.unit)


@transaction.atomic
def post_quota_save(*, quota: PostQuota, acting_user: User) -> PostQuota:
    return record_save(quota, acting_user=acting_user, unit=quota.unit)


@transaction.atomic
def post_level_save(*, level: PostLevel, acting_user: User) -> PostLevel:
    return record_save(level, acting_user=acting_user, unit=None)
