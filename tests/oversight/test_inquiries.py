"""Letter inquiries (函询): letter, written reply, conclusion; they reach the integrity opinion's draft."""

import datetime

import pytest

from oversight.selectors.opinions import opinion_draft
from oversight.services.complaints import complaint_accept, complaint_dispose
from tests.factories import CadreFactory
from tests.oversight.factories import complaint

D = datetime.date
URL = "/api/v1/letter-inquiries/"


def post(api, user, path, body):
    return api(user).post(path, body, format="json")


@pytest.fixture
def inquired(users, tree):
    cadre = CadreFactory(unit=tree.a, name="孙函询")
    made = complaint(unit=tree.a, subjects=[cadre], acting_user=users.discipline)
    complaint_accept(complaint=made, decided_on=D(2026, 3, 3), acting_user=users.discipline)
    complaint_dispose(
        complaint=made, way="talk_inquiry", decided_on=D(2026, 3, 5), reason="", acting_user=users.discipline
    )
    return made, cadre


def test_letter_reply_conclusion(api, users, inquired):
    made, cadre = inquired
    sent = post(
        api,
        users.discipline,
        URL,
        {"cadre": cadre.pk, "complaint": made.pk, "sent_on": "2026-03-06", "letter": "请说明"},
    )
    assert sent.status_code == 201, sent.json()
    path = f"{URL}{sent.json()['id']}/"
    early = post(
        api, users.discipline, path + "conclude/", {"concluded_on": "2026-03-20", "conclusion": "了结"}
    )
    assert early.json()["code"] == "step_out_of_order"
    before = post(api, users.discipline, path + "reply/", {"replied_on": "2026-03-05", "reply": "情况说明"})
    assert before.json()["code"] == "before_previous_step"
    assert (
        post(
            api, users.discipline, path + "reply/", {"replied_on": "2026-03-10", "reply": "情况说明"}
        ).status_code
        == 200
    )
    done = post(
        api,
        users.discipline,
        path + "conclude/",
        {"concluded_on": "2026-03-20", "conclusion": "说明属实，予以了结"},
    )
    assert done.json()["state"] == "concluded"
    assert "说明属实，予以了结" in opinion_draft(cadre=cadre, on=D(2026, 4, 1))


def test_an_inquiry_from_a_complaint_needs_the_inquiry_way(api, users, tree):
    cadre = CadreFactory(unit=tree.a)
    held = complaint(unit=tree.a, subjects=[cadre])
    answer = post(
        api,
        users.discipline,
        URL,
        {"cadre": cadre.pk, "complaint": held.pk, "sent_on": "2026-03-06", "letter": "x"},
    )
    assert answer.json()["code"] == "not_a_talk_inquiry"
    assert post(
        api, users.discipline, URL, {"cadre": cadre.pk, "sent_on": "not a date", "letter": "x"}
    ).json()["fields"]["sent_on"]


@pytest.mark.parametrize("role", ["hr", "clerk", "leader"])
def test_inquiries_are_for_discipline_staff_only(api, users, tree, role):
    cadre = CadreFactory(unit=tree.a)
    assert api(getattr(users, role)).get(URL).status_code == 403
    assert (
        post(
            api, getattr(users, role), URL, {"cadre": cadre.pk, "sent_on": "2026-03-06", "letter": "x"}
        ).status_code
        == 403
    )


def test_another_units_inquiry_cannot_be_read_or_written(api, users, tree, django_assert_max_num_queries):
    from core.roles import DISCIPLINE
    from tests.factories import UserFactory

    staff_a = UserFactory(username="discipline_a", role=DISCIPLINE, scope_unit=tree.a)
    outside = post(
        api,
        users.discipline,
        URL,
        {"cadre": CadreFactory(unit=tree.b).pk, "sent_on": "2026-03-06", "letter": "x"},
    ).json()
    for _ in range(3):
        post(
            api,
            users.discipline,
            URL,
            {"cadre": CadreFactory(unit=tree.a).pk, "sent_on": "2026-03-06", "letter": "x"},
        )
    client = api(staff_a)
    with django_assert_max_num_queries(8):
        assert client.get(URL).json()["count"] == 3
    assert client.get(f"{URL}{outside['id']}/").status_code == 404
    assert (
        post(
            api, staff_a, f"{URL}{outside['id']}/reply/", {"replied_on": "2026-03-10", "reply": "x"}
        ).status_code
        == 404
    )
