"""Reads of appraisal records: the facts the cadres system asks for."""

import datetime

from appraisal.models import AppraisalResult
from cadres.models import Cadre
from core.scope import scoped


def appraisal_facts(*, cadre: Cadre, on: datetime.date) -> tuple[tuple[int, str], ...]:
    """(year, grade) of every yearly appraisal, for the eligibility rule."""
    return tuple(AppraisalResult.objects.filter(cadre=cadre).values_list("year", "grade"))


def appraisal_result_list(*, user, cadre: Cadre):
    return scoped(user, AppraisalResult.objects.filter(cadre=cadre))
