"""Demo appraisal data: three years of grades for the college and the province data set, and
this year's annual cycle of the college, open with ballots in."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from appraisal.choices import CycleKind, Grade
from appraisal.models import AppraisalCycle, AppraisalResult, IndicatorTemplate, TemplateIndicator
from appraisal.services.ballots import ballot_submit, ballots_issue
from appraisal.services.cycles import cycle_create, cycle_open
from appraisal.services.reports import self_report_save
from appraisal.services.teams import team_add
from cadres.demo.college import ROOT_CODE, cadres_under
from cadres.demo.province import BATCH, PROVINCE_CODE, analyze
from cadres.models import CadreStatus, OrgUnit, OrgUnitKind
from core.actors import public_actor
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


DEMO_TEMPLATE = "德能勤绩廉通用指标"
DEMO_INDICATORS = [
    ("de", "政治品德", 20),
    ("neng", "履职能力", 20),
    ("qin", "工作作风", 15),
    ("ji", "工作实绩", 30),
    ("lian", "廉洁自律", 15),
]
DEMO_CYCLE_UNITS = 3  # colleges in the demo cycle
DEMO_CODES_PER_GROUP, DEMO_BALLOTS_PER_GROUP = 6, 4
DEMO_REPORTS = 8  # participants with a written self report
DEMO_REPORT = "%(name)s（%(unit)s）述职述廉报告：一年来，认真履行岗位职责，严守纪律规矩，完成年度重点任务。"
DEMO_TEAM_REPORT = (
    "%(unit)s领导班子述职述廉报告：坚持民主集中制，推进学科建设与人才培养，落实全面从严治党主体责任。"
)


def _demo_template() -> IndicatorTemplate:
    template, created = IndicatorTemplate.objects.get_or_create(name=DEMO_TEMPLATE)
    if created:
        for order, (dimension, name, weight) in enumerate(DEMO_INDICATORS):
            TemplateIndicator.objects.create(
                template=template, dimension=dimension, name=name, weight=weight, order=order
            )
    return template


def seed_college_cycle(*, scale: str, acting_user, seed: int = 11) -> list[str]:
    """This year's annual cycle over a few colleges, open, with some ballots in; once."""
    root = OrgUnit.objects.filter(code=ROOT_CODE).first()
    year = timezone.localdate().year
    name = f"{year}年度干部考核（示范）"
    if root is None or AppraisalCycle.objects.filter(name=name).exists():
        return []
    units = list(
        OrgUnit.objects.filter(parent=root, kind=OrgUnitKind.COLLEGE).order_by("path")[:DEMO_CYCLE_UNITS]
    )
    today = timezone.localdate()
    cycle = cycle_create(
        kind=CycleKind.ANNUAL,
        year=year,
        name=name,
        units=units,
        on=today,
        unit=root,
        closes_on=today + datetime.timedelta(days=14),
        template=_demo_template(),
        acting_user=acting_user,
    )
    teams = [
        team_add(
            cycle=cycle, unit=unit, report=DEMO_TEAM_REPORT % {"unit": unit.name}, acting_user=acting_user
        )
        for unit in units[:2]
    ]
    for participant in cycle.participants.select_related("cadre", "unit")[:DEMO_REPORTS]:
        text = DEMO_REPORT % {"name": participant.cadre.name, "unit": participant.unit.name}
        self_report_save(participant=participant, text=text, file=None, acting_user=acting_user)
    cycle_open(cycle=cycle, acting_user=acting_user)
    rng, actor = random.Random(seed), public_actor()
    cadres = list(cycle.participants.values_list("cadre_id", flat=True))
    for group in cycle.rater_groups.all():
        codes = ballots_issue(cycle=cycle, group=group, count=DEMO_CODES_PER_GROUP, acting_user=acting_user)
        for code in codes[:DEMO_BALLOTS_PER_GROUP]:
            scores = [{"cadre": c, "score": rng.randint(68, 98)} for c in cadres]
            scores += [{"team": t.pk, "score": rng.randint(75, 96)} for t in teams]
            ballot_submit(code=code, scores=scores, acting_user=actor)
    return [f"  appraisal cycle {name}: {len(cadres)} participants, ballots in."]


SEEDERS = [
    Seeder("appraisal", 20, seed_college_appraisals),
    Seeder("appraisal_cycle", 25, seed_college_cycle),
    Seeder("appraisal_province", 60, seed_province_appraisals),
]
