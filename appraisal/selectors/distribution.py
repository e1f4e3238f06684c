"""The leaders' panel: how the yearly grades fall per unit and year."""

from dataclasses import dataclass

from django.db.models import Count

from appraisal.choices import Grade
from appraisal.models import AppraisalResult
from core.scope import scoped


@dataclass(frozen=True)
class UnitGrades:
    unit: str
    counts: list[int]  # in the order of Grade
    total: int


def grade_distribution(*, user, year: int) -> list[UnitGrades]:
    """Per unit (the cadre's), the number of each grade in `year`, in the user's scope (one query)."""
    rows = (
        scoped(user, AppraisalResult.objects.filter(year=year))
        .order_by()
        .values_list("cadre__unit__path", "cadre__unit__name", "grade")
        .annotate(n=Count("id"))
    )
    units: dict[tuple[str, str], dict[str, int]] = {}
    for path, name, grade, n in rows:
        units.setdefault((path, name), {})[grade] = n
    return [
        UnitGrades(name, [grades.get(g, 0) for g in Grade.values], sum(grades.values()))
        for (_path, name), grades in sorted(units.items())
    ]


def grade_years(*, user) -> list[int]:
    return list(
        scoped(user, AppraisalResult).order_by("-year").values_list("year", flat=True).distinct()[:10]
    )
