"""Grade ceilings (等次限制): the best grade a sanction, an investigation or an absence allows.

A ceiling `decided_in_year` applies when the sanction was decided in the appraised year; one
`in_effect` applies when its effect period [decision date, effect end) touches the appraised
year at all (decided on or before 31 December, ending after 1 January).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from appraisal.choices import CeilingWhen, Grade
from appraisal.rules.scoring import Reason, worse_grade


@dataclass(frozen=True)
class CeilingRule:
    sanction_kind: str
    ceiling: str
    applies: str  # CeilingWhen
    reason: str


@dataclass(frozen=True)
class Ceiling:
    grade: str | None  # the best grade allowed; None: no ceiling
    not_graded: bool
    reasons: tuple[Reason, ...]


def ceiling_applies(*, rule: CeilingRule, decision_date: date, effect_end: date | None, year: int) -> bool:
    if rule.applies == CeilingWhen.DECIDED_IN_YEAR:
        return decision_date.year == year
    ends = effect_end or date.max  # no end recorded: still in effect
    return decision_date <= date(year, 12, 31) and ends > date(year, 1, 1)


def grade_ceiling(
    *,
    year: int,
    sanctions: Iterable,  # objects with kind, decision_date, effect_end (oversight's SanctionFact)
    rules: Mapping[str, CeilingRule],
    under_investigation: bool = False,
    absent_over_half_year: bool = False,
) -> Ceiling:
    """The worst ceiling that applies, each applying one's reason; not graded trumps them all."""
    reasons: list[Reason] = []
    if under_investigation:
        reasons.append(Reason("under_investigation", _("A case under investigation: not graded.")))
    if absent_over_half_year:
        reasons.append(Reason("absent_over_half_year", _("Absent more than half the year: not graded.")))
    if reasons:
        return Ceiling(Grade.NOT_GRADED, True, tuple(reasons))
    grade = None
    for sanction in sanctions:
        rule = rules.get(sanction.kind)
        if rule is None or not ceiling_applies(
            rule=rule, decision_date=sanction.decision_date, effect_end=sanction.effect_end, year=year
        ):
            continue
        grade = rule.ceiling if grade is None else worse_grade(grade, rule.ceiling)
        reasons.append(Reason(f"ceiling_{sanction.kind}", rule.reason))
    return Ceiling(grade, False, tuple(reasons))
