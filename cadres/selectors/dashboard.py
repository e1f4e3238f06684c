"""Figures for the home dashboard, from a fixed number of queries."""

import datetime

from django.db.models import Count, Q, Sum

from cadres.models import OrgUnit, Post, PostLevel, PostQuota
from cadres.selectors.org import filled_counts
from core.scope import scoped


def org_summary(*, user, on: datetime.date) -> dict:
    units = scoped(user, OrgUnit.objects.filter(active=True))
    by_kind = dict(units.order_by().values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    quotas = scoped(user, PostQuota.objects.all())
    approved = dict(
        quotas.order_by().values_list("level").annotate(n=Sum("approved")).values_list("level", "n")
    )
    posts = scoped(user, Post.objects.filter(active=True))
    post_counts = dict(
        posts.order_by().values_list("level").annotate(n=Count("id")).values_list("level", "n")
    )
    unit_ids = list(units.values_list("id", flat=True))
    filled: dict[int, int] = {}
    for (_unit, level), count in filled_counts(unit_ids=unit_ids, on=on).items():
        filled[level] = filled.get(level, 0) + count
    levels = [
        {
            "level": level,
            "approved": approved.get(level.pk, 0),
            "posts": post_counts.get(level.pk, 0),
            "filled": filled.get(level.pk, 0),
            "vacant": max(approved.get(level.pk, 0) - filled.get(level.pk, 0), 0),
        }
        for level in PostLevel.objects.filter(Q(active=True) | Q(pk__in=approved.keys()))
    ]
    return {"units": sum(by_kind.values()), "by_kind": by_kind, "levels": levels}
