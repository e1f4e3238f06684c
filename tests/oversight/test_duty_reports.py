"""Duty and integrity reports (述责述廉): opened for the leaders, submitted, reviewed; the grade
reaches appraisal's raters through cadres.registry without appraisal importing oversight."""

import datetime

import pytest
from django.utils import timezone

from cadres.registry import RATER_NOTES, rater_notes
from core.actors import system_actor
from core.roles import DISCIPLINE
from oversight.models import DutyReport
from oversight.services import duty_reports as services
from tests.factories import AppointmentFactory, CadreFactory, PostFactory, UserFactory, level

URL = "/api/v1/duty-reports/"


@pytest.fixture
def leaders(tree):
    a = CadreFactory(unit=tree.a, name="钱院长")
    b = CadreFactory(unit=tree.b, name="孙院长")
    staff = CadreFactory(unit=tree.a, name="李科员")
    AppointmentFactory(cadre=a, post=PostFactory(unit=tree.a, level=level("middle_principal")))
    AppointmentFactory(cadre=b, post=PostFactory(unit=tree.b, level=level("middle_deputy")))
    AppointmentFactory(cadre=staff, post=PostFactory(unit=tree.a, level=level("section")))
    return a, b


def _year():
    return timezone.localdate().year - 1


def test_open_for_every_leader_once(leaders, tree):
    year = _year()
    opened = services.duty_reports_open(
        year=year, due_on=datetime.date(year + 1, 1, 31), acting_user=system_actor()
    )
    assert opened == 2
    assert set(DutyReport.objects.values_list("cadre__name", flat=True)) == {"钱院长", "孙院长"}
    assert (
        services.duty_reports_open(
            year=year, due_on=datetime.date(year + 1, 1, 31), acting_user=system_actor()
        )
        == 0
    )
    in_a = UserFactory(username="discipline_a", role=DISCIPLINE, scope_unit=tree.a)
    assert services.duty_reports_open(year=year - 1, due_on=datetime.date(year, 1, 31), acting_user=in_a) == 1


def test_submit_review_and_the_raters_note(leaders, users, api):
    year = _year()
    client = api(users.discipline)
    opened = client.post(f"{URL}open/", {"year": year, "due_on": f"{year + 1}-01-31"}, format="json")
    assert opened.json() == {"opened": 2}
    report = DutyReport.objects.get(cadre=leaders[0])
    path = f"{URL}{report.pk}/"
    early = client.post(path + "review/", {"grade": "good"}, format="json")
    assert early.json()["code"] == "step_out_of_order"
    before = client.post(
        path + "submit/", {"submitted_on": f"{year - 1}-12-31", "text": "述责述廉"}, format="json"
    )
    assert before.json()["code"] == "before_previous_step"
    today = timezone.localdate().isoformat()
    assert (
        client.post(
            path + "submit/", {"submitted_on": today, "text": "述责述廉报告"}, format="json"
        ).status_code
        == 200
    )
    submitted = rater_notes(cadre_ids=[leaders[0].pk], year=year)[leaders[0].pk]
    assert [dimension for dimension, _line in submitted] == ["lian"]
    poor = client.post(path + "review/", {"grade": "poor"}, format="json")
    assert poor.json()["code"] == "required"
    assert client.post(path + "review/", {"grade": "bogus"}, format="json").status_code == 400
    done = client.post(path + "review/", {"grade": "good", "comment": ""}, format="json")
    assert done.json()["state"] == "reviewed" and done.json()["grade"] == "good"
    notes = rater_notes(cadre_ids=[leaders[0].pk, leaders[1].pk], year=year)
    assert [dimension for dimension, _line in notes[leaders[0].pk]] == ["lian"]
    assert str(year) in notes[leaders[0].pk][0][1]
    assert leaders[1].pk in notes  # due, and said so


def test_rater_note_registry_is_small_and_hides_what_it_reveals(leaders):
    assert "duty_report" in RATER_NOTES
    assert rater_notes(cadre_ids=[], year=2026) == {}


