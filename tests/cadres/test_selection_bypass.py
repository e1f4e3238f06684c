"""Proof that the selection cannot be completed around the rules: a demo-like selection is driven
through the API and through the HTML forms with a blocked candidate, and every sequence is refused
with the right code, dates included (out of order, in the future, or all dated back to when the
candidate was still eligible); a relaxable block with a reason and the consent document goes
through."""

import datetime
import json
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from cadres.models import Appointment, PostLevel, ProcessEvent, SelectionCandidate, SelectionProcess
from cadres.rules.tenure import add_years
from core.actors import system_actor
from oversight.models import Sanction
from oversight.services import sanction_save
from tests.factories import AppointmentFactory, CadreFactory, PostFactory, level
from tests.oversight.factories import clear_computed_checks

D = datetime.date
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
# The steps' dates unless a test gives its own: recommendation and candidates, then the checks,
# the decision and a notice that has ended by today.
RECOMMENDED, CHECKED, DECIDED, NOTICE = TODAY - 20 * DAY, TODAY - 19 * DAY, TODAY - 18 * DAY, TODAY - 17 * DAY
DEFAULT_DATES = {
    "recommendation": {"date": RECOMMENDED},
    "candidates": {"date": RECOMMENDED},
    "checks": {"date": CHECKED},
}
# Every must is computed from its records (oversight): clear_computed_checks.
CHECKS: list[str] = []
REASON = "经党委研究，业绩特别突出，破格提名"
DOCUMENT = "省委组干〔2026〕12号"
# What the HTML page shows for each refusal (the API gives the code itself).
SHOWN = {
    "ineligible": ("不符合任职资格",),
    "override_document_required": ("请填写上级组织部门同意破格提拔的文号",),
    "not_relaxable": ("破格提拔不能放宽",),
    "tie_at_cut": ("须重新表决",),
    "not_approved": ("未获通过", "有效的选项"),  # the page offers approved candidates only
    "step_date_out_of_order": ("早于", "晚于", "须晚于"),
    "date_in_future": ("晚于今天",),
}


@pytest.fixture
def world(tree):
    """Like the demo: a vacant 院长 post (age limit 58) and deputies of the same college."""
    PostLevel.objects.filter(code="middle_principal").update(age_limit=58)
    post = PostFactory(unit=tree.a, title="院长", level=level("middle_principal"))
    predecessor = CadreFactory(unit=tree.a, name="老院长", birth_date=D(1968, 1, 1))
    AppointmentFactory(cadre=predecessor, post=post, start_date=D(2016, 1, 1))

    def deputy(name, since, **fields):
        cadre = CadreFactory(unit=tree.a, name=name, **fields)
        AppointmentFactory(
            cadre=cadre, post=PostFactory(unit=tree.a, title=f"副院长{name}"), start_date=since
        )
        return cadre

    return SimpleNamespace(
        post=post,
        zhang=deputy("张伟", D(2022, 1, 1)),
        li=deputy("李娜", D(2022, 1, 1), gender="female", birth_date=D(1980, 3, 3)),
        # Deputy for 18 months, two years required: a qualification 破格 may relax.
        young=deputy("王新", D(2025, 6, 1), birth_date=D(1988, 5, 5), work_start_date=D(2010, 7, 1)),
        # Turns 58 twenty days from now: eligible at the decision, not at a later appointment.
        ageing=deputy(
            "陈刚", D(2018, 1, 1), birth_date=add_years(start=TODAY, years=-58) + datetime.timedelta(20)
        ),
        old=deputy("刘军", D(2015, 1, 1), birth_date=D(1966, 2, 2)),  # past the post's age limit
        sanctioned=deputy("赵强", D(2019, 1, 1)),
    )


@pytest.fixture
def sanction(world):
    def record(cadre, decided=TODAY):
        sanction_save(
            acting_user=system_actor(),
            sanction=Sanction(cadre=cadre, kind="admonishment", decision_date=decided),
        )

    record(world.sanctioned, decided=TODAY - datetime.timedelta(days=30))  # 诫勉: six months
    return record


@dataclass
class Outcome:
    ok: bool
    code: str | None
    text: str


