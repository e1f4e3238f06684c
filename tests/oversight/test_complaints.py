"""Complaints: the state machine through the API, the confidential reporter, scope and roles."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection

from oversight.models import Complaint, ComplaintSettings, ReporterDisclosure
from tests.factories import CadreFactory
from tests.oversight.factories import REPORTER, complaint

D = datetime.date
URL = "/api/v1/complaints/"


@pytest.fixture
def named(users, tree):
    return complaint(
        unit=tree.a, subjects=[CadreFactory(unit=tree.a, name="钱被告")], acting_user=users.discipline
    )


def post(api, user, path, body=None):
    return api(user).post(path, body or {}, format="json")


def test_the_reporter_columns_hold_no_plain_text(named):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reporter_name, reporter_phone, reporter_address FROM oversight_complaint WHERE id = %s",
            [named.pk],
        )
        row = cursor.fetchone()
    assert all(value and value.startswith("gAAAAA") for value in row)
    for plain in REPORTER.values():
        assert all(plain not in value for value in row)
    assert Complaint.objects.get(pk=named.pk).reporter_name == REPORTER["name"]


def test_the_history_keeps_no_reporter_column(named):
    historical = {f.name for f in named.history.model._meta.get_fields()}
    assert not historical & {"reporter_name", "reporter_phone", "reporter_address", "query_code_hash"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM oversight_historicalcomplaint")
        rows = cursor.fetchall()
    assert rows and all(REPORTER["name"] not in str(row) for row in rows)


def test_register_accept_dispose_extend_conclude(api, users, tree):
    cadre = CadreFactory(unit=tree.a)
    body = {
        "unit": tree.a.pk,
        "subjects": [cadre.pk],
        "channel": "phone",
        "received_on": "2026-03-02",
        "category": "work_style",
        "content": "反映其工作日饮酒",
        "reporter_anonymous": False,
        "reporter_name": "孙实名",
        "reporter_phone": "13800000000",
    }
    created = post(api, users.discipline, URL, body)
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["accept_due"] == "2026-03-17" and data["conclude_due"] is None
    assert "孙实名" not in created.content.decode() and "13800000000" not in created.content.decode()
    assert data["query_code"] == ""
    path = f"{URL}{data['id']}/"
    assert (
        post(api, users.discipline, path + "dispose/", {"way": "hold", "decided_on": "2026-03-05"}).json()[
            "code"
        ]
        == "step_out_of_order"
    )
    accepted = post(api, users.discipline, path + "accept/", {"decided_on": "2026-03-10"})
    assert accepted.status_code == 200 and accepted.json()["conclude_due"] == "2026-05-09"
    disposed = post(
        api,
        users.discipline,
        path + "dispose/",
        {"way": "preliminary_check", "decided_on": "2026-03-12", "reason": "线索具体"},
    )
    assert disposed.json()["disposal_way"] == "preliminary_check"
    assert post(api, users.discipline, path + "extend/").json()["conclude_due"] == "2026-06-08"
    again = post(api, users.discipline, path + "extend/")
    assert again.status_code == 400 and again.json()["code"] == "already_extended"
    concluded = post(
        api,
        users.discipline,
        path + "conclude/",
        {"result": "cleared", "decided_on": "2026-04-01", "reason": "不属实"},
    )
    assert concluded.json()["state"] == "concluded" and concluded.json()["result"] == "cleared"
    told = post(api, users.discipline, path + "tell-reporter/", {"about": "result", "told_on": "2026-04-02"})
    assert told.json()["told_result_on"] == "2026-04-02"


def test_reject_needs_a_reason_and_a_date_not_before_receipt(api, users, named):
    path = f"{URL}{named.pk}/reject/"
    assert post(api, users.discipline, path, {"decided_on": "2026-03-05"}).json()["fields"]["reason"][0][
        "code"
    ] == ("required")
    early = post(api, users.discipline, path, {"decided_on": "2026-02-27", "reason": "不属受理范围"})
    assert early.status_code == 400 and early.json()["code"] == "before_previous_step"
    done = post(api, users.discipline, path, {"decided_on": "2026-03-05", "reason": "不属受理范围"})
    assert done.json()["state"] == "rejected"


@pytest.mark.parametrize(
    "body",
    [
        {"way": "shred", "decided_on": "2026-03-05"},
        {"way": "hold", "decided_on": "not a date"},
        {"way": "hold", "decided_on": "9999-01-01"},
        {"way": ["hold"], "decided_on": None},
        {},
    ],
)
def test_bad_input_is_a_field_error(api, users, named, body):
    post(api, users.discipline, f"{URL}{named.pk}/accept/", {"decided_on": "2026-03-03"})
    answer = post(api, users.discipline, f"{URL}{named.pk}/dispose/", body)
    assert answer.status_code == 400 and answer.json()["fields"]


def test_a_named_complaint_needs_the_name_and_an_anonymous_one_takes_none(api, users, tree):
    base = {
        "unit": tree.a.pk,
        "channel": "letter",
        "received_on": "2026-03-02",
        "category": "other",
        "content": "x",
    }
    named = post(api, users.discipline, URL, base | {"reporter_anonymous": False})
    assert named.json()["fields"]["reporter_name"][0]["code"] == "required"
    anonymous = post(api, users.discipline, URL, base | {"reporter_phone": "139"})
    assert anonymous.json()["code"] == "reporter_given_anonymous"
    future = post(api, users.discipline, URL, base | {"received_on": "2099-01-01"})
    assert future.json()["code"] == "in_future"
    assert not Complaint.objects.exists()


def test_deadlines_follow_the_settings_row_in_working_days(api, users, tree):
    ComplaintSettings.objects.create(accept_days=15, conclude_days=60, extension_days=30, day_mode="working")
    made = complaint(unit=tree.a, received_on=D(2026, 3, 2), acting_user=users.discipline)
    assert made.accept_due == D(2026, 3, 23)


@pytest.mark.parametrize("role", ["hr", "clerk", "leader", "nobody"])
def test_every_role_but_discipline_and_admin_gets_403(api, users, named, role):
    user = getattr(users, role)
    for answer in (
        api(user).get(URL),
        api(user).get(f"{URL}{named.pk}/"),
        api(user).get(f"{URL}{named.pk}/reporter/"),
        post(api, user, f"{URL}{named.pk}/accept/", {"decided_on": "2026-03-05"}),
    ):
        assert answer.status_code == 403, (role, answer.content)
    assert not ReporterDisclosure.objects.exists()


def test_the_reporter_is_shown_on_request_and_the_look_is_recorded(api, users, named):
    detail = api(users.discipline).get(f"{URL}{named.pk}/")
    assert REPORTER["name"] not in detail.content.decode() and detail.json()["reporter_anonymous"] is False
    shown = api(users.discipline).get(f"{URL}{named.pk}/reporter/")
    assert shown.json() == {"anonymous": False, **REPORTER}
    assert ReporterDisclosure.objects.get().user == users.discipline


def test_another_units_complaint_cannot_be_read_or_written(api, users, tree, named):
    from core.roles import DISCIPLINE
    from tests.factories import UserFactory

    staff_b = UserFactory(username="discipline_b", role=DISCIPLINE, scope_unit=tree.b)
    assert api(staff_b).get(URL).json()["count"] == 0
    assert api(staff_b).get(f"{URL}{named.pk}/").status_code == 404
    assert api(staff_b).get(f"{URL}{named.pk}/reporter/").status_code == 404
    assert post(api, staff_b, f"{URL}{named.pk}/accept/", {"decided_on": "2026-03-05"}).status_code == 404
    body = {
        "unit": tree.a.pk,
        "channel": "letter",
        "received_on": "2026-03-02",
        "category": "other",
        "content": "x",
    }
    assert post(api, staff_b, URL, body).json()["fields"]["unit"][0]["code"] == "does_not_exist"
    named.refresh_from_db()
    assert named.state == "registered"


def test_a_recused_staff_member_does_not_see_the_complaint(api, users, named):
    named.recused.add(users.discipline)
    assert api(users.discipline).get(URL).json()["count"] == 0
    assert api(users.admin).get(URL).json()["count"] == 1


def test_an_online_reporter_follows_the_state_with_the_code_only(api, users, tree):
    cache.clear()  # the look-ups' rate limit counts per address in the cache
    body = {
        "unit": tree.a.pk,
        "channel": "online",
        "received_on": "2026-03-02",
        "category": "other",
        "content": "x",
    }
    code = post(api, users.discipline, URL, body).json()["query_code"]
    assert len(code) >= 12
    status = api().get("/api/v1/complaint-status/", {"code": code})
    assert status.json()["state"] == "registered"
    assert set(status.json()) == {"state", "state_label"}
    assert api().get("/api/v1/complaint-status/", {"code": "wrong"}).status_code == 404
    assert api().get("/api/v1/complaint-status/").json()["fields"]["code"][0]["code"] == "required"
    answers = [api().get("/api/v1/complaint-status/", {"code": code}).status_code for _ in range(10)]
    assert answers[:7] == [200] * 7 and answers[-1] == 429


def test_the_list_costs_a_fixed_number_of_queries(api, users, tree, django_assert_max_num_queries):
    for _ in range(5):
        complaint(unit=tree.a, subjects=[CadreFactory(unit=tree.a), CadreFactory(unit=tree.a)])
    client = api(users.discipline)
    with django_assert_max_num_queries(9):  # the subjects and the attachments: one query each
        answer = client.get(URL)
    assert answer.json()["count"] == 5


def test_the_workspace_lists_and_steps_a_complaint(users, tree, named, django_assert_max_num_queries):
    from django.test import Client

    for _ in range(4):
        complaint(unit=tree.a, subjects=[CadreFactory(unit=tree.a)])
    page = Client()
    page.force_login(users.discipline)
    with django_assert_max_num_queries(14):
        listed = page.get("/oversight/complaints/")
    assert listed.status_code == 200 and "钱被告" in listed.content.decode()
    assert REPORTER["name"] not in page.get(f"/oversight/complaints/{named.pk}/").content.decode()
    page.post(f"/oversight/complaints/{named.pk}/accept/", {"accept-decided_on": "2026-03-04"})
    named.refresh_from_db()
    assert named.state == "accepted" and named.decided_on == D(2026, 3, 4)
    bad = page.post(
        f"/oversight/complaints/{named.pk}/conclude/", {"conclude-result": "cleared"}, follow=True
    )
    assert bad.status_code == 200
    named.refresh_from_db()
    assert named.state == "accepted"
    assert page.post(f"/oversight/complaints/{named.pk}/nonsense/").status_code == 404


def test_a_staff_member_is_recused_through_the_api(api, users, tree, named):
    from core.roles import DISCIPLINE
    from tests.factories import UserFactory

    related = UserFactory(username="discipline_related", role=DISCIPLINE, scope_unit=tree.root)
    assert api(related).get(f"{URL}{named.pk}/").status_code == 200
    done = post(api, users.discipline, f"{URL}{named.pk}/recuse/", {"user": related.pk})
    assert done.status_code == 200
    assert api(related).get(f"{URL}{named.pk}/").status_code == 404
    assert api(related).get(f"{URL}{named.pk}/reporter/").status_code == 404
    refused = post(api, users.discipline, f"{URL}{named.pk}/recuse/", {"user": users.hr.pk})
    assert refused.json()["code"] == "not_discipline_staff"
    assert post(api, users.discipline, f"{URL}{named.pk}/recuse/", {"user": "x"}).status_code == 400


def test_the_page_records_that_the_named_reporter_was_told(users, tree, named):
    from django.test import Client

    page = Client()
    page.force_login(users.discipline)
    detail = f"/oversight/complaints/{named.pk}/"
    assert 'name="tell-about"' not in page.get(detail).content.decode()  # nothing decided yet
    page.post(f"{detail}accept/", {"accept-decided_on": "2026-03-04"})
    assert 'name="tell-about"' in page.get(detail).content.decode()
    assert (
        page.post(f"{detail}tell/", {"tell-about": "acceptance", "tell-told_on": "2026-03-03"}).status_code
        == 302
    )
    named.refresh_from_db()
    assert named.told_acceptance_on is None  # before the acceptance: refused, said in a message
    page.post(f"{detail}tell/", {"tell-about": "acceptance", "tell-told_on": "2026-03-05"})
    named.refresh_from_db()
    assert str(named.told_acceptance_on) == "2026-03-05"
    assert 'name="tell-about"' not in page.get(detail).content.decode()
    anonymous = complaint(unit=tree.a, named=False)
    assert 'name="tell-about"' not in page.get(f"/oversight/complaints/{anonymous.pk}/").content.decode()


def test_the_page_recuses_a_related_staff_member(users, tree, named):
    from django.test import Client

    from core.roles import DISCIPLINE
    from tests.factories import UserFactory

    related = UserFactory(username="discipline_related", role=DISCIPLINE, scope_unit=tree.root)
    page, theirs = Client(), Client()
    page.force_login(users.discipline)
    theirs.force_login(related)
    detail = f"/oversight/complaints/{named.pk}/"
    assert theirs.get(detail).status_code == 200
    options = page.get(detail).context["recuse_form"].fields["user"].queryset
    assert related in options and users.hr not in options and users.admin not in options
    assert page.post(f"{detail}recuse/", {"recuse-user": users.hr.pk}).status_code == 302
    assert page.post(f"{detail}recuse/", {"recuse-user": related.pk}).status_code == 302
    assert list(named.recused.all()) == [related]
    assert theirs.get(detail).status_code == 404
    assert related not in page.get(detail).context["recuse_form"].fields["user"].queryset
    hr = Client()
    hr.force_login(users.hr)
    assert hr.post(f"{detail}recuse/", {"recuse-user": users.discipline.pk}).status_code == 403
