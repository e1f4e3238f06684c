"""Integrity opinions close the selection's 纪检监察机关意见必听 check; an objection keeps it refused."""

import datetime

import pytest

from cadres.services import selection as workflow
from oversight.models import IntegrityOpinion
from tests.factories import AppointmentFactory, CadreFactory, PostFactory, level
from tests.oversight.factories import SanctionFactory, clear_musts_records, complaint

D = datetime.date
URL = "/api/v1/integrity-opinions/"
MANUAL: list[str] = []  # every must is computed from its records


@pytest.fixture
def inspection(users, tree):
    """A selection in inspection with 张三 as the candidate, the three manual checks clear."""
    post = PostFactory(unit=tree.a, title="院长", level=level("middle_principal"))
    zhang = CadreFactory(unit=tree.a, name="张三", birth_date=D(1975, 1, 1))
    deputy = PostFactory(unit=tree.a, title="副院长", level=level("middle_deputy"))
    AppointmentFactory(cadre=zhang, post=deputy, start_date=D(2018, 1, 1))
    process = workflow.selection_start(post=post, analysis="到龄", acting_user=users.hr)
    workflow.selection_record_recommendation(
        process=process, kind="meeting", participants=40, votes=[(zhang, 30)], acting_user=users.hr
    )
    workflow.selection_add_candidate(process=process, cadre=zhang, acting_user=users.hr)
    for kind in MANUAL:
        workflow.selection_record_check(
            process=process, cadre=zhang, kind=kind, result="clear", note="无", acting_user=users.hr
        )
    clear_musts_records(process.pk, zhang)
    return process, zhang


def _check(api, user, process):
    detail = api(user).get(f"/api/v1/selections/{process.pk}/").json()
    return next(c for c in detail["candidates"][0]["checks"] if c["check"] == "integrity_opinion")


def _decide(api, user, process, cadre):
    body = {"members_total": 9, "members_present": 9, "votes": [{"cadre": cadre.pk, "for": 8}]}
    return api(user).post(f"/api/v1/selections/{process.pk}/decision/", body, format="json")


def test_adding_a_candidate_asks_for_the_opinion_with_a_draft(inspection):
    process, zhang = inspection
    opinion = IntegrityOpinion.objects.get(selection=process, cadre=zhang)
    assert opinion.state == "requested" and opinion.requested_by.username == "hr"
    assert opinion.draft.count("0") >= 2  # no open complaint, no open case


def test_the_check_is_open_until_answered_then_clear(api, users, inspection):
    process, zhang = inspection
    check = _check(api, users.hr, process)
    assert check["state"] == "open" and check["computed"] is True and check["reason"]
    refused = _decide(api, users.hr, process, zhang)
    assert refused.status_code == 400 and refused.json()["code"] == "four_musts_open"
    opinion = IntegrityOpinion.objects.get(selection=process, cadre=zhang)
    answered = api(users.discipline).post(
        f"{URL}{opinion.pk}/answer/", {"opinion": "no_objection"}, format="json"
    )
    assert answered.status_code == 200 and answered.json()["state"] == "answered"
    assert _check(api, users.hr, process)["state"] == "clear"
    assert _decide(api, users.hr, process, zhang).status_code == 200


def test_an_objection_keeps_the_decision_refused_with_the_opinion_as_reason(api, users, inspection):
    process, zhang = inspection
    opinion = IntegrityOpinion.objects.get(selection=process, cadre=zhang)
    body = {"opinion": "objection", "text": "存在未办结的问题线索"}
    api(users.discipline).post(f"{URL}{opinion.pk}/answer/", body, format="json")
    check = _check(api, users.hr, process)
    assert check["state"] == "open" and "存在未办结的问题线索" in check["reason"]
    refused = _decide(api, users.hr, process, zhang)
    assert refused.json()["code"] == "four_musts_open" and "存在未办结的问题线索" in refused.json()["message"]
    again = api(users.discipline).post(
        f"{URL}{opinion.pk}/answer/", {"opinion": "no_objection"}, format="json"
    )
    assert again.json()["code"] == "already_answered"


def test_the_check_cannot_be_recorded_by_hand(api, users, inspection):
    process, zhang = inspection
    body = {"cadre": zhang.pk, "check": "integrity_opinion", "result": "clear", "note": ""}
    answer = api(users.hr).post(f"/api/v1/selections/{process.pk}/checks/", body, format="json")
    assert answer.status_code == 400 and answer.json()["code"] == "checks_are_computed"