def serial(value):
    """A cadre as its id, a date as ISO text: what a form post or a JSON body carries."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return getattr(value, "pk", value)


class ApiDriver:
    kind = "api"

    def __init__(self, api, user):
        self.client = api(user)

    def start(self, post) -> int:
        body = {"post": post.pk, "vacancy_date": TODAY.isoformat()}
        response = self.client.post("/api/v1/selections/", body, format="json")
        assert response.status_code == 201, response.json()
        return response.json()["id"]

    def run(self, pk, step, **data) -> Outcome:
        body = {
            key: serial(value)
            for key, value in (DEFAULT_DATES.get(step, {}) | data).items()
            if key != "votes"
        }
        if step == "recommendation":
            body |= {"kind": "meeting", "participants": 48}
            body["votes"] = [{"cadre": c.pk, "count": n} for c, n in data["votes"].items()]
        if step == "decision":
            body["votes"] = [{"cadre": c.pk, "for": n} for c, n in data["votes"].items()]
        response = self.client.post(f"/api/v1/selections/{pk}/{step}/", body, format="json")
        answer = response.json()
        return Outcome(
            response.status_code == 200, answer.get("code"), json.dumps(answer, ensure_ascii=False)
        )


class HtmlDriver:
    kind = "html"

    def __init__(self, api, user):
        self.client = Client()
        self.client.force_login(user)

    def start(self, post) -> int:
        body = {"post": post.pk, "analysis": "院长空缺", "vacancy_date": TODAY.isoformat()}
        response = self.client.post("/selections/new/", body)
        assert response.status_code == 302
        return SelectionProcess.objects.get(post=post, state="initiated").pk

    def run(self, pk, step, **data) -> Outcome:
        fields = {
            key: serial(value)
            for key, value in (DEFAULT_DATES.get(step, {}) | data).items()
            if key != "votes"
        }
        if step == "recommendation":
            fields |= {"kind": "meeting", "participants": 48}
            for i, (cadre, count) in enumerate(data["votes"].items()):
                fields |= {f"cadre_{i}": cadre.pk, f"count_{i}": count}
        if step == "decision":
            fields |= {f"votes_{cadre.pk}": n for cadre, n in data["votes"].items()}
        body = {f"{step}-{key}": value for key, value in fields.items()}
        response = self.client.post(f"/selections/{pk}/{step}/", body)
        assert response.status_code in (302, 400), response.status_code
        return Outcome(response.status_code == 302, None, response.content.decode())


@pytest.fixture(params=["api", "html"])
def driver(request, api, users):
    return {"api": ApiDriver, "html": HtmlDriver}[request.param](api, users.hr)


def refused(outcome: Outcome, code: str, driver) -> None:
    assert not outcome.ok, outcome.text[:2000]
    if driver.kind == "api":
        assert outcome.code == code, outcome.text
    else:
        assert any(shown in outcome.text for shown in SHOWN[code]), code


def ok(outcome: Outcome) -> None:
    assert outcome.ok, outcome.text[:3000]


def to_candidates(driver, world, on=RECOMMENDED) -> int:
    pk = driver.start(world.post)
    votes = {world.zhang: 40, world.li: 30, world.young: 20, world.old: 5, world.sanctioned: 3}
    ok(driver.run(pk, "recommendation", votes=votes, date=on))
    return pk


def clear(driver, pk, *cadres, on=CHECKED):
    for cadre in cadres:
        for check in CHECKS:
            ok(driver.run(pk, "checks", cadre=cadre, check=check, result="clear", note="无问题", date=on))
    clear_computed_checks(pk, *cadres, on=on)


def decide(driver, pk, votes, total=9, on=TODAY):
    return driver.run(
        pk, "decision", members_total=total, members_present=total, decision_date=on, votes=votes
    )


def to_notice(driver, pk, votes, decided=DECIDED, notice=NOTICE):
    ok(decide(driver, pk, votes, on=decided))
    ok(driver.run(pk, "notice", start_date=notice))


def appoint(driver, pk, cadre, start=TODAY):
    return driver.run(
        pk, "appoint", cadre=cadre, document_no="示范院党〔2026〕30号", start_date=start.isoformat()
    )


def candidates(pk):
    return set(SelectionCandidate.objects.filter(process_id=pk).values_list("cadre__name", flat=True))


class TestBlockedCandidateCannotGetThrough:
    def test_without_an_override(self, driver, world, sanction):
        pk = to_candidates(driver, world)
        for cadre in (world.young, world.old, world.sanctioned):
            refused(driver.run(pk, "candidates", cadre=cadre), "ineligible", driver)
        assert candidates(pk) == set()

    def test_override_without_the_consent_document(self, driver, world):
        pk = to_candidates(driver, world)
        refused(
            driver.run(pk, "candidates", cadre=world.young, override_reason=REASON),
            "override_document_required",
            driver,
        )
        assert candidates(pk) == set()

    @pytest.mark.parametrize("who", ["old", "sanctioned"])
    def test_override_for_a_block_that_may_not_be_relaxed(self, driver, world, sanction, who):
        pk = to_candidates(driver, world)
        outcome = driver.run(
            pk, "candidates", cadre=getattr(world, who), override_reason=REASON, override_document=DOCUMENT
        )
        refused(outcome, "not_relaxable", driver)
        if driver.kind == "api":
            code = {"old": "age_limit", "sanctioned": "sanction_effect_period"}[who]
            assert code in json.loads(outcome.text)["codes"]
        assert candidates(pk) == set()

    def test_sanction_after_the_candidates_step_refuses_the_decision(self, driver, world, sanction):
        pk = to_candidates(driver, world)
        ok(driver.run(pk, "candidates", cadre=world.zhang))
        clear(driver, pk, world.zhang)
        sanction(world.zhang)
        refused(decide(driver, pk, {world.zhang: 8}), "ineligible", driver)
        process = SelectionProcess.objects.get(pk=pk)
        assert process.state == "inspection"
        assert not SelectionCandidate.objects.filter(process=process, approved=True).exists()

    def test_age_limit_reached_by_the_appointment_date(self, driver, world):
        pk = to_candidates(driver, world)
        ok(driver.run(pk, "candidates", cadre=world.ageing))
        clear(driver, pk, world.ageing)
        to_notice(driver, pk, {world.ageing: 7})
        birthday = add_years(start=world.ageing.birth_date, years=58)
        refused(appoint(driver, pk, world.ageing, start=birthday), "ineligible", driver)
        assert not Appointment.objects.filter(post=world.post, cadre=world.ageing).exists()
        ok(appoint(driver, pk, world.ageing, start=birthday - datetime.timedelta(days=1)))


class TestOneSeat:
    def test_tie_then_one_approved_and_the_other_cannot_be_appointed(self, driver, world):
        pk = to_candidates(driver, world)
        for cadre in (world.zhang, world.li):
            ok(driver.run(pk, "candidates", cadre=cadre))
        clear(driver, pk, world.zhang, world.li)
        refused(decide(driver, pk, {world.zhang: 6, world.li: 6}), "tie_at_cut", driver)
        assert SelectionProcess.objects.get(pk=pk).state == "inspection"
        to_notice(driver, pk, {world.zhang: 7, world.li: 6})
        approved = SelectionCandidate.objects.filter(process_id=pk, approved=True)
        assert list(approved.values_list("cadre__name", flat=True)) == ["张伟"]
        assert SelectionCandidate.objects.get(process_id=pk, cadre=world.li).votes_for == 6
        decision = ProcessEvent.objects.get(process_id=pk, step="decision").summary
        assert "李娜" in decision
        refused(appoint(driver, pk, world.li), "not_approved", driver)
        assert not Appointment.objects.filter(cadre=world.li, post=world.post).exists()
        ok(appoint(driver, pk, world.zhang))


class TestRelaxableBlockGoesThrough:
    def test_reason_and_document_carry_the_candidate_to_the_appointment(self, driver, world, users):
        pk = to_candidates(driver, world)
        ok(
            driver.run(
                pk, "candidates", cadre=world.young, override_reason=REASON, override_document=DOCUMENT
            )
        )
        candidate = SelectionCandidate.objects.get(process_id=pk, cadre=world.young)
        assert candidate.relaxed_codes == ["deputy_tenure_short"]
        assert (candidate.override_document, candidate.override_by) == (DOCUMENT, users.hr)
        assert candidate.override_at is not None
        event = ProcessEvent.objects.get(process_id=pk, step="candidates").summary
        assert DOCUMENT in event and "deputy_tenure_short" in event and REASON in event
        clear(driver, pk, world.young)
        to_notice(driver, pk, {world.young: 7})
        ok(appoint(driver, pk, world.young))
        appointment = Appointment.objects.get(post=world.post, end_date__isnull=True)
        assert appointment.cadre == world.young
        assert SelectionProcess.objects.get(pk=pk).state == "appointed"


class TestDatesCannotCarryABlockedCandidate:
    """The same sequences with the steps' dates: out of order, ahead of today, or all dated back to
    when the candidate was still eligible."""

    def test_candidate_dated_before_the_recommendation(self, driver, world):
        pk = to_candidates(driver, world)
        refused(
            driver.run(pk, "candidates", cadre=world.zhang, date=RECOMMENDED - DAY),
            "step_date_out_of_order",
            driver,
        )
        assert candidates(pk) == set()

    def test_steps_dated_tomorrow(self, driver, world):
        pk = driver.start(world.post)
        votes = {world.zhang: 40}
        refused(driver.run(pk, "recommendation", votes=votes, date=TODAY + DAY), "date_in_future", driver)
        assert not ProcessEvent.objects.filter(process_id=pk, step="recommendation").exists()

    def test_decision_before_the_last_check_and_notice_before_the_decision(self, driver, world):
        pk = to_candidates(driver, world)
        ok(driver.run(pk, "candidates", cadre=world.zhang))
        clear(driver, pk, world.zhang)
        refused(decide(driver, pk, {world.zhang: 8}, on=CHECKED - DAY), "step_date_out_of_order", driver)
        ok(decide(driver, pk, {world.zhang: 8}, on=CHECKED))  # the same day is allowed
        refused(driver.run(pk, "notice", start_date=CHECKED - DAY), "step_date_out_of_order", driver)
        assert SelectionProcess.objects.get(pk=pk).state == "decided"

    def test_appointment_on_the_last_day_of_the_notice(self, driver, world):
        pk = to_candidates(driver, world)
        ok(driver.run(pk, "candidates", cadre=world.zhang))
        clear(driver, pk, world.zhang)
        to_notice(driver, pk, {world.zhang: 8})
        end = SelectionProcess.objects.get(pk=pk).notice_end
        refused(appoint(driver, pk, world.zhang, start=end), "step_date_out_of_order", driver)
        assert not Appointment.objects.filter(post=world.post, cadre=world.zhang).exists()
        ok(appoint(driver, pk, world.zhang, start=end + DAY))

    def test_everything_dated_back_to_before_the_age_limit(self, driver, world):
        # 刘军 reached the post's age limit on 2024-02-02: in 2023 every step passes, yet no
        # appointment is made today for a cadre blocked today.
        pk = to_candidates(driver, world, on=D(2023, 1, 2))
        ok(driver.run(pk, "candidates", cadre=world.old, date=D(2023, 1, 2)))
        clear(driver, pk, world.old, on=D(2023, 1, 3))
        to_notice(driver, pk, {world.old: 8}, decided=D(2023, 1, 4), notice=D(2023, 1, 5))
        refused(appoint(driver, pk, world.old, start=D(2023, 2, 1)), "ineligible", driver)
        assert not Appointment.objects.filter(post=world.post, cadre=world.old).exists()

    def test_sanctioned_cadre_chosen_before_the_sanction(self, driver, world, sanction):
        # 赵强's 诫勉 was decided 30 days ago; chosen before it, he is refused at the decision.
        before = TODAY - 40 * DAY
        pk = to_candidates(driver, world, on=before)
        ok(driver.run(pk, "candidates", cadre=world.sanctioned, date=before))
        clear(driver, pk, world.sanctioned, on=before)
        refused(decide(driver, pk, {world.sanctioned: 8}), "ineligible", driver)
        ok(decide(driver, pk, {world.sanctioned: 8}, on=before))  # as of then he was clear
        ok(driver.run(pk, "notice", start_date=before))
        refused(appoint(driver, pk, world.sanctioned), "ineligible", driver)
        assert not Appointment.objects.filter(post=world.post, cadre=world.sanctioned).exists()
