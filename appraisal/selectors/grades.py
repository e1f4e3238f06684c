"""Reads of appraisal records: the facts the cadres system asks for."""

import datetime

from django.utils import timezone

from appraisal.choices import Grade
from appraisal.models import AppraisalResult
from appraisal.rules import appraisal_year_ahead
from cadres.models import Cadre
from cadres.registry import (
    OFFER_CONFLICT,
    OFFER_NEW,
    OFFER_NOT_PERMITTED,
    OFFER_RECORDED,
    OFFER_REFUSED,
    OfferedGrade,
)
from core.scope import scoped

ADD_PERMISSION = "appraisal.add_appraisalresult"


def appraisal_facts(*, cadre: Cadre, on: datetime.date) -> tuple[tuple[int, str], ...]:
    """(year, grade) of every yearly appraisal, for the eligibility rule."""
    return tuple(AppraisalResult.objects.filter(cadre=cadre).values_list("year", "grade"))


def appraisal_result_list(*, user, cadre: Cadre):
    return scoped(user, AppraisalResult.objects.filter(cadre=cadre))


def _offered(year: int, grade: str, recorded: str | None) -> OfferedGrade:
    if recorded is None:
        return OfferedGrade(year, grade, Grade(grade).label, OFFER_NEW)
    status = OFFER_RECORDED if recorded == grade else OFFER_CONFLICT
    return OfferedGrade(year, grade, Grade(grade).label, status, recorded, Grade(recorded).label)


def lrmx_grades_offer(*, cadre: Cadre, grades: list[tuple[int, str]], user) -> list[OfferedGrade]:
    """What recording the (year, grade) pairs of an .lrmx file would do; a recorded grade is never replaced.

    A user who may not record appraisal results is told so, and not shown the grades on record.
    A year after the current one is refused (appraisal.rules.appraisal_year_ahead).
    """
    if not user.has_perm(ADD_PERMISSION):
        return [OfferedGrade(year, grade, Grade(grade).label, OFFER_NOT_PERMITTED) for year, grade in grades]
    recorded: dict[int, str] = {}
    if cadre.pk is not None:
        years = [year for year, _grade in grades]
        recorded = dict(
            AppraisalResult.objects.filter(cadre=cadre, year__in=years).values_list("year", "grade")
        )
    today = timezone.localdate()
    return [
        OfferedGrade(year, grade, Grade(grade).label, OFFER_REFUSED)
        if appraisal_year_ahead(year=year, on=today)
        else _offered(year, grade, recorded.get(year))
        for year, grade in grades
    ]
