"""The steps' dates at their boundaries, through the steps' service table and through the API:
the same day allowed, a day out of order refused (naming both dates), after today refused, the
appointment only after the notice ended (and possibly after today)."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from cadres.models import Objection, Recommendation, SelectionCandidate, SelectionProcess
from cadres.services import selection as services
from cadres.services.selection_steps import selection_step_run
from core.errors import RuleViolation
from oversight.models import IntegrityOpinion
from tests.factories import AppointmentFactory, CadreFactory, PostFactory, level
from tests.oversight.factories import clear_computed_checks

D = datetime.date
DAY = datetime.timedelta(days=1)
TODAY = timezone.localdate()
# The integrity opinion is computed (oversight answers it, undated): answered after the checks step.
# Every must is computed from its records (oversight): clear_computed_checks; an administrator's
# override is the one check still recorded by hand, and its date keeps the steps' order.
OVERRIDE = "经核实，无相关举报"
# The dates each step takes unless a test tries another: a plain week of March 2026.
RECOMMENDED, CHOSEN, CHECKED, DECIDED, NOTICE = (D(2026, 3, d) for d in (2, 3, 4, 5, 9))
NOTICE_END = D(2026, 3, 13)  # the 5th working day from Monday 9 March
RECEIVED = D(2026, 3, 10)
ORDER = ["recommendation", "candidates", "checks", "decision", "notice", "objections", "resolve", "appoint"]


@pytest.fixture
def world(tree, users):
    post = PostFactory(unit=tree.a, title="院长", level=level("middle_principal"))
    zhang = CadreFactory(unit=tree.a, name="张伟")
    AppointmentFactory(cadre=zhang, post=PostFactory(unit=tree.a, title="副院长"), start_date=D(2020, 1, 1))
    process = services.selection_start(post=post, acting_user=users.hr)
    return SimpleNamespace(post=post, zhang=zhang, process=process)


def inputs(world, step: str, on: datetime.date) -> list[dict]:
    """The step's input dated `on` (the checks: the four musts)."""
    cadre = world.zhang
    if step == "recommendation":
        return [{"kind": "meeting", "participants": 30, "votes": [(cadre, 20)], "date": on}]
    if step == "candidates":
        return [{"cadre": cadre, "date": on}]
    if step == "checks":
        # The one check recorded by hand now: an administrator's override, with its reason.
        return [{"cadre": cadre, "check": "complaints", "result": "clear", "note": OVERRIDE, "date": on}]
    if step == "decision":
        return [{"members_total": 9, "members_present": 9, "votes": [(cadre, 8)], "decision_date": on}]
    if step == "notice":
        return [{"start_date": on}]
    if step == "objections":
        return [{"cadre": cadre, "content": "反映", "received_date": on}]
    if step == "resolve":
        objection = Objection.objects.get(process=world.process)
        return [{"objection": objection, "resolution": "不属实", "upheld": False, "resolved_date": on}]
    return [{"cadre": cadre, "document_no": "示范院党〔2026〕5号", "start_date": on}]


def after(world, step: str, on: datetime.date) -> None:
    """With the override, the other musts' records come in on the same day (once)."""
    asked = IntegrityOpinion.objects.filter(selection_id=world.process.pk, cadre=world.zhang)
    if step == "checks" and asked.filter(answered_on__isnull=True).exists():
        clear_computed_checks(world.process.pk, world.zhang, on=on)


USUAL = {
    "recommendation": RECOMMENDED,
    "candidates": CHOSEN,
    "checks": CHECKED,
    "decision": DECIDED,
    "notice": NOTICE,
    "objections": RECEIVED,
    "resolve": RECEIVED,
    "appoint": NOTICE_END + DAY,
}


