"""Cached figures (the structure dashboard, list totals, the unit menu) follow every write."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadres.selectors import structure
from cadres.services import appointment_end, post_quota_save
from core.actors import system_actor
from core.roles import LEADER
from tests.factories import (
    AppointmentFactory,
    CadreFactory,
    OrgUnitFactory,
    PostFactory,
    PostQuotaFactory,
    UserFactory,
    level,
)

D = datetime.date


def dashboard(client):
    response = client.get("/dashboard/structure/")
    assert response.status_code == 200
    return response.context


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_dashboard_is_cached_until_a_cadre_is_saved(client, users, tree):
    CadreFactory(unit=tree.a, name="甲")
    client.force_login(users.leader)
    assert dashboard(client)["structure"]["total"] == 1
    warm = queries(client, "/dashboard/structure/")
    CadreFactory(unit=tree.b, name="乙")
    assert queries(client, "/dashboard/structure/") > warm  # recomputed
    assert dashboard(client)["structure"]["total"] == 2


def test_appointments_and_quotas_retire_the_staffing_figures(client, users, tree):
    post = PostFactory(unit=tree.a, title="院长", level=level("middle_principal"))
    quota = PostQuotaFactory(unit=tree.a, level=level("middle_principal"), approved=1)
    client.force_login(users.leader)
    assert dashboard(client)["staffing"]["vacant_total"] == 1
    appointment = AppointmentFactory(cadre=CadreFactory(unit=tree.a), post=post, start_date=D(2020, 1, 1))
    assert dashboard(client)["staffing"]["vacant_total"] == 0
    quota.approved = 3
    post_quota_save(quota=quota, acting_user=system_actor())
    assert dashboard(client)["staffing"]["vacant_total"] == 2
    appointment_end(appointment=appointment, end_date=D(2021, 1, 1), acting_user=system_actor())
    assert dashboard(client)["staffing"]["vacant_total"] == 3


def test_each_scope_has_its_own_figures(client, users, tree):
    CadreFactory(unit=tree.a, name="甲")
    CadreFactory(unit=tree.b, name="乙")
    college_leader = UserFactory(username="a-leader", role=LEADER, scope_unit=tree.a)
    client.force_login(users.leader)
    assert dashboard(client)["structure"]["total"] == 2
    client.force_login(college_leader)
    assert dashboard(client)["structure"]["total"] == 1


def test_the_list_total_follows_new_records(api, users, tree):
    CadreFactory(unit=tree.a, name="甲")
    assert api(users.hr).get("/api/v1/cadres/").json()["count"] == 1
    CadreFactory(unit=tree.a, name="乙")
    assert api(users.hr).get("/api/v1/cadres/").json()["count"] == 2
    assert api(users.hr).get("/api/v1/cadres/", {"q": "乙"}).json()["count"] == 1
    assert api(users.clerk).get("/api/v1/cadres/", {"q": "乙"}).json()["count"] == 1
    assert api(users.clerk).get("/api/v1/cadres/", {"unit": tree.b.pk}).status_code == 400  # not in scope


def test_the_unit_menu_follows_new_units(client, users, tree):
    client.force_login(users.hr)
    assert "新设学院" not in client.get("/cadres/").content.decode()
    OrgUnitFactory(code="NEW", name="新设学院", kind="college", parent=tree.root)
    assert "新设学院" in client.get("/cadres/").content.decode()


class TestVacanciesByUnit:
    @pytest.fixture
    def vacancies(self, tree, monkeypatch):
        monkeypatch.setattr(structure, "GROUP_ABOVE", 1)
        for unit in (tree.a, tree.a1, tree.b):
            PostQuotaFactory(unit=unit, level=level("middle_deputy"), approved=2)

    def test_many_rows_are_grouped_by_the_units_below_the_top(self, client, users, tree, vacancies):
        client.force_login(users.leader)
        staffing = dashboard(client)["staffing"]
        assert staffing["vacant"] == []  # the rows are not sent
        groups = {g["unit"]["name"]: (g["vacant"], g["rows"]) for g in staffing["groups"]}
        assert groups == {tree.a.name: (4, 2), tree.b.name: (2, 1)}  # A1 counts under A
        assert staffing["vacant_total"] == 6

    def test_a_group_opens_its_own_rows(self, client, users, tree, vacancies):
        client.force_login(users.leader)
        response = client.get("/dashboard/structure/", {"within": tree.b.pk})
        staffing = response.context["staffing"]
        assert staffing["groups"] is None
        assert [(r["unit"]["name"], r["vacant"]) for r in staffing["vacant"]] == [(tree.b.name, 2)]
        assert staffing["within"]["name"] == tree.b.name
        assert staffing["vacant_total"] == 2

    @pytest.mark.parametrize("within", ["x", "999999", "-1"])
    def test_an_unknown_unit_is_not_found(self, client, users, tree, within):
        client.force_login(users.leader)
        assert client.get("/dashboard/structure/", {"within": within}).status_code == 404

    def test_a_unit_outside_the_scope_is_not_found(self, client, users, tree, vacancies):
        college_leader = UserFactory(username="a-leader", role=LEADER, scope_unit=tree.a)
        client.force_login(college_leader)
        assert client.get("/dashboard/structure/", {"within": tree.b.pk}).status_code == 404
