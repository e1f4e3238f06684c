"""HR pages of the cycles and the ballot page without a login."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from appraisal.models import Ballot
from appraisal.services.ballots import ballots_issue
from appraisal.services.cycles import cycle_close, cycle_open
from tests.appraisal.factories import cycle, serving, vote


@pytest.fixture(autouse=True)
def fresh_limit():
    cache.clear()


@pytest.fixture
def opened(users, tree):
    people = [serving(tree.a, n) for n in ("甲", "乙", "丙")]
    made = cycle(units=[tree.a], acting_user=users.hr)
    cycle_open(cycle=made, acting_user=users.hr)
    return made, people


def test_the_pages_take_a_fixed_number_of_queries(client, users, opened, django_assert_max_num_queries):
    made, people = opened
    vote(made, made.rater_groups.first(), {people[0]: 90}, acting_user=users.hr)
    client.force_login(users.hr)
    for name, args, limit in (
        ("cycle-list", [], 15),
        ("cycle-detail", [made.pk], 18),
        ("cycle-results", [made.pk], 18),
    ):
        with django_assert_max_num_queries(limit):
            answer = client.get(reverse(f"appraisal:{name}", args=args))
        assert answer.status_code == 200
        assert made.name in answer.content.decode()


def test_another_units_hr_gets_404_and_a_clerk_403(client, hr, opened):
    made, _people = opened
    client.force_login(hr.b)
    assert client.get(reverse("appraisal:cycle-detail", args=[made.pk])).status_code == 404
    assert client.post(reverse("appraisal:cycle-step", args=[made.pk, "close"])).status_code == 404
    assert made.name not in client.get(reverse("appraisal:cycle-list")).content.decode()


def test_a_clerk_may_not_see_cycles(client, users, opened):
    client.force_login(users.clerk)
    assert client.get(reverse("appraisal:cycle-list")).status_code == 403


def test_issued_codes_are_shown_once_and_work_on_the_ballot_page(client, users, opened):
    made, people = opened
    client.force_login(users.hr)
    group = made.rater_groups.first()
    sheet = client.post(reverse("appraisal:ballot-issue", args=[made.pk]), {"group": group.pk, "count": 2})
    assert sheet.status_code == 200 and sheet["Cache-Control"] == "no-store"
    codes = sheet.context["codes"]
    assert all(code in sheet.content.decode() for code in codes)
    detail = client.get(reverse("appraisal:cycle-detail", args=[made.pk])).content.decode()
    assert not any(code in detail for code in codes)
    client.logout()
    page = client.post(reverse("appraisal:ballot"), {"code": codes[0]})
    assert "甲" in page.content.decode()
    scores = {f"score-{p.pk}": "88" for p in people[:2]}
    done = client.post(reverse("appraisal:ballot"), {"code": codes[0], "submit": "1", **scores})
    assert done.context["done"] and Ballot.objects.get().scores.count() == 2
    again = client.post(reverse("appraisal:ballot"), {"code": codes[0]})
    assert again.status_code == 400 and not again.context["cycle"]


def test_a_bad_score_on_the_ballot_page_is_an_error_not_a_500(client, users, opened):
    made, people = opened
    code = ballots_issue(cycle=made, group=made.rater_groups.first(), count=1, acting_user=users.hr)[0]
    for value in ("abc", "101", "-1"):
        answer = client.post(
            reverse("appraisal:ballot"), {"code": code, "submit": "1", f"score-{people[0].pk}": value}
        )
        assert answer.status_code == 400
    assert not Ballot.objects.exists()


def test_the_ballot_page_limits_tries(client, opened):
    for _i in range(30):
        client.post(reverse("appraisal:ballot"), {"code": "guess"})
    assert client.post(reverse("appraisal:ballot"), {"code": "guess"}).status_code == 429


def test_confirming_from_the_results_page(client, users, opened):
    made, people = opened
    vote(made, made.rater_groups.first(), dict.fromkeys(people, 80), acting_user=users.hr)
    cycle_close(cycle=made, acting_user=users.hr)
    client.force_login(users.hr)
    answer = client.post(reverse("appraisal:cycle-step", args=[made.pk, "confirm"]), follow=True)
    assert answer.status_code == 200
    made.refresh_from_db()
    assert made.state == "confirmed"


def test_the_leaders_panel_counts_grades_per_unit_in_the_scope(
    client, users, tree, hr, django_assert_max_num_queries
):
    from tests.appraisal.factories import AppraisalResultFactory

    for unit, grade in ((tree.a, "excellent"), (tree.a, "competent"), (tree.b, "incompetent")):
        AppraisalResultFactory(cadre=serving(unit), year=2025, grade=grade, acting_user=users.hr)
    client.force_login(users.leader)
    with django_assert_max_num_queries(15):
        answer = client.get(reverse("appraisal:grade-distribution"), {"year": "2025"})
    rows = {r.unit: r.counts for r in answer.context["rows"]}
    assert rows == {tree.a.name: [1, 1, 0, 0, 0], tree.b.name: [0, 0, 0, 1, 0]}
    client.force_login(hr.b)
    assert [
        r.unit for r in client.get(reverse("appraisal:grade-distribution"), {"year": "x"}).context["rows"]
    ] == [tree.b.name]
    client.force_login(users.clerk)
    assert client.get(reverse("appraisal:grade-distribution")).status_code == 403