def test_an_objection_needs_its_text_and_hr_cannot_answer(api, users, inspection):
    process, zhang = inspection
    opinion = IntegrityOpinion.objects.get(selection=process, cadre=zhang)
    path = f"{URL}{opinion.pk}/answer/"
    assert api(users.hr).post(path, {"opinion": "no_objection"}, format="json").status_code == 403
    missing = api(users.discipline).post(path, {"opinion": "objection"}, format="json")
    assert missing.json()["fields"]["text"][0]["code"] == "required"
    bad = api(users.discipline).post(path, {"opinion": "maybe"}, format="json")
    assert bad.status_code == 400 and bad.json()["fields"]["opinion"][0]["code"] == "invalid_choice"


def test_hr_asks_ad_hoc_and_sees_no_draft(api, users, tree):
    cadre = CadreFactory(unit=tree.a, name="李四")
    SanctionFactory(cadre=cadre, kind="party_warning", decision_date=D(2026, 1, 5))
    complaint(unit=tree.a, subjects=[cadre])
    asked = api(users.hr).post(URL, {"cadre": cadre.pk}, format="json")
    assert asked.status_code == 201 and asked.json()["draft"] == ""
    draft = api(users.discipline).get(f"{URL}{asked.json()['id']}/").json()["draft"]
    assert "2026-01-05" in draft and "1" in draft
    assert api(users.clerk).get(URL).status_code == 403
    assert api(users.leader).get(URL).status_code == 200


def test_a_selection_opinion_is_for_its_candidates_once(api, users, tree, inspection):
    process, zhang = inspection
    other = CadreFactory(unit=tree.a)
    assert api(users.hr).post(URL, {"cadre": other.pk, "selection": process.pk}, format="json").json()[
        "code"
    ] == ("not_a_candidate")
    assert api(users.hr).post(URL, {"cadre": zhang.pk, "selection": process.pk}, format="json").json()[
        "code"
    ] == ("already_requested")


def test_a_leader_sees_the_state_and_a_clerk_of_another_unit_nothing(
    api, users, tree, django_assert_max_num_queries
):
    from core.roles import HR
    from tests.factories import UserFactory

    for _ in range(4):
        api(users.hr).post(URL, {"cadre": CadreFactory(unit=tree.b).pk}, format="json")
    hr_a = UserFactory(username="hr_a", role=HR, scope_unit=tree.a)
    outside = IntegrityOpinion.objects.first()
    assert api(hr_a).get(URL).json()["count"] == 0
    assert api(hr_a).get(f"{URL}{outside.pk}/").status_code == 404
    assert api(hr_a).post(URL, {"cadre": outside.cadre_id}, format="json").json()["fields"]["cadre"][0][
        "code"
    ] == ("does_not_exist")
    client = api(users.leader)
    with django_assert_max_num_queries(8):
        assert client.get(URL).json()["count"] == 4


def test_the_pages_ask_and_answer(users, tree, django_assert_max_num_queries):
    from django.test import Client

    cadre = CadreFactory(unit=tree.a, name="王五")
    hr, staff = Client(), Client()
    hr.force_login(users.hr)
    staff.force_login(users.discipline)
    assert hr.post("/oversight/integrity-opinions/", {"cadre": cadre.pk}).status_code == 302
    opinion = IntegrityOpinion.objects.get()
    for _ in range(3):
        hr.post("/oversight/integrity-opinions/", {"cadre": CadreFactory(unit=tree.a).pk})
    with django_assert_max_num_queries(12):
        listed = hr.get("/oversight/integrity-opinions/")
    assert "王五" in listed.content.decode()
    detail = f"/oversight/integrity-opinions/{opinion.pk}/"
    assert hr.post(detail, {"verdict": "no_objection"}).status_code == 404
    assert (
        staff.post(detail, {"verdict": "objection", "text": ""}).status_code == 200
    )  # the error, on the form
    assert staff.post(detail, {"verdict": "objection", "text": "有未办结线索"}).status_code == 302
    opinion.refresh_from_db()
    assert opinion.opinion == "objection" and opinion.answered_by == users.discipline
