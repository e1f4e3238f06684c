"""Demo appraisal grades: three years for the college, and for the province data set."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from appraisal.choices import Grade
from appraisal.models import AppraisalResult
from cadres.demo.college import ROOT_CODE, cadres_under
from cadres.demo.province import BATCH, PROVINCE_CODE, analyze
from cadres.models import CadreStatus
from core.demo import Seeder

COLLEGE_GRADES = [Grade.EXCELLENT] * 2 + [Grade.COMPETENT] * 17 + [Grade.BASICALLY_COMPETENT]
PROVINCE_GRADES = [
    (Grade.EXCELLENT, 15),
    (Grade.COMPETENT, 82),
    (Grade.BASICALLY_COMPETENT, 2),
    (Grade.INCOMPETENT, 1),
]


def seed_college_appraisals(*, scale: str, acting_user, seed: int = 7) -> list[str]:
    """Grades for 2023-2025; rows that exist are kept (ignore_conflicts), so a rerun adds none."""
    cadres = cadres_under(ROOT_CODE)
    if len(cadres) < 110:
        return []
    rng = random.Random(seed)
    results = [
        AppraisalResult(cadre=cadre, year=year, grade=rng.choice(COLLEGE_GRADES))
        for cadre in cadres
        for year in (2023, 2024, 2025)
    ]
    AppraisalResult.objects.bulk_create(results, ignore_conflicts=True)
    return []


def seed_province_appraisals(
    *, scale: str, acting_user, seed: int = 2026, on: datetime.date | None = None
) -> list[str]:
    """The last three years' grades of the province's serving cadres, bulk-loaded once."""
    cadres = cadres_under(PROVINCE_CODE) if scale == "province" else []
    if not cadres or AppraisalResult.objects.filter(cadre=cadres[0]).exists():
        return []
    rng = random.Random(seed)
    grades, weights = zip(*PROVINCE_GRADES, strict=True)
    year = (on or timezone.localdate()).year
    results = [
        AppraisalResult(cadre_id=pk, year=y, grade=rng.choices(grades, weights=weights)[0])
        for pk in (c.pk for c in cadres if c.status == CadreStatus.SERVING)
        for y in range(year - 3, year)
    ]
    with transaction.atomic():
        AppraisalResult.objects.bulk_create(results, batch_size=BATCH)
    analyze(AppraisalResult)
    return [f"  {len(results)} appraisal results in the province."]


SEEDERS = [
    Seeder("appraisal", 20, seed_college_appraisals),
    Seeder("appraisal_province", 60, seed_province_appraisals),
]
