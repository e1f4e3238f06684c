"""Demo data of 能上能下, commendations and care for the college: the consequences its grades call
for, commendations, this year's talks (most of the owed pairs, gaps left), visits and the year's
health check with its list. Runs after the grades; a rerun adds nothing."""

import datetime
import random

from django.utils import timezone

from appraisal.models import CareTalk, Commendation, HealthCheck, HealthCheckRound, Visit
from appraisal.selectors.care import talk_coverage
from appraisal.services.care import care_talk_save, health_check_list_make, visit_save
from appraisal.services.commendations import commendation_save
from appraisal.services.consequences import consequences_sync
from cadres.demo.college import ROOT_CODE, cadres_under, seed_supervision
from cadres.models import OrgUnit, OrgUnitKind
from core.demo import Seeder

COMMENDATIONS = [
    ("优秀共产党员", "party_building", "honour", "college", "regular", "中共示范职业技术学院委员会"),
    ("教学名师", "teaching", "material", "provincial", "regular", "省教育厅"),
    ("疫情防控先进个人", "safety", "honour", "college", "timely", "中共示范职业技术学院委员会"),
    ("科技进步奖", "innovation", "material", "provincial", "regular", "省人民政府"),
    ("改革创新先进个人", "reform", "honour", "college", "regular", "示范职业技术学院"),
    ("重大任务攻坚先进个人", "major_tasks", "honour", "national", "timely", "教育部"),
]
COLLECTIVE = [
    ("先进基层党组织", "party_building", "honour", "provincial", "regular", "省委教育工委"),
    ("平安校园先进集体", "safety", "honour", "college", "regular", "示范职业技术学院"),
]
TALK_SHARE = 0.75  # of the owed pairs, talked by the demo day
VISITS = [
    ("illness", "慰问金、鲜花"),
    ("bereavement", "慰问金"),
    ("festival", "节日慰问品"),
    ("retirement", "纪念品"),
]


def _day_this_year(rng, today: datetime.date) -> datetime.date:
    start = datetime.date(today.year, 1, 1)
    return start + datetime.timedelta(days=rng.randrange(max((today - start).days, 1)))


def _commendations(rng, cadres, actor, today):
    for n, cadre in enumerate(rng.sample(cadres, min(18, len(cadres)))):
        title, category, kind, level, timing, body = COMMENDATIONS[n % len(COMMENDATIONS)]
        year = today.year - n % 3
        awarded = min(datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)), today)
        row = Commendation(
            scope="individual",
            cadre=cadre,
            title=title,
            category=category,
            kind=kind,
            level=level,
            timing=timing,
            awarded_on=awarded,
            issuing_body=body,
            document_no=f"示范院党〔{year}〕{rng.randrange(1, 60)}号",
        )
        commendation_save(commendation=row, acting_user=actor)
    colleges = list(OrgUnit.objects.filter(code__startswith=f"{ROOT_CODE}-", kind=OrgUnitKind.COLLEGE))
    for (title, category, kind, level, timing, body), unit in zip(
        COLLECTIVE, rng.sample(colleges, 2), strict=False
    ):
        row = Commendation(
            scope="collective",
            unit=unit,
            title=title,
            category=category,
            kind=kind,
            level=level,
            timing=timing,
            awarded_on=_day_this_year(rng, today),
            issuing_body=body,
        )
        commendation_save(commendation=row, acting_user=actor)


class _Everyone:
    is_authenticated = is_active = is_superuser = True
    scope_unit = None


def seed_college_care(*, scale: str, acting_user, seed: int = 14) -> list[str]:
    cadres = cadres_under(ROOT_CODE)
    if len(cadres) < 110 or CareTalk.objects.filter(talkee__in=cadres[:50]).exists():
        return []
    rng, today = random.Random(seed), timezone.localdate()
    counts = consequences_sync(cadre_ids=[c.pk for c in cadres], on=today, acting_user=acting_user)
    seed_supervision()  # the college demo's 分管, shared with oversight's letters
    _commendations(rng, cadres, acting_user, today)
    coverage = talk_coverage(user=_Everyone(), year=today.year, on=today)
    talked = 0
    for row in coverage.rows:
        if rng.random() < TALK_SHARE:
            kind = rng.choice(["regular", "regular", "care", "reminder"])
            topics = {"regular": "思想状况与工作开展", "care": "家庭与身体情况", "reminder": "工作作风提醒"}[
                kind
            ]
            care_talk_save(
                talk=CareTalk(
                    talker=row.senior,
                    talkee=row.junior,
                    talked_on=_day_this_year(rng, today),
                    kind=kind,
                    topics=topics,
                    follow_up="按期跟进" if rng.random() < 0.3 else "",
                ),
                acting_user=acting_user,
            )
            talked += 1
    for cadre in rng.sample(cadres, 8):
        occasion, given = rng.choice(VISITS)
        visit = Visit(
            cadre=cadre,
            occasion=occasion,
            visited_on=_day_this_year(rng, today),
            visited_by="党委书记、工会主席",
            given=given,
        )
        visit_save(visit=visit, acting_user=acting_user)
    check_round, _created = HealthCheckRound.objects.get_or_create(
        year=today.year,
        defaults={"arranged_on": datetime.date(today.year, 4, 1), "note": "校医院组织，分批进行"},
    )
    health_check_list_make(check_round=check_round, acting_user=acting_user)
    done = [c for c in check_round.checks.all() if rng.random() < 0.6]
    for check in done:
        check.done_on = _day_this_year(rng, today)
    HealthCheck.objects.bulk_update(done, ["done_on"])
    return [
        f"  能上能下: {counts['raised']} items raised; {Commendation.objects.count()} commendations; "
        f"talks: {talked} of {coverage.owed} owed pairs; {len(done)} health checks done."
    ]


SEEDERS = [Seeder("appraisal_care", 27, seed_college_care)]
