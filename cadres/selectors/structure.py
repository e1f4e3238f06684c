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


def _staffing_counts(unit_ids, on: datetime.date) -> dict[tuple[int, int], LevelStaffing]:
    """(unit id, level id) → approved and filled seats over the units of `unit_ids`.

    The units go in as a subquery, not an id list: a province has thousands of units.
    """
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


# More rows than this and the table lists the units one level below the top (a province's
# institutions) with their totals, each opening its own rows: the whole province was 4,000
# rows and 400 KB of HTML.
GROUP_ABOVE = 50


def _group_path(path: str, *, depth: int) -> str:
    """The path of the ancestor of `path` at `depth` (the number of ids in it)."""
    return "/" + "/".join(path.strip("/").split("/")[:depth]) + "/"


def staffing_overview(*, user, on: datetime.date, within: OrgUnit | None = None) -> dict:
    """Vacancies and over-quota seats of the units in scope (or under `within`), as plain data.

    Up to GROUP_ABOVE rows are listed one by one; beyond, by the units one level below the top,
    each with its totals and a link that opens its own rows (`within`)."""
    units_in_scope = scoped(user, OrgUnit.objects.filter(active=True))
    if within is not None:
        units_in_scope = units_in_scope.filter(path__startswith=within.path)
    counts = _staffing_counts(units_in_scope.values("pk"), on)
    units = {pk: (name, path) for pk, name, path in units_in_scope.values_list("pk", "name", "path")}
    rows = [
        {
            "unit": {"pk": unit_id, "name": units[unit_id][0], "path": units[unit_id][1]},
            "level": {"name": row.level.name},
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
    overview = {
        "vacant_total": sum(r["vacant"] for r in rows),
        "over_total": sum(r["over"] for r in rows),
        "within": {"pk": within.pk, "name": within.name} if within else None,
        "groups": None,
    }
    if len(rows) <= GROUP_ABOVE:
        return overview | {"vacant": [r for r in rows if r["vacant"]], "over": [r for r in rows if r["over"]]}
    return overview | {"vacant": [], "over": [], "groups": _staffing_groups(rows, units)}


def _staffing_groups(rows: list[dict], units: dict[int, tuple[str, str]]) -> list[dict]:
    top = min(path.count("/") - 1 for _name, path in units.values())
    by_path = {path: (pk, name) for pk, (name, path) in units.items()}
    groups: dict[str, dict] = {}
    for row in rows:
        # Its ancestor one level below the top; the top itself, or its own unit where an
        # inactive unit in between is not listed.
        candidates = [_group_path(row["unit"]["path"], depth=d) for d in (top + 1, top)]
        path = next((p for p in candidates if p in by_path), row["unit"]["path"])
        pk, name = by_path[path]
        group = groups.setdefault(path, {"unit": {"pk": pk, "name": name}, "vacant": 0, "over": 0, "rows": 0})
        group["vacant"] += row["vacant"]
        group["over"] += row["over"]
        group["rows"] += 1
    return [groups[path] for path in sorted(groups)]


def retirement_outlook(*, user, on: datetime.date) -> dict:
    serving = scoped(user, Cadre.objects.filter(status=CadreStatus.SERVING))
    return {
        months: serving.filter(
            retirement_date__gte=on, retirement_date__lte=on + relativedelta(months=months)
        ).count()
        for months in (12, 24)
    }
