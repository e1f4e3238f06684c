"""Starting a selection for a held post (vacancy date, warnings) and withdrawing a process."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cadres.models import ProcessEvent, SelectionCandidate, SelectionProcess
from core.roles import HR
from tests.factories import (
    AppointmentFactory,
    CadreFactory,
    PostFactory,
    PostQuotaFactory,
    UserFactory,
    level,
)

D = datetime.date
DAY = datetime.timedelta(days=1)
TODAY = timezone.localdate()


@pytest.fixture
def world(tree):
    """院长 of unit A held by 老院长; a vacant 党总支书记 post at the same level in A."""
    principal = level("middle_principal")
    post = PostFactory(unit=tree.a, title="院长", level=principal)
    holder = CadreFactory(unit=tree.a, name="老院长")
    AppointmentFactory(cadre=holder, post=post, start_date=D(2016, 1, 1))
    vacant = PostFactory(unit=tree.a, title="党总支书记", level=principal)
    return SimpleNamespace(post=post, holder=holder, vacant=vacant, level=principal)


def start(client, post, **fields):
    return client.post("/api/v1/selections/", {"post": post.pk, **fields}, format="json")


def codes(response):
    return [w["code"] for w in response.json()["warnings"]]


class TestVacancyDate:
    def test_held_post_needs_it(self, api, users, world):
        response = start(api(users.hr), world.post)
        assert response.status_code == 400
        body = response.json()
        assert body["code"] == "vacancy_date_required"
        assert "vacancy_date" in body["fields"]
        assert not SelectionProcess.objects.exists()

    @pytest.mark.parametrize(("offset", "ok"), [(-1, False), (0, True), (1, True)])
    def test_not_before_today(self, api, users, world, offset, ok):
        response = start(api(users.hr), world.post, vacancy_date=(TODAY + offset * DAY).isoformat())
        assert response.status_code == (201 if ok else 400), response.json()
        if not ok:
            assert response.json()["code"] == "vacancy_date_past"
            assert "vacancy_date" in response.json()["fields"]

    def test_vacant_post_needs_none_and_warns_nothing(self, api, users, world):
        response = start(api(users.hr), world.vacant)
        assert response.status_code == 201, response.json()
        assert response.json()["warnings"] == []
        assert response.json()["vacancy_date"] is None

    def test_bad_date_is_a_field_error(self, api, users, world):
        response = start(api(users.hr), world.post, vacancy_date="2026-02-30")
        assert response.status_code == 400
        assert "vacancy_date" in response.json()["fields"]


class TestWarnings:
    def test_post_held_names_the_holder(self, api, users, world):
        response = start(api(users.hr), world.post, vacancy_date=TODAY.isoformat())
        assert response.status_code == 201
        body = response.json()
        assert codes(response) == ["post_held"]
        assert (
            "老院长" in body["warnings"][0]["message"] and TODAY.isoformat() in body["warnings"][0]["message"]
        )
        assert body["vacancy_date"] == TODAY.isoformat()
        assert SelectionProcess.objects.get(pk=body["id"]).vacancy_date == TODAY

    def test_holder_outside_the_scope_is_not_named(self, api, tree, world):
        # 外单位's primary post is in B; he holds 院长 of A concurrently.
        outsider = CadreFactory(unit=tree.b, name="外单位兼职")
        AppointmentFactory(
            cadre=outsider, post=PostFactory(unit=tree.b, title="处长"), start_date=D(2015, 1, 1)
        )
        AppointmentFactory(cadre=outsider, post=world.vacant, start_date=D(2020, 1, 1), is_primary=False)
        hr_a = UserFactory(username="hr_a", role=HR, scope_unit=tree.a)
        response = start(api(hr_a), world.vacant, vacancy_date=TODAY.isoformat())
        assert response.status_code == 201, response.json()
        message = response.json()["warnings"][0]["message"]
        assert codes(response) == ["post_held"] and "外单位兼职" not in message
        assert "权限范围以外" in message

    def test_quota_full_on_the_vacancy_date(self, api, users, world):
        # One 正处级 seat in A, held by 老院长's 院长 post: the vacant secretary post has none left.
        PostQuotaFactory(unit=world.post.unit, level=world.level, approved=1)
        response = start(api(users.hr), world.vacant)
        assert codes(response) == ["quota_full"]
        assert "1" in response.json()["warnings"][0]["message"]

    def test_quota_with_a_seat_left(self, api, users, world):
        PostQuotaFactory(unit=world.post.unit, level=world.level, approved=2)
        assert codes(start(api(users.hr), world.vacant)) == []

    def test_the_held_post_own_seat_is_not_counted(self, api, users, world):
        PostQuotaFactory(unit=world.post.unit, level=world.level, approved=1)
        assert codes(start(api(users.hr), world.post, vacancy_date=TODAY.isoformat())) == ["post_held"]

    @pytest.mark.parametrize(("ends", "full"), [(0, False), (1, True)])
    def test_a_seat_freed_by_the_vacancy_date(self, api, users, world, tree, ends, full):
        # 老院长 leaves A's 院长 post `ends` days after the vacancy date of the secretary post.
        PostQuotaFactory(unit=world.post.unit, level=world.level, approved=1)
        sitting = CadreFactory(unit=tree.a, name="现任书记")
        AppointmentFactory(cadre=sitting, post=world.vacant, start_date=D(2018, 1, 1), is_primary=False)
        vacancy = TODAY + 10 * DAY
        world.holder.appointments.filter(post=world.post).update(end_date=vacancy + ends * DAY)
        response = start(api(users.hr), world.vacant, vacancy_date=vacancy.isoformat())
        assert response.status_code == 201, response.json()
        assert ("quota_full" in codes(response)) is full

    def test_page_shows_the_warnings_after_starting(self, users, world):
        client = Client()
        client.force_login(users.hr)
        PostQuotaFactory(unit=world.post.unit, level=world.level, approved=0)
        body = {"post": world.post.pk, "analysis": "到龄", "vacancy_date": TODAY.isoformat()}
        response = client.post("/selections/new/", body, follow=True)
        assert response.status_code == 200
        html = response.content.decode()
        assert "老院长" in html and "职数" in html
        assert TODAY.strftime("%Y-%m-%d") in html

    def test_page_asks_for_the_vacancy_date(self, users, world):
        client = Client()
        client.force_login(users.hr)
        response = client.post("/selections/new/", {"post": world.post.pk})
        assert response.status_code == 200
        assert "请填写岗位空缺的日期" in response.content.decode()
        assert not SelectionProcess.objects.exists()


def withdraw_url(pk):
    return f"/api/v1/selections/{pk}/withdraw/"


@pytest.fixture
def process(api, users, world):
    response = start(api(users.hr), world.vacant)
    assert response.status_code == 201
    return SelectionProcess.objects.get(pk=response.json()["id"])


class TestWithdraw:
    def test_ends_the_process_with_who_when_and_why(self, api, users, world, process):
        response = api(users.hr).post(
            withdraw_url(process.pk), {"reason": "岗位调整，暂不选拔"}, format="json"
        )
        assert response.status_code == 200, response.json()
        assert response.json()["state"] == "withdrawn"
        event = ProcessEvent.objects.get(process=process, step="withdrawal")
        assert event.actor == users.hr and event.at is not None and "岗位调整，暂不选拔" in event.summary
        assert response.json()["events"][-1]["actor"] == users.hr.display_name

    def test_a_new_selection_may_then_start(self, api, users, world, process):
        client = api(users.hr)
        assert start(client, world.vacant).json()["code"] == "selection_open"
        client.post(withdraw_url(process.pk), {"reason": "重新启动"}, format="json")
        assert start(client, world.vacant).status_code == 201

    @pytest.mark.parametrize("body", [{}, {"reason": ""}])
    def test_reason_required(self, api, users, process, body):
        response = api(users.hr).post(withdraw_url(process.pk), body, format="json")
        assert response.status_code == 400
        assert "reason" in response.json()["fields"]
        assert SelectionProcess.objects.get(pk=process.pk).state == "initiated"

    def test_blank_reason_refused_by_the_service(self, users, process):
        from cadres.services.selection import selection_withdraw
        from core.errors import RuleViolation

        with pytest.raises(RuleViolation) as refused:
            selection_withdraw(process=process, reason="   ", acting_user=users.hr)
        assert "reason" in refused.value.error_dict

    @pytest.mark.parametrize("state", ["withdrawn", "appointed", "closed"])
    def test_refused_once_finished(self, api, users, process, state):
        SelectionProcess.objects.filter(pk=process.pk).update(state=state)
        response = api(users.hr).post(withdraw_url(process.pk), {"reason": "x"}, format="json")
        assert response.status_code == 400
        assert response.json()["code"] == "step_out_of_order"
        assert SelectionProcess.objects.get(pk=process.pk).state == state

    @pytest.mark.parametrize("who", ["leader", "nobody", "clerk"])
    def test_roles_without_the_selection_permission(self, api, users, process, who):
        response = api(getattr(users, who)).post(withdraw_url(process.pk), {"reason": "x"}, format="json")
        assert response.status_code == 403
        assert SelectionProcess.objects.get(pk=process.pk).state == "initiated"

    def test_another_units_process_is_not_found(self, api, tree, process):
        hr_b = UserFactory(username="hr_b", role=HR, scope_unit=tree.b)
        response = api(hr_b).post(withdraw_url(process.pk), {"reason": "x"}, format="json")
        assert response.status_code == 404
        assert SelectionProcess.objects.get(pk=process.pk).state == "initiated"

    def test_page_action(self, users, process):
        client = Client()
        client.force_login(users.hr)
        page = client.get(f"/selections/{process.pk}/").content.decode()
        assert f"/selections/{process.pk}/withdraw/" in page
        refused = client.post(f"/selections/{process.pk}/withdraw/", {"withdraw-reason": ""})
        assert refused.status_code == 400
        response = client.post(f"/selections/{process.pk}/withdraw/", {"withdraw-reason": "暂缓"})
        assert response.status_code == 302
        assert SelectionProcess.objects.get(pk=process.pk).state == "withdrawn"
        page = client.get(f"/selections/{process.pk}/").content.decode()
        assert "暂缓" in page and f"/selections/{process.pk}/withdraw/" not in page
        client.force_login(users.leader)
        assert client.post(f"/selections/{process.pk}/withdraw/", {"withdraw-reason": "x"}).status_code == 403

    def test_documented_in_the_schema(self):
        from drf_spectacular.generators import SchemaGenerator

        schema = SchemaGenerator().get_schema(request=None, public=True)
        operation = schema["paths"]["/api/v1/selections/{id}/withdraw/"]["post"]
        assert {"200", "400", "403", "404"} <= set(operation["responses"])
        components = schema["components"]["schemas"]
        assert components["WithdrawInputRequest"]["required"] == ["reason"]
        created = schema["paths"]["/api/v1/selections/"]["post"]["responses"]["201"]
        assert created["content"]["application/json"]["schema"]["$ref"].endswith("/SelectionStarted")
        assert components["SelectionStarted"]["properties"]["warnings"]["items"]["$ref"].endswith(
            "/SelectionWarning"
        )


def test_list_queries_do_not_grow_with_withdrawn_processes(api, users, tree, django_assert_max_num_queries):
    client = api(users.hr)

    def withdrawn_process(i):
        post = PostFactory(unit=tree.a, title=f"岗位{i}", level=level("middle_deputy"))
        pk = start(client, post).json()["id"]
        assert client.post(withdraw_url(pk), {"reason": "暂缓"}, format="json").status_code == 200

    for i in range(6):
        withdrawn_process(i)
    client.get("/api/v1/selections/")  # warm the permission caches
    # Constant: the token, the permissions, the page count and one page with posts and units.
    with django_assert_max_num_queries(6):
        body = client.get("/api/v1/selections/?state=withdrawn").json()
    assert body["count"] == 6


def _candidate(process_id: int, unit) -> None:
    SelectionCandidate.objects.create(process_id=process_id, cadre=CadreFactory(unit=unit), added_date=TODAY)


def test_detail_queries_do_not_grow_with_candidates(api, users, tree, world):
    """The computed checks (the integrity opinion) are read once for all the candidates."""
    client = api(users.hr)
    process = start(client, world.vacant).json()["id"]
    _candidate(process, tree.a)
    with CaptureQueriesContext(connection) as one:
        assert client.get(f"/api/v1/selections/{process}/").status_code == 200
    _candidate(process, tree.a)
    _candidate(process, tree.a1)
    with CaptureQueriesContext(connection) as three:
        body = client.get(f"/api/v1/selections/{process}/").json()
    assert len(body["candidates"]) == 3
    assert all("integrity_opinion" in {c["check"] for c in row["checks"]} for row in body["candidates"])
    assert len(three) == len(one)