def test_appraisal_cycle_page_shows_the_note(leaders, users, client):
    from appraisal.models import AppraisalCycle, Participant

    year = _year()
    services.duty_reports_open(year=year, due_on=datetime.date(year + 1, 1, 31), acting_user=system_actor())
    cycle = AppraisalCycle.objects.create(
        unit=leaders[0].unit.parent, kind="annual", year=year, name="年度考核", on=datetime.date(year, 12, 31)
    )
    Participant.objects.create(cycle=cycle, cadre=leaders[0], unit=leaders[0].unit)
    client.force_login(users.hr)
    page = client.get(f"/appraisal/cycles/{cycle.pk}/")
    assert page.status_code == 200
    assert 'data-dimension="lian"' in page.content.decode()


def test_scope_and_permissions(leaders, tree, users, api):
    year = _year()
    services.duty_reports_open(year=year, due_on=datetime.date(year + 1, 1, 31), acting_user=system_actor())
    in_b = UserFactory(username="discipline_b", role=DISCIPLINE, scope_unit=tree.b)
    assert [r["cadre_name"] for r in api(in_b).get(URL).json()["results"]] == ["孙院长"]
    report_a = DutyReport.objects.get(cadre=leaders[0])
    today = timezone.localdate().isoformat()
    assert (
        api(in_b)
        .post(f"{URL}{report_a.pk}/submit/", {"submitted_on": today, "text": "x"}, format="json")
        .status_code
        == 404
    )
    assert api(users.hr).get(URL).json()["count"] == 2
    assert (
        api(users.hr)
        .post(f"{URL}{report_a.pk}/submit/", {"submitted_on": today, "text": "x"}, format="json")
        .status_code
        == 403
    )
    assert (
        api(users.discipline)
        .post(f"{URL}open/", {"year": year, "due_on": "1990-01-01"}, format="json")
        .status_code
        == 400
    )


@pytest.mark.parametrize("extra", [0, 6])
def test_list_query_count_is_constant(leaders, tree, users, api, django_assert_max_num_queries, extra):
    for index in range(extra):
        cadre = CadreFactory(unit=tree.b, name=f"干部{index}")
        AppointmentFactory(cadre=cadre, post=PostFactory(unit=tree.b, level=level("middle_deputy")))
    year = _year()
    services.duty_reports_open(year=year, due_on=datetime.date(year + 1, 1, 31), acting_user=system_actor())
    # The first request of a user fills the permission cache (core.authcache); count a later one.
    client = api(users.discipline)
    client.get(URL)
    with django_assert_max_num_queries(10):
        assert client.get(URL).json()["count"] == 2 + extra


def test_the_page(leaders, users, client):
    client.force_login(users.discipline)
    year = _year()
    opened = client.post(
        "/oversight/duty-reports/", {"action": "open", "year": year, "due_on": f"{year + 1}-01-31"}
    )
    assert opened.status_code == 302
    page = client.get(f"/oversight/duty-reports/?year={year}")
    assert "钱院长" in page.content.decode()


def test_the_ballot_page_shows_the_grade_beside_integrity(tree, users, client):
    """The anonymous ballot page reads the note through cadres.registry: the rater sees the year's
    述责述廉 grade of each one he scores."""
    from django.urls import reverse

    from appraisal.services.ballots import ballots_issue
    from appraisal.services.cycles import cycle_open
    from tests.appraisal.factories import cycle, serving

    person = serving(tree.a, "周处长", start=datetime.date(2020, 1, 1))
    made = cycle(units=[tree.a], acting_user=users.hr, year=2025)
    report = DutyReport.objects.create(
        cadre=person,
        year=2025,
        due_on=datetime.date(2026, 1, 31),
        state="reviewed",
        submitted_on=datetime.date(2026, 1, 10),
        reviewed_on=datetime.date(2026, 1, 20),
        grade="fairly_good",
    )
    cycle_open(cycle=made, acting_user=users.hr)
    code = ballots_issue(cycle=made, group=made.rater_groups.first(), count=1, acting_user=users.hr)[0]
    page = client.post(reverse("appraisal:ballot"), {"code": code}).content.decode()
    assert 'data-dimension="lian"' in page and report.get_grade_display() in page


def test_the_record_page_card(leaders, users, client):
    year = _year()
    services.duty_reports_open(year=year, due_on=datetime.date(year + 1, 1, 31), acting_user=system_actor())
    client.force_login(users.hr)
    page = client.get(f"/cadres/{leaders[0].pk}/").content.decode()
    assert "述责述廉" in page and f"<b>{year}</b>" in page
    client.force_login(users.clerk)
    assert f"<b>{year}</b>" not in client.get(f"/cadres/{leaders[0].pk}/").content.decode()
