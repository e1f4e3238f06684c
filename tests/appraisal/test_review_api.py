"""The cycle API's self reports, teams, publication, objections, notices and appeals."""

import datetime

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from appraisal.services.ballots import ballots_issue
from appraisal.services.cycles import cycle_close, cycle_open
from tests.appraisal.factories import cycle, serving, vote

BASE = "/api/v1/appraisal-cycles/"
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()


def test_reports_and_teams_over_the_api(api, users, tree, hr):
    people = [serving(tree.a, f"干部{i}") for i in range(2)]
    made = cycle(units=[tree.a], acting_user=users.hr, weights=(50, 50))
    client, url = api(users.hr), f"{BASE}{made.pk}/"
    upload = SimpleUploadedFile("述职.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    answer = client.post(
        f"{url}reports/", {"cadre": people[0].pk, "text": "", "file": upload}, format="multipart"
    )
    assert answer.status_code == 201, answer.json()
    assert answer.json()["file"].endswith(".pdf")
    bad = client.post(f"{url}reports/", {"cadre": people[1].pk, "text": ""}, format="json")
    assert (bad.status_code, bad.json()["code"]) == (400, "required")
    assert [r["cadre"] for r in client.get(f"{url}reports/").json()] == [people[0].pk]
    team = client.post(f"{url}teams/", {"unit": tree.a.pk, "report": "班子述职"}, format="json")
    assert team.status_code == 201, team.json()
    assert set(team.json()["members"]) == {p.pk for p in people}
    cycle_open(cycle=made, acting_user=users.hr)
    group = made.rater_groups.first()
    code = ballots_issue(cycle=made, group=group, count=1, acting_user=users.hr)[0]
    scores = [{"cadre": people[0].pk, "score": 90}, {"team": team.json()["id"], "score": 88}]
    assert (
        api().post("/api/v1/ballots/submit/", {"code": code, "scores": scores}, format="json").status_code
        == 201
    )
    both = [{"cadre": people[0].pk, "team": team.json()["id"], "score": 88}]
    code = ballots_issue(cycle=made, group=group, count=1, acting_user=users.hr)[0]
    answer = api().post("/api/v1/ballots/submit/", {"code": code, "scores": both}, format="json")
    assert answer.status_code == 400
    assert client.get(f"{url}teams/").json()[0]["composite"] == 88.0
    # Another unit's HR sees nothing of the cycle; a clerk sees no team grades.
    assert api(hr.b).get(f"{url}reports/").status_code == 404
    assert api(hr.b).post(f"{url}teams/", {"unit": tree.a.pk}, format="json").status_code in (400, 404)
    assert api(users.clerk).get(f"{url}teams/").status_code in (403, 404)


def test_publication_and_appeals_over_the_api(api, users, tree):
    people = [serving(tree.a, f"干部{i}") for i in range(5)]
    made = cycle(units=[tree.a], acting_user=users.hr)
    cycle_open(cycle=made, acting_user=users.hr)
    for group in made.rater_groups.all():
        vote(made, group, dict(zip(people, [99, 80, 80, 80, 80], strict=True)), acting_user=users.hr)
    cycle_close(cycle=made, acting_user=users.hr)
    client, url, today = api(users.hr), f"{BASE}{made.pk}/", timezone.localdate()
    period = {"starts_on": (today - 9 * DAY).isoformat(), "ends_on": (today - DAY).isoformat()}
    short = client.post(
        f"{url}publish/", period | {"starts_on": (today - 2 * DAY).isoformat()}, format="json"
    )
    assert (short.status_code, short.json()["code"]) == (400, "notice_too_short")
    published = client.post(f"{url}publish/", period, format="json")
    assert published.status_code == 201 and [n["cadre"] for n in published.json()["names"]] == [people[0].pk]
    late = client.post(
        f"{url}objections/",
        {"cadre": people[0].pk, "content": "x", "received_on": today.isoformat()},
        format="json",
    )
    assert (late.status_code, late.json()["code"]) == (400, "outside_notice")
    objection = client.post(
        f"{url}objections/",
        {"cadre": people[0].pk, "content": "反映", "received_on": (today - 3 * DAY).isoformat()},
        format="json",
    ).json()
    refused = client.post(f"{url}confirm/", {}, format="json")
    assert (refused.status_code, refused.json()["code"]) == (400, "objections_pending")
    answer = client.post(
        f"{url}objections/{objection['id']}/answer/",
        {"outcome": "dismissed", "answer": "不属实"},
        format="json",
    )
    assert answer.json()["outcome"] == "dismissed"
    assert client.post(f"{url}confirm/", {}, format="json").json()["state"] == "confirmed"
    assert client.get(f"{url}publication/").json()["objections"][0]["outcome"] == "dismissed"
    target = {"cadre": people[1].pk}
    assert (
        client.post(f"{url}notices/", target | {"told_on": today.isoformat()}, format="json").status_code
        == 201
    )
    filed = client.post(
        f"{url}appeals/",
        target | {"kind": "review", "filed_on": today.isoformat(), "grounds": "不服"},
        format="json",
    )
    assert filed.status_code == 201 and filed.json()["answer_due"] == (today + 30 * DAY).isoformat()
    changed = client.post(
        f"{url}appeals/{filed.json()['id']}/answer/",
        {"outcome": "changed", "new_grade": "excellent", "answer": "复核", "answered_on": today.isoformat()},
        format="json",
    )
    assert (changed.status_code, changed.json()["code"]) == (400, "excellent_quota_exceeded")  # 5 people: 1
    kept = client.post(
        f"{url}appeals/{filed.json()['id']}/answer/",
        {"outcome": "kept", "answer": "维持", "answered_on": today.isoformat()},
        format="json",
    )
    assert kept.json()["outcome"] == "kept"
    assert [a["outcome"] for a in client.get(f"{url}appeals/").json()] == ["kept"]
    assert api(users.clerk).get(f"{url}appeals/").status_code in (403, 404)
    nonsense = client.post(f"{url}appeals/", {"cadre": "x", "kind": "nope"}, format="json")
    assert nonsense.status_code == 400
