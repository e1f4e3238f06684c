"""举报必查 is computed from the complaints: HR reads "being handled" or "none pending", and never the
complaint itself; a manual record of it is refused."""

import datetime

import pytest
from django.test import Client

from cadres.services import selection as workflow
from core.actors import system_actor
from oversight.selectors.complaint_check import complaint_check_states
from oversight.services import complaints as services
from tests.factories import AppointmentFactory, CadreFactory, PostFactory, level
from tests.oversight.factories import REPORTER, answer_integrity_opinions, clear_musts_records, complaint

D = datetime.date
CONTENT = "反映其违规收受礼金"


@pytest.fixture
def inspection(users, tree):
    """A selection in inspection with 张三 and 李四 as candidates, every other must clear."""
    post = PostFactory(unit=tree.a, title="院长", level=level("middle_principal"))
    zhang = CadreFactory(unit=tree.a, name="张三", birth_date=D(1975, 1, 1))
    li = CadreFactory(unit=tree.a, name="李四", birth_date=D(1976, 1, 1))
    for cadre in (zhang, li):
        deputy = PostFactory(unit=tree.a, title="副院长", level=level("middle_deputy"))
        AppointmentFactory(cadre=cadre, post=deputy, start_date=D(2018, 1, 1))
    process = workflow.selection_start(post=post, analysis="到龄", acting_user=users.hr)
    workflow.selection_record_recommendation(
        process=process, kind="meeting", participants=40, votes=[(zhang, 30), (li, 20)], acting_user=users.hr
    )
    for cadre in (zhang, li):
        workflow.selection_add_candidate(process=process, cadre=cadre, acting_user=users.hr)
    clear_musts_records(process.pk, zhang, li)
    answer_integrity_opinions(process.pk, zhang, li)
    return process, zhang, li


def _checks(api, user, process) -> dict[str, dict]:
    detail = api(user).get(f"/api/v1/selections/{process.pk}/")
    assert detail.status_code == 200
    return {
        row["cadre"]: next(c for c in row["checks"] if c["check"] == "complaints")
        for row in detail.json()["candidates"]
    }


def _decide(api, user, process, cadre):
    body = {"members_total": 9, "members_present": 9, "votes": [{"cadre": cadre.pk, "for": 8}]}
    return api(user).post(f"/api/v1/selections/{process.pk}/decision/", body, format="json")


def test_clear_without_a_pending_complaint(api, users, inspection):
    process, zhang, _li = inspection
    check = _checks(api, users.hr, process)[zhang.pk]
    assert check["state"] == "clear" and check["computed"] is True
    assert check["reason"] == "没有正在办理的关于该人选的信访举报"
    assert _decide(api, users.hr, process, zhang).status_code == 200


def test_a_pending_complaint_opens_it_for_that_candidate_only_and_hr_reads_no_more(
    api, users, tree, inspection
):
    process, zhang, li = inspection
    made = complaint(unit=tree.a, subjects=[zhang], acting_user=users.discipline, content=CONTENT)
    states = complaint_check_states(candidates=list(process.candidates.all()))
    by_cadre = {c.cadre_id: states[c.pk] for c in process.candidates.all()}
    assert by_cadre[zhang.pk].state == "open" and by_cadre[li.pk].state == "clear"
    detail = api(users.hr).get(f"/api/v1/selections/{process.pk}/")
    text = detail.content.decode()
    for secret in (CONTENT, *REPORTER.values(), f"#{made.pk}"):
        assert secret not in text
    check = _checks(api, users.hr, process)[zhang.pk]
    assert check["state"] == "open" and check["reason"] == "关于该人选的信访举报正在办理中"
    refused = _decide(api, users.hr, process, zhang)
    assert refused.status_code == 400 and refused.json()["code"] == "four_musts_open"
    assert CONTENT not in refused.content.decode()
    browser = Client()
    browser.force_login(users.hr)
    page = browser.get(f"/selections/{process.pk}/")
    assert page.status_code == 200 and "关于该人选的信访举报正在办理中" in page.content.decode()
    assert CONTENT not in page.content.decode() and REPORTER["name"] not in page.content.decode()


@pytest.mark.parametrize("ending", ["reject", "conclude"])
def test_a_refused_or_concluded_complaint_no_longer_holds_it_open(users, tree, inspection, ending):
    process, zhang, _li = inspection
    made = complaint(unit=tree.a, subjects=[zhang], acting_user=users.discipline)
    actor = system_actor()
    if ending == "reject":
        services.complaint_reject(
            complaint=made, decided_on=D(2026, 3, 2), reason="不属于受理范围", acting_user=actor
        )
    else:
        made = services.complaint_accept(complaint=made, decided_on=D(2026, 3, 2), acting_user=actor)
        made = services.complaint_dispose(
            complaint=made, way="close", decided_on=D(2026, 3, 3), reason="无实质内容", acting_user=actor
        )
        services.complaint_conclude(
            complaint=made, result="cleared", decided_on=D(2026, 3, 4), reason="澄清", acting_user=actor
        )
    candidate = process.candidates.get(cadre=zhang)
    assert complaint_check_states(candidates=[candidate])[candidate.pk].state == "clear"


@pytest.mark.parametrize("state", ["registered", "accepted", "disposed"])
def test_each_open_state_holds_it_open(users, tree, inspection, state):
    process, zhang, _li = inspection
    made = complaint(unit=tree.a, subjects=[zhang], acting_user=users.discipline)
    actor = system_actor()
    if state != "registered":
        made = services.complaint_accept(complaint=made, decided_on=D(2026, 3, 2), acting_user=actor)
    if state == "disposed":
        services.complaint_dispose(
            complaint=made, way="hold", decided_on=D(2026, 3, 3), reason="", acting_user=actor
        )
    candidate = process.candidates.get(cadre=zhang)
    assert complaint_check_states(candidates=[candidate])[candidate.pk].state == "open"


def test_the_check_cannot_be_recorded_by_hand(api, users, inspection):
    process, zhang, _li = inspection
    body = {"cadre": zhang.pk, "check": "complaints", "result": "clear", "note": ""}
    answer = api(users.hr).post(f"/api/v1/selections/{process.pk}/checks/", body, format="json")
    assert answer.status_code == 400 and answer.json()["code"] == "checks_are_computed"


def test_many_candidates_in_one_query(users, tree, inspection, django_assert_num_queries):
    process, zhang, li = inspection
    complaint(unit=tree.a, subjects=[zhang, li], acting_user=users.discipline)
    candidates = list(process.candidates.all())
    with django_assert_num_queries(1):
        states = complaint_check_states(candidates=candidates)
    assert {s.state for s in states.values()} == {"open"}
