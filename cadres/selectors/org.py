"""Reads of the organisation structure, always through the user's data scope."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from cadres.models import OrgUnit, Post, PostLevel, PostQuota
from core.scope import scoped


@dataclass
class LevelStaffing:
    level: PostLevel
    approved: int = 0
    filled: int = 0

    @property
    def vacant(self) -> int:
        return max(self.approved - self.filled, 0)

    @property
    def over_quota(self) -> int:
        return max(self.filled - self.approved, 0)


@dataclass
class TreeNode:
    unit: OrgUnit
    children: list["TreeNode"] = field(default_factory=list)


def org_units_visible(*, user):
    return scoped(user, OrgUnit.objects.select_related("parent"))


def org_tree(*, user, include_inactive: bool = False) -> list[TreeNode]:
    """The user's subtree as nested nodes, built from one query."""
    units = org_units_visible(user=user).order_by("order", "code")
    if not include_inactive:
        units = units.filter(active=True)
    nodes = {unit.pk: TreeNode(unit) for unit in units}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.unit.parent_id)
        (parent.children if parent else roots).append(node)
    return roots


def filled_counts(*, unit_ids, on: datetime.date) -> dict[tuple[int, int], int]:
    """(unit id, level id) → number of posts held on `on`; appointments fill posts."""
    from cadres.selectors.appointments import filled_counts_by_unit_level

    return filled_counts_by_unit_level(unit_ids=unit_ids, on=on)


def unit_staffing(*, units, on: datetime.date) -> dict[int, list[LevelStaffing]]:
    """Per unit, approved / filled / vacant posts for each level that has a quota or a holder."""
    unit_ids = [u.pk for u in units]
    levels = {level.pk: level for level in PostLevel.objects.all()}
    rows: dict[int, dict[int, LevelStaffing]] = defaultdict(dict)
    for quota in PostQuota.objects.filter(unit_id__in=unit_ids):
        rows[quota.unit_id][quota.level_id] = LevelStaffing(levels[quota.level_id], quota.approved)
    for (unit_id, level_id), count in filled_counts(unit_ids=unit_ids, on=on).items():
        row = rows[unit_id].setdefault(level_id, LevelStaffing(levels[level_id]))
        row.filled = count
    return {
        unit_id: sorted(by_level.values(), key=lambda r: r.level.rank) for unit_id, by_level in rows.items()
    }


def unit_detail(*, user, pk: int) -> OrgUnit:
    """One unit in scope with its posts and quotas; raises DoesNotExist outside the scope."""
    posts = Post.objects.select_related("level").order_by("level__rank", "order", "id")
    return (
        org_units_visible(user=user)
        .prefetch_related(
            Prefetch("posts", queryset=posts),
            Prefetch("quotas", queryset=PostQuota.objects.select_related("level")),
            Prefetch("children", queryset=OrgUnit.objects.order_by("order", "code")),
        )
        .get(pk=pk)
    )
