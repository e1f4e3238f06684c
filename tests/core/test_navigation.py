"""The main menu: one dropdown per system, only the entries the role may open."""

import re

import pytest

from core.navigation import navigation_for


def menu(user) -> dict[str, list[str]]:
    return {entry["system"].code: [i["url"] for i in entry["items"]] for entry in navigation_for(user)}


def test_hr_sees_selection_appraisal_and_system_but_no_back_office(users):
    entries = menu(users.hr)
    assert list(entries) == ["selection", "training", "appraisal", "conduct", "system"]
    # The appraisal care pages (issue 14) before the cycles and the grade distribution.
    assert entries["appraisal"] == [
        "/appraisal/consequences/",
        "/appraisal/commendations/",
        "/appraisal/care-talks/coverage/",
        "/appraisal/care-talks/",
        "/appraisal/visits/",
        "/appraisal/health-checks/",
        "/appraisal/care/panel/",
        "/appraisal/cycles/",
        "/appraisal/distribution/",
    ]
    assert "/cadres/" in entries["selection"] and "/selections/" in entries["selection"]
    assert "/admin/" not in entries["system"]


def test_clerk_sees_only_what_he_may_open(users):
    entries = menu(users.clerk)
    assert "/cadres/" in entries["selection"]
    assert "/selections/" not in entries["selection"]
    assert "/dashboard/structure/" not in entries["selection"]
    # His unit's care talks and health checks (appraisal.caretalk, appraisal.healthcheck), no grades.
    assert entries["appraisal"] == [
        "/appraisal/care-talks/coverage/",
        "/appraisal/care-talks/",
        "/appraisal/health-checks/",
        "/appraisal/care/panel/",
    ]
    assert entries["conduct"] == ["/oversight/tasks/"]  # the supervised tasks his unit reports on


@pytest.mark.parametrize("role", ["hr", "clerk"])
def test_every_appraisal_and_conduct_entry_opens_for_the_role(client, users, role):
    client.force_login(getattr(users, role))
    entries = menu(getattr(users, role))
    for url in entries.get("appraisal", []) + entries.get("conduct", []):
        assert client.get(url).status_code == 200, url


def test_discipline_sees_the_conduct_system(users):
    entries = menu(users.discipline)
    assert "/due/?kind=effect_period_ending" in entries["conduct"]
    assert "/reserves/" not in entries["selection"]


def test_the_administrator_sees_every_system_with_pages(users):
    entries = menu(users.admin)
    assert {"selection", "training", "appraisal", "conduct", "system"} <= set(entries)
    assert "/admin/" in entries["system"]


@pytest.mark.parametrize("role", ["hr", "clerk", "leader", "discipline"])
def test_every_training_entry_opens_for_the_roles_that_see_it(client, users, role):
    client.force_login(getattr(users, role))
    urls = menu(getattr(users, role)).get("training", [])
    assert urls if role != "discipline" else urls == ["/training/rules/"]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_a_user_without_a_role_sees_only_his_own_pages(users):
    assert list(menu(users.nobody)) == ["system"]


@pytest.mark.parametrize("role", ["hr", "clerk", "leader", "discipline", "admin"])
def test_the_page_shows_the_systems_in_chinese(client, users, role):
    client.force_login(getattr(users, role))
    html = client.get("/").content.decode()
    shown = re.findall(r'data-system="(\w+)">([^<]+)<', html)
    assert ("selection", "选人用人") in shown and ("system", "系统管理") in shown
    for url in menu(getattr(users, role))["selection"]:
        assert client.get(url).status_code == 200, url