class ServiceRunner:
    def __init__(self, world, users, api):
        self.world, self.user, self.admin = world, users.hr, users.admin

    def run(self, step, on) -> str | None:
        user = self.admin if step == "checks" else self.user
        try:
            for data in inputs(self.world, step, on):
                selection_step_run(process=self.world.process, step=step, data=data, acting_user=user)
        except RuleViolation as exc:
            self.error = exc
            return exc.error_dict[next(iter(exc.error_dict))][0].code
        after(self.world, step, on)
        return None

    def message(self) -> str:
        return " ".join(self.error.messages)

    def dates(self) -> dict:
        return self.error.extra


class ApiRunner:
    def __init__(self, world, users, api):
        self.world, self.client, self.admin = world, api(users.hr), api(users.admin)

    def run(self, step, on) -> str | None:
        pk = self.world.process.pk
        for data in inputs(self.world, step, on):
            body = {
                key: self.serial(value) for key, value in data.items() if key not in ("votes", "objection")
            }
            path = step
            if step == "recommendation":
                body["votes"] = [{"cadre": c.pk, "count": n} for c, n in data["votes"]]
            if step == "decision":
                body["votes"] = [{"cadre": c.pk, "for": n} for c, n in data["votes"]]
            if step == "resolve":
                path = f"objections/{data['objection'].pk}/resolve"
            client = self.admin if step == "checks" else self.client
            response = client.post(f"/api/v1/selections/{pk}/{path}/", body, format="json")
            if response.status_code != 200:
                assert response.status_code == 400, response.content
                self.body = response.json()
                return self.body["code"]
        after(self.world, step, on)
        return None

    @staticmethod
    def serial(value):
        return value.isoformat() if isinstance(value, datetime.date) else getattr(value, "pk", value)

    def message(self) -> str:
        return self.body["message"]

    def dates(self) -> dict:
        return {key: self.body[key] for key in ("date", "previous") if key in self.body}


@pytest.fixture(params=["service", "api"])
def runner(request, world, users, api):
    return {"service": ServiceRunner, "api": ApiRunner}[request.param](world, users, api)


def advance_to(runner, step):
    """Every step before `step` on its usual date (an objection only before its resolution)."""
    for earlier in ORDER[: ORDER.index(step)]:
        if earlier in ("objections", "resolve") and step != "resolve":
            continue
        assert runner.run(earlier, USUAL[earlier]) is None, runner.message()


CASES = [
    # step, its date, the refusal (None: allowed)
    ("recommendation", TODAY, None),
    ("recommendation", TODAY + DAY, "date_in_future"),
    ("candidates", RECOMMENDED, None),
    ("candidates", RECOMMENDED - DAY, "step_date_out_of_order"),
    ("candidates", TODAY + DAY, "date_in_future"),
    ("checks", CHOSEN, None),
    ("checks", CHOSEN - DAY, "step_date_out_of_order"),
    ("checks", TODAY + DAY, "date_in_future"),
    ("decision", CHECKED, None),
    ("decision", CHECKED - DAY, "step_date_out_of_order"),
    ("decision", TODAY + DAY, "date_in_future"),
    ("notice", DECIDED, None),
    ("notice", DECIDED - DAY, "step_date_out_of_order"),
    ("notice", TODAY + DAY, "date_in_future"),
    ("objections", NOTICE, None),
    ("objections", NOTICE_END, None),
    ("objections", NOTICE - DAY, "step_date_out_of_order"),
    ("objections", NOTICE_END + DAY, "step_date_out_of_order"),
    ("resolve", RECEIVED, None),
    ("resolve", RECEIVED - DAY, "step_date_out_of_order"),
    ("resolve", TODAY + DAY, "date_in_future"),
    ("appoint", NOTICE_END + DAY, None),
    ("appoint", NOTICE_END, "step_date_out_of_order"),
    ("appoint", TODAY + 30 * DAY, None),  # an appointment may take effect later
]
PREVIOUS = {
    "candidates": RECOMMENDED,
    "checks": CHOSEN,
    "decision": CHECKED,
    "notice": DECIDED,
    "resolve": RECEIVED,
    "appoint": NOTICE_END,
}


