"""The cadre team's structure for the leaders' dashboard, from a fixed number of aggregate queries."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Count, FilteredRelation, Q, Value
from django.db.models.functions import Coalesce

from cadres.models import (
    Appointment,
    Cadre,
    CadreStatus,
    Education,
    Ethnicity,
    Gender,
    OrgUnit,
    PoliticalStatus,
    PostLevel,
    PostQuota,
    TitleGrade,
)
from cadres.models.appointment import QUOTA_KINDS
from cadres.selectors.appointments import held_on
from cadres.selectors.org import LevelStaffing
from core.scope import scoped

AGE_BANDS = [(None, 35), (35, 40), (40, 45), (45, 50), (50, 55), (55, None)]  # [min, max) in years


def age_band_label(low, high) -> str:
    if low is None:
        return f"{high}岁以下"
    return f"{low}岁及以上" if high is None else f"{low}-{high - 1}岁"


def _serving(user, on: datetime.date):
    """Serving cadres in scope, each with the level of the primary post held on `on` (0: none).

    A join rather than a per-cadre subquery: at 30,000 cadres the subquery's cost estimate
    crossed PostgreSQL's JIT threshold and compiling took longer than the query. The join
    yields one row per cadre because the service refuses overlapping primary posts.
    """
    primary_now = FilteredRelation(
        "appointments",
        condition=Q(appointments__is_primary=True, appointments__start_date__lte=on)
        & (Q(appointments__end_date__isnull=True) | Q(appointments__end_date__gt=on)),
    )
    return (
        scoped(user, Cadre.objects.filter(status=CadreStatus.SERVING))
        .annotate(primary_now=primary_now)
        .annotate(level_id=Coalesce("primary_now__post__level_id", Value(0)))
        .order_by()
    )


def _age_band(on: datetime.date, low, high) -> Q:
    lookup = {}
    if low is not None:
        lookup["birth_date__lte"] = on - relativedelta(years=low)
    if high is not None:
        lookup["birth_date__gt"] = on - relativedelta(years=high)
    return Q(**lookup)


def _dimensions(on: datetime.date) -> dict[str, list[tuple[str, str, Q]]]:
    """Per dashboard dimension: (code, label, condition) of each category."""
    bands = [
        (age_band_label(low, high), age_band_label(low, high), _age_band(on, low, high))
        for low, high in AGE_BANDS
    ]

    def by_field(name, choices):
        return [(code, label, Q(**{name: code})) for code, label in choices]

    return {
        "age": bands,
        "gender": by_field("gender", Gender.choices),
        "education": by_field("education", [*Education.choices, ("", "未填")]),
        "title": by_field("title_grade", [*TitleGrade.choices, ("", "无")]),
        "ethnicity": [("han", "汉族", Q(ethnicity="han")), ("minority", "少数民族", ~Q(ethnicity="han"))],
        "political": by_field("political_status", PoliticalStatus.choices),
    }


def _dimension(counts: dict, categories: list[tuple[str, str, Q]], name: str, levels) -> dict:
    def count(level, index):
        return counts.get(level.pk, {}).get(f"{name}_{index}", 0)

    indexes = range(len(categories))
    return {
        "categories": [label for _code, label, _q in categories],
        "codes": [code for code, _label, _q in categories],
        "series": [
            {"level": level.pk, "name": level.name, "data": [count(level, i) for i in indexes]}
            for level in levels
        ],
        "totals": [sum(count(level, i) for level in levels) for i in indexes],
    }


def cadre_structure(*, user, on: datetime.date) -> dict:
    """Every dimension by level from one aggregate query: one row per level, a count per category."""
    levels = list(PostLevel.objects.filter(active=True).order_by("rank"))
    levels.append(PostLevel(pk=0, name="未任职", rank=999))
    dimensions = _dimensions(on)
    aggregates = {
        f"{name}_{index}": Count("id", filter=condition)
        for name, categories in dimensions.items()
        for index, (_code, _label, condition) in enumerate(categories)
    }
    rows = _serving(user, on).values("level_id").annotate(n=Count("id"), **aggregates)
    counts = {row["level_id"]: row for row in rows}
    return {
        "total": sum(row["n"] for row in counts.values()),
        **{name: _dimension(counts, categories, name, levels) for name, categories in dimensions.items()},
        "minority_codes": [code for code, _label in Ethnicity.choices if code != "han"],
        "levels": [{"id": level.pk, "name": level.name} for level in levels],
    }


def _staffing_counts(user, on: datetime.date) -> dict[tuple[int, int], LevelStaffing]:
    """(unit id, level id) → approved and filled seats over the active units in scope.

    The units go in as a subquery, not an id list: a province has thousands of units.
    """
    unit_ids = scoped(user, OrgUnit.objects.filter(active=True)).values("pk")
    levels = {level.pk: level for level in PostLevel.objects.all()}
    counts: dict[tuple[int, int], LevelStaffing] = {}
    quotas = PostQuota.objects.filter(unit__in=unit_ids).order_by()
    for unit_id, level_id, approved in quotas.values_list("unit_id", "level_id", "approved"):
        counts[unit_id, level_id] = LevelStaffing(levels[level_id], approved)
    filled = (
        Appointment.objects.filter(held_on(on), kind__in=QUOTA_KINDS, post__unit__in=unit_ids)
        .order_by()
        .values_list("post__unit_id", "post__level_id")
        .annotate(n=Count("post_id", distinct=True))
    )
    for unit_id, level_id, n in filled:
        counts.setdefault((unit_id, level_id), LevelStaffing(levels[level_id])).filled = n
    return counts


def staffing_overview(*, user, on: datetime.date) -> dict:
    """Vacancies and over-quota units in scope (units with a quota or a holder)."""
    counts = _staffing_counts(user, on)
    names = scoped(user, OrgUnit.objects.filter(active=True)).values_list("pk", "name", "path")
    units = {pk: (name, path) for pk, name, path in names}
    listed: dict[int, OrgUnit] = {}  # model instances only for the units in the table

    def unit(pk: int) -> OrgUnit:
        if pk not in listed:
            listed[pk] = OrgUnit(pk=pk, name=units[pk][0], path=units[pk][1])
        return listed[pk]

    rows = [
        {
            "unit": unit(unit_id),
            "level": row.level,
            "approved": row.approved,
            "filled": row.filled,
            "vacant": row.vacant,
            "over": row.over_quota,
        }
        for (unit_id, _level_id), row in sorted(
            counts.items(), key=lambda item: (units[item[0][0]][1], item[1].level.rank)
        )
        if row.vacant or row.over_quota
    ]
    return {
        "vacant": [r for r in rows if r["vacant"]],
        "over": [r for r in rows if r["over"]],
        "vacant_total": sum(r["vacant"] for r in rows),
        "over_total": sum(r["over"] for r in rows),
    }


def retirement_outlook(*, user, on: datetime.date) -> dict:
    serving = scoped(user, Cadre.objects.filter(status=CadreStatus.SERVING))
    return {
        months: serving.filter(
            retirement_date__gte=on, retirement_date__lte=on + relativedelta(months=months)
        ).count()
        for months in (12, 24)
    }
