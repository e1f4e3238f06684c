"""Supervised meetings (纪委列席): each attendance with its attendee, findings and follow-up."""

import datetime

import pytest
from django.utils import timezone

from core.roles import DISCIPLINE
from oversight.choices import MeetingKind
from tests.factories import CadreFactory, UserFactory

URL = "/api/v1/supervised-meetings/"


@pytest.fixture
def attendee(tree):
    return CadreFactory(unit=tree.root, name="纪委干部")


def _body(tree, attendee, **extra):
    return {
        "kind": "recruitment",
        "unit": tree.a.pk,
        "title": "公开招聘面试",
        "held_on": timezone.localdate().isoformat(),
        "attendee": attendee.pk,
        "findings": [{"text": "评委抽取记录不完整", "follow_up": "完善记录"}],
    } | extra


def test_every_kind_is_recorded_with_findings(tree, users, api, attendee):
    for kind in MeetingKind.values:
        made = api(users.discipline).post(URL, _body(tree, attendee, kind=kind), format="json")
        assert made.status_code == 201, made.json()
    body = api(users.discipline).get(URL).json()
    assert body["count"] == len(MeetingKind.values) == 7
    assert body["results"][0]["findings"][0]["follow_up"] == "完善记录"
    meeting_id = body["results"][0]["id"]
    added = api(users.discipline).post(f"{URL}{meeting_id}/findings/", {"text": "另一发现"}, format="json")
    assert len(added.json()["findings"]) == 2


def test_bad_input_and_scope(tree, users, api, attendee):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert (
        api(users.discipline).post(URL, _body(tree, attendee, held_on=tomorrow), format="json").json()["code"]
        == "in_future"
    )
    assert (
        api(users.discipline).post(URL, _body(tree, attendee, kind="party"), format="json").status_code == 400
    )
    empty = _body(tree, attendee, findings=[{"text": ""}])
    assert api(users.discipline).post(URL, empty, format="json").status_code == 400
    in_b = UserFactory(username="discipline_b", role=DISCIPLINE, scope_unit=tree.b)
    api(users.discipline).post(URL, _body(tree, attendee), format="json")
    assert api(in_b).get(URL).json()["count"] == 0
    assert (
        api(in_b).post(URL, _body(tree, attendee, unit=tree.b.pk), format="json").status_code == 400
    )  # attendee outside
    assert api(users.leader).get(URL).json()["count"] == 1
    assert api(users.leader).post(URL, _body(tree, attendee), format="json").status_code == 403


@pytest.mark.parametrize("count", [1, 7])
def test_list_query_count_is_constant(tree, users, api, attendee, django_assert_max_num_queries, count):
    for _index in range(count):
        api(users.discipline).post(URL, _body(tree, attendee), format="json")
    with django_assert_max_num_queries(10):
        assert api(users.discipline).get(URL).json()["count"] == count


def test_the_page(tree, users, client, attendee):
    client.force_login(users.discipline)
    today = timezone.localdate().isoformat()
    form = {
        "kind": "committee",
        "unit": tree.a.pk,
        "title": "党委会",
        "held_on": today,
        "attendee": attendee.pk,
        "finding": "程序规范",
    }
    assert client.post("/oversight/meetings/", form).status_code == 302
    assert "程序规范" in client.get("/oversight/meetings/").content.decode()


def test_the_leaders_figures(tree, users, client, college):
    from oversight.services.letters import letters_generate

    letters_generate(year=timezone.localdate().year, sign_by=None, acting_user=college.actor)
    client.force_login(users.leader)
    page = client.get("/oversight/dashboard/")
    assert page.status_code == 200
    assert page.context["letters"]["total"] == 3 and page.context["overdue_count"] == 0
