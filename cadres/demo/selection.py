"""Demo data for 选人用人 beyond the records: figures, holidays, reserves and a selection under
way, so every page of the workflow has something to show (grades and sanctions: appraisal and
oversight's demo, which run before this)."""

import datetime
import random

from cadres.models import Cadre, CalendarDay, FamilyMember, OrgUnit, PostLevel, ReserveCadre, SelectionProcess
from cadres.registry import CHECK_PROVIDERS
from cadres.rules.exceptional import not_relaxable
from cadres.rules.tenure import add_years
from cadres.selectors.eligibility import cadre_eligibility, cadres_at_or_past_level
from cadres.selectors.exceptional import relaxable_codes
from cadres.services import selection as workflow
from cadres.services.reserve import reserve_save
from core.errors import RuleViolation
from core.models import User
from core.services import history_save

# Blocks no exceptional promotion (破格) can lift: the demo's candidates must be clear of them.

# The State Council publishes each year's holidays late in the year before: an administrator
# enters them here until the chinese-calendar package catches up.
HOLIDAYS_2027 = [(datetime.date(2027, 1, 1), "holiday", "元旦")] + [
    (datetime.date(2027, 2, day), "holiday", "春节") for day in range(6, 13)
]


def seed_selection_demo(*, root: OrgUnit, acting_user: User, seed: int = 7) -> None:
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
    if not ReserveCadre.objects.filter(**in_college).exists():
        _reserves(rng, cadres, acting_user)
    if not SelectionProcess.objects.filter(post__unit__path__startswith=root.path).exists():
        _selection_under_way(root, cadres, acting_user)
    inspection = SelectionProcess.objects.filter(post__unit__path__startswith=root.path, state="inspection")
    if inspection.exists() and not inspection.exclude(candidates__override_reason="").exists():
        _exceptional_candidate(rng, inspection.select_related("post__unit").first(), acting_user)
    if not FamilyMember.objects.filter(settled_abroad=True, **in_college).exists():
        _spouse_abroad(cadres, acting_user)


def _spouse_abroad(cadres, acting_user):
    """One serving middle-level principal whose spouse has settled abroad (family_abroad)."""
    principals = Cadre.objects.filter(
        pk__in=[c.pk for c in cadres],
        appointments__end_date__isnull=True,
        appointments__post__level__code="middle_principal",
    )
    spouse = FamilyMember.objects.filter(cadre__in=principals, relation="spouse").order_by("cadre_id").first()
    if spouse is not None:
        spouse.settled_abroad = True
        spouse.work_unit_post = "已移居加拿大"
        history_save(spouse, acting_user=acting_user)


def _reserves(rng, cadres, acting_user):
    principal = PostLevel.objects.get(code="middle_principal")
    deputies = [c for c in cadres if c.appointments.filter(post__level__code="middle_deputy").exists()]
    reached = cadres_at_or_past_level(
        cadres=Cadre.objects.filter(pk__in=[c.pk for c in deputies]),
        level=principal,
        on=datetime.date.today(),
    )
    deputies = [c for c in deputies if c.pk not in reached]
    for cadre in rng.sample(deputies, min(12, len(deputies))):
        reserve_save(
            reserve=ReserveCadre(
                cadre=cadre,
                target_level=principal,
                nomination_date=datetime.date(2025, 3, 1),
                development_plan="到基层单位挂职锻炼；参加省委党校中青年干部培训班；牵头一项重点改革任务。",
            ),
            acting_user=acting_user,
        )


def _add_candidate(process, cadre, acting_user) -> bool:
    """Demo cadres may miss a qualification (short tenure): then an exceptional promotion with the
    higher organisation department's consent; one blocked by a rule 破格 cannot relax is left out."""
    result = cadre_eligibility(cadre=cadre, post=process.post, on=datetime.date.today())
    blocks = [r.code for r in result.blocks]
    if not_relaxable(blocks=blocks, relaxable=relaxable_codes()):
        return False
    override = OVERRIDE if blocks else {}
    try:
        workflow.selection_add_candidate(process=process, cadre=cadre, acting_user=acting_user, **override)
    except RuleViolation:  # a limit of 破格 itself (probation, two levels): not a candidate
        return False
    return True


OVERRIDE = {"override_reason": "经党委研究，特别优秀，破格提名", "override_document": "省委组干〔2026〕12号"}


def _exceptional_candidate(rng, process, acting_user) -> None:
    """One candidate through 破格: the unit's office head (正科) for two years, a year short of the
    three a deputy post needs (`lower_principal_tenure_short`, relaxable), with the consent."""
    from cadres.demo.college import _appoint, _new_cadre
    from cadres.models import Appointment, Post
    from cadres.services.org import post_save

    unit, today = process.post.unit, datetime.date.today()
    post = Post.objects.filter(unit=unit, title="办公室主任").first() or post_save(
        post=Post(
            unit=unit,
            title="办公室主任",
            level=PostLevel.objects.get(code="section"),
            category="administrative",
        ),
        acting_user=acting_user,
    )
    held = Appointment.objects.filter(post=post, end_date__isnull=True).select_related("cadre").first()
    if held is None:
        cadre = _new_cadre(rng, unit=unit, level_code="middle_deputy", actor=acting_user)
        start = add_years(start=today, years=-2)
        held = _appoint(rng, cadre=cadre, post=post, start=start, actor=acting_user)
    try:
        workflow.selection_add_candidate(
            process=process, cadre=held.cadre, acting_user=acting_user, **OVERRIDE
        )
    except RuleViolation:  # the demo's college changed: no 破格 example then
        return


def _selection_under_way(root, cadres, acting_user):
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
        acting_user=acting_user,
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
        acting_user=acting_user,
    )
    added = []
    for cadre in deputies:
        if len(added) < 2 and _add_candidate(process, cadre, acting_user):
            added.append(cadre)
    # The computed musts (cadres.registry.CHECK_PROVIDERS) come from their systems' records.
    manual = [kind for kind in ("file_review", "personal_matters") if kind not in CHECK_PROVIDERS]
    for kind in manual if added else ():
        workflow.selection_record_check(
            process=process,
            cadre=added[0],
            kind=kind,
            result="clear",
            note="无异常",
            acting_user=acting_user,
        )
