"""Proof that the selection cannot be completed around the rules: a demo-like selection is driven
through the API and through the HTML forms with a blocked candidate, and every sequence is refused
with the right code; a relaxable block with a reason and the consent document goes through."""

import datetime
import json
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.test import Client

from cadres.models import Appointment, PostLevel, ProcessEvent, SelectionCandidate, SelectionProcess
from cadres.rules.tenure import add_years
from core.actors import system_actor
from oversight.models import Sanction
from oversight.services import sanction_save
from tests.factories import AppointmentFactory, CadreFactory, PostFactory, level
from tests.oversight.factories import answer_integrity_opinions

D = datetime.date
TODAY = datetime.date.today()
# The integrity opinion is computed (oversight answers it): answer_integrity_opinions.
CHECKS = ["file_review", "personal_matters", "complaints"]
REASON = "经党委研究，业绩特别突出，破格提名"
DOCUMENT = "省委组干〔2026〕12号"
# What the HTML page shows for each refusal (the API gives the code itself).
SHOWN = {
    "ineligible": ("不符合任职资格",),
    "override_document_required": ("请填写上级组织部门同意破格提拔的文号",),
    "not_relaxable": ("破格提拔不能放宽",),
    "tie_at_cut": ("须重新表决",),
    "not_approved": ("未获通过", "有效的选项"),  # the page offers approved candidates only
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


class ApiDriver:
    kind = "api"

    def __init__(self, api, user):
        self.client = api(user)

    def start(self, post) -> int:
        response = self.client.post("/api/v1/selections/", {"post": post.pk}, format="json")
        assert response.status_code == 201, response.json()
        return response.json()["id"]

    def run(self, pk, step, **data) -> Outcome:
        body = {key: getattr(value, "pk", value) for key, value in data.items() if key != "votes"}
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
        response = self.client.post("/selections/new/", {"post": post.pk, "analysis": "院长空缺"})
        assert response.status_code == 302
        return SelectionProcess.objects.get(post=post, state="initiated").pk

    def run(self, pk, step, **data) -> Outcome:
        fields = {key: getattr(value, "pk", value) for key, value in data.items() if key != "votes"}
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


def to_candidates(driver, world) -> int:
    pk = driver.start(world.post)
    votes = {world.zhang: 40, world.li: 30, world.young: 20, world.old: 5, world.sanctioned: 3}
    ok(driver.run(pk, "recommendation", votes=votes))
    return pk


def clear(driver, pk, *cadres):
    for cadre in cadres:
        for check in CHECKS:
            ok(driver.run(pk, "checks", cadre=cadre, check=check, result="clear", note="无问题"))
    answer_integrity_opinions(pk, *cadres)


def decide(driver, pk, votes, total=9):
    return driver.run(
        pk,
        "decision",
        members_total=total,
        members_present=total,
        decision_date=TODAY.isoformat(),
        votes=votes,
    )


def to_notice(driver, pk, votes):
    ok(decide(driver, pk, votes))
    ok(driver.run(pk, "notice", start_date=(TODAY - datetime.timedelta(days=30)).isoformat()))


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
