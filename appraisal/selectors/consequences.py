"""Reads of the consequences (能上能下): HR's list and the due list's two kinds."""

import datetime

from django.utils.translation import gettext as _

from appraisal.choices import ADJUSTMENT_KINDS, ConsequenceKind, Grade
from appraisal.models import Consequence
from cadres.selectors.due import DueItem
from core.scope import scoped

ADJUSTMENT_DUE = "appraisal_adjustment"
COMMENDATION_DUE = "appraisal_commendation"


def consequence_list(*, user, open_only: bool = False):
    rows = scoped(user, Consequence.objects.select_related("cadre__unit", "commendation"))
    return rows.filter(outcome="") if open_only else rows


def grades_text(grades) -> str:
    """The grades that caused an item, as the due list and its reminder say them:
    2024年度基本称职、2025年度基本称职."""
    return "、".join(
        _("%(year)s: %(grade)s") % {"year": year, "grade": Grade(grade).label} for year, grade in grades
    )


def _items(user, code: str, kinds) -> list[DueItem]:
    rows = consequence_list(user=user, open_only=True).filter(kind__in=kinds)
    return [
        DueItem(code, c.raised_on, c.cadre, c.cadre.unit_id, c.cadre.unit.name, grades_text(c.grades), c.pk)
        for c in rows
    ]


def adjustments_due(*, user, on: datetime.date, days: int) -> list[DueItem]:
    """Open adjustments (不称职, 基本称职 two years running), whatever their age: they stay until closed."""
    return _items(user, ADJUSTMENT_DUE, ADJUSTMENT_KINDS)


def commendations_due(*, user, on: datetime.date, days: int) -> list[DueItem]:
    """Open flags of 优秀 three years running."""
    return _items(user, COMMENDATION_DUE, [ConsequenceKind.EXCELLENT_THRICE])