@pytest.mark.parametrize(("step", "on", "refusal"), CASES, ids=[f"{s}-{d}" for s, d, _r in CASES])
def test_step_date_boundary(runner, step, on, refusal):
    advance_to(runner, step)
    assert runner.run(step, on) == refusal
    if refusal is None:
        return
    message = runner.message()
    assert on.isoformat() in message
    if refusal == "step_date_out_of_order":
        previous = NOTICE if on < NOTICE and step == "objections" else PREVIOUS.get(step, NOTICE_END)
        assert previous.isoformat() in message  # both dates are named
        assert runner.dates() == {"date": on.isoformat(), "previous": previous.isoformat()}


def test_dates_are_recorded(runner, world):
    advance_to(runner, "notice")
    process = SelectionProcess.objects.get(pk=world.process.pk)
    assert Recommendation.objects.get(process=process).date == RECOMMENDED
    candidate = SelectionCandidate.objects.get(process=process)
    assert candidate.added_date == CHOSEN
    assert {check.check_date for check in candidate.checks.all()} == {CHECKED}
    assert process.decision_date == DECIDED


def test_left_out_dates_are_today(world, users):
    process, hr = world.process, users.hr
    services.selection_record_recommendation(
        process=process, kind="talk", participants=5, votes=[], acting_user=hr
    )
    candidate = services.selection_add_candidate(process=process, cadre=world.zhang, acting_user=hr)
    check = services.selection_record_check(
        process=process,
        cadre=world.zhang,
        kind="complaints",
        result="clear",
        note=OVERRIDE,
        acting_user=users.admin,
    )
    assert Recommendation.objects.get(process=process).date == TODAY
    assert (candidate.added_date, check.check_date) == (TODAY, TODAY)


def test_eligibility_is_judged_as_of_the_candidates_date(world, users, tree):
    # A deputy since 2020-01-01 has two years' tenure on 2022-01-01: short the day before.
    junior = CadreFactory(unit=tree.a, name="王新")
    AppointmentFactory(cadre=junior, post=PostFactory(unit=tree.a, title="副院长2"), start_date=D(2020, 1, 1))
    services.selection_record_recommendation(
        process=world.process, kind="talk", participants=5, votes=[], acting_user=users.hr, date=D(2021, 1, 4)
    )
    with pytest.raises(RuleViolation) as refused:
        services.selection_add_candidate(
            process=world.process, cadre=junior, acting_user=users.hr, date=D(2021, 12, 31)
        )
    assert "deputy_tenure_short" in {r["code"] for r in refused.value.extra["reasons"]}
    candidate = services.selection_add_candidate(
        process=world.process, cadre=junior, acting_user=users.hr, date=D(2022, 1, 1)
    )
    assert candidate.added_date == D(2022, 1, 1)


def test_the_decision_comes_after_the_records_that_cleared_the_musts(world, users):
    """The computed musts count by the day of their records (the file review, the personal-matters
    check, the opinion's answer): a decision dated before them is out of order."""
    hr, process = users.hr, world.process
    services.selection_record_recommendation(
        process=process, kind="talk", participants=5, votes=[], acting_user=hr, date=RECOMMENDED
    )
    services.selection_add_candidate(process=process, cadre=world.zhang, acting_user=hr, date=CHOSEN)
    reviewed = CHOSEN + 5 * DAY
    clear_computed_checks(process.pk, world.zhang, on=reviewed)
    votes = [(world.zhang, 8)]
    with pytest.raises(RuleViolation) as refused:
        services.selection_decide(
            process=process,
            members_total=9,
            members_present=9,
            votes=votes,
            acting_user=hr,
            decision_date=reviewed - DAY,
        )
    assert refused.value.error_dict["decision_date"][0].code == "step_date_out_of_order"
    assert refused.value.extra["previous"] == reviewed.isoformat()
    services.selection_decide(
        process=process,
        members_total=9,
        members_present=9,
        votes=votes,
        acting_user=hr,
        decision_date=reviewed,
    )
    process.refresh_from_db()
    assert process.decision_date == reviewed
