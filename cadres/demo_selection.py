"""Demo data for 选人用人 beyond the records: figures, sanctions, appraisal grades, reserves and a
selection under way, so every page of the workflow has something to show."""

import datetime
import random

from appraisal.models import AppraisalResult
from cadres.models import Cadre, CalendarDay, OrgUnit, PostLevel, ReserveCadre, SelectionProcess
from cadres.services import selection as workflow
from cadres.services.reserve import reserve_save
from oversight.models import Sanction
from oversight.services import sanction_save

GRADES = ["excellent"] * 2 + ["competent"] * 17 + ["basically_competent"]
# The State Council publishes each year's holidays late in the year before: an administrator
# enters them here until the chinese-calendar package catches up.
HOLIDAYS_2027 = [(datetime.date(2027, 1, 1), "holiday", "元旦")] + [
    (datetime.date(2027, 2, day), "holiday", "春节") for day in range(6, 13)
]


def seed_selection_demo(*, root: OrgUnit, seed: int = 7) -> None:
    """Idempotent: each part is skipped when the college already has that kind of data."""
    rng = random.Random(seed)
    PostLevel.objects.filter(code="middle_principal").update(age_limit=58)
    PostLevel.objects.filter(code="middle_deputy").update(age_limit=55)
    for day, kind, note in HOLIDAYS_2027:
        CalendarDay.objects.get_or_create(date=day, defaults={"kind": kind, "note": note})
    cadres = list(Cadre.objects.filter(unit__path__startswith=root.path).order_by("pk"))
    if len(cadres) < 110:
        return
    in_college = {"cadre__unit__path__startswith": root.path}
    _appraisals(rng, cadres)
    if not Sanction.objects.filter(**in_college).exists():
        _sanctions(cadres)
    if not ReserveCadre.objects.filter(**in_college).exists():
        _reserves(rng, cadres)
    if not SelectionProcess.objects.filter(post__unit__path__startswith=root.path).exists():
        _selection_under_way(root, cadres)


def _appraisals(rng, cadres):
    results = [
        AppraisalResult(cadre=cadre, year=year, grade=rng.choice(GRADES))
        for cadre in cadres
        for year in (2023, 2024, 2025)
    ]
    AppraisalResult.objects.bulk_create(results, ignore_conflicts=True)


def _sanctions(cadres):
    for cadre, kind, decided, reason in [
        (cadres[20], "admonishment", datetime.date(2026, 8, 10), "落实中央八项规定精神不到位"),
        (cadres[45], "party_warning", datetime.date(2025, 12, 1), "违规发放津贴补贴"),
        (cadres[70], "transfer", datetime.date(2024, 5, 20), "履职不力，造成不良影响"),
    ]:
        sanction_save(
            sanction=Sanction(
                cadre=cadre,
                kind=kind,
                decision_date=decided,
                reason=reason,
                document_no=f"示范院纪〔{decided.year}〕{decided.month}号",
            )
        )


def _reserves(rng, cadres):
    principal = PostLevel.objects.get(code="middle_principal")
    deputies = [c for c in cadres if c.appointments.filter(post__level__code="middle_deputy").exists()]
    for cadre in rng.sample(deputies, min(12, len(deputies))):
        reserve_save(
            reserve=ReserveCadre(
                cadre=cadre,
                target_level=principal,
                nomination_date=datetime.date(2025, 3, 1),
                development_plan="到基层单位挂职锻炼；参加省委党校中青年干部培训班；牵头一项重点改革任务。",
            )
        )


def _selection_under_way(root, cadres):
    """A selection for a vacant principal post, at the inspection step."""
    from cadres.models import Post
    from cadres.selectors.appointments import held_on

    today = datetime.date.today()
    held = Post.objects.filter(appointments__end_date__isnull=True).values("pk")
    posts = Post.objects.filter(unit__path__startswith=root.path, level__tier="middle", active=True)
    vacant = posts.exclude(pk__in=held).order_by("level__rank", "unit__path").first()
    if vacant is None:
        return
    process = workflow.selection_start(
        post=vacant,
        acting_user=None,
        analysis="原负责同志调任，岗位空缺，按程序选拔。",
        method="内部选拔，会议推荐与谈话推荐相结合",
    )
    deputies = [
        c
        for c in cadres
        if c.appointments.filter(
            held_on(today), post__unit=vacant.unit, post__level__code="middle_deputy"
        ).exists()
    ][:3] or cadres[100:103]
    workflow.selection_record_recommendation(
        process=process,
        kind="meeting",
        participants=48,
        votes=[(cadre, 40 - 12 * index) for index, cadre in enumerate(deputies)],
        acting_user=None,
    )
    for cadre in deputies[:2]:
        # Demo cadres may miss a rule (short tenure); the workflow then needs a stated reason.
        workflow.selection_add_candidate(
            process=process, cadre=cadre, acting_user=None, override_reason="经党委研究，特别优秀，破格提名"
        )
    for kind in ("file_review", "personal_matters"):
        workflow.selection_record_check(
            process=process, cadre=deputies[0], kind=kind, result="clear", note="无异常", acting_user=None
        )
