"""The appraisal cycle API and the ballot box: status codes, error codes, scope and query counts."""

import pytest
from django.core.cache import cache

from appraisal.models import AppraisalResult, Ballot
from tests.appraisal.factories import ON, cycle, serving

BASE = "/api/v1/appraisal-cycles/"
SUBMIT = "/api/v1/ballots/submit/"


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()  # the ballot box's rate limit counts per address in the cache


def setup_cycle(client, tree, people=2):
    staff = [serving(tree.a, f"干部{i}") for i in range(people)]
    answer = client.post(
        BASE,
        {"kind": "annual", "year": 2025, "name": "2025年度考核", "units": [tree.a.pk], "on": ON.isoformat()},
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    return answer.json(), staff


def test_the_whole_round_over_the_api(api, users, tree):
    hr, public = api(users.hr), api()
    made, staff = setup_cycle(hr, tree)
    url = f"{BASE}{made['id']}/"
    assert made["participant_count"] == 2 and [g["weight"] for g in made["rater_groups"]] == [30, 30, 40]
    answer = hr.post(f"{url}open/")
    assert answer.status_code == 400 and answer.json()["code"] == "weights_not_100"
    assert "indicators" in answer.json()["fields"]
    for dimension, weight in (("de", 50), ("ji", 50)):
        answer = hr.post(
            f"{url}indicators/", {"dimension": dimension, "name": f"指标{dimension}", "weight": weight}
        )
        assert answer.status_code == 201
    assert hr.post(f"{url}open/").json()["state"] == "open"
    groups = [g["id"] for g in made["rater_groups"]]
    codes = hr.post(f"{url}ballots/", {"group": groups[0], "count": 2}, format="json").json()["codes"]
    assert len(codes) == 2
    scores = [{"cadre": staff[0].pk, "score": 92}, {"cadre": staff[1].pk, "score": 75}]
    assert public.post(SUBMIT, {"code": codes[0], "scores": scores}, format="json").status_code == 201
    again = public.post(SUBMIT, {"code": codes[0], "scores": scores}, format="json")
    assert (again.status_code, again.json()["code"]) == (409, "ballot_used")
    unknown = public.post(SUBMIT, {"code": "nope", "scores": scores}, format="json")
    assert (unknown.status_code, unknown.json()["code"]) == (400, "ballot_invalid")
    progress = hr.get(f"{url}progress/").json()
    assert [(p["issued"], p["returned"]) for p in progress] == [(2, 1), (0, 0), (0, 0)]
    assert hr.post(f"{url}close/").json()["state"] == "closed"
    closed = public.post(SUBMIT, {"code": codes[1], "scores": scores}, format="json")
    assert (closed.status_code, closed.json()["code"]) == (409, "cycle_closed")
    results = hr.get(f"{url}results/").json()
    assert results[0]["cadre"] == staff[0].pk and results[0]["composite"] == 92.0
    assert results[0]["group_means"] == {str(groups[0]): 92.0} and results[0]["reweighted"] is True
    assert results[0]["rank"] == 1 and results[0]["proposed_grade"] == "competent"  # 2 people: no 优秀
    assert results[0]["reasons"][0]["code"] == "excellent_quota"
    over = hr.post(
        f"{url}confirm/",
        {"grades": [{"cadre": staff[0].pk, "grade": "excellent", "reason": "x"}]},
        format="json",
    )
    assert (over.status_code, over.json()["code"]) == (400, "excellent_quota_exceeded")
    assert hr.post(f"{url}confirm/", {}, format="json").json()["state"] == "confirmed"
    assert AppraisalResult.objects.get(cadre=staff[1]).grade == "competent"


def test_nothing_in_the_answers_ties_a_ballot_to_its_code(api, users, tree):
    hr = api(users.hr)
    made, staff = setup_cycle(hr, tree, people=1)
    url = f"{BASE}{made['id']}/"
    hr.post(f"{url}indicators/", {"dimension": "de", "name": "德", "weight": 100})
    hr.post(f"{url}open/")
    code = hr.post(f"{url}ballots/", {"group": made["rater_groups"][0]["id"], "count": 1}).json()["codes"][0]
    answer = api().post(
        SUBMIT, {"code": code, "scores": [{"cadre": staff[0].pk, "score": 80}]}, format="json"
    )
    assert answer.json() == {"recorded": True}
    ballot = Ballot.objects.get()
    for path in ("", "progress/", "results/", "participants/"):
        body = hr.get(f"{url}{path}").content.decode()
        assert str(ballot.pk) not in body and code not in body


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        (
            {"kind": "annual", "year": 1800, "name": "x", "units": [], "on": "2025-12-01"},
            "year",
            "out_of_range",
        ),
        (
            {"kind": "yearly", "year": 2025, "name": "x", "units": [1], "on": "2025-12-01"},
            "kind",
            "invalid_choice",
        ),
        ({"kind": "annual", "year": 2025, "name": "x", "units": [], "on": "2025-12-01"}, "units", "required"),
        (
            {"kind": "annual", "year": 2025, "name": "x", "units": [999999], "on": "2025-12-01"},
            "units",
            "does_not_exist",
        ),
        ({"kind": "annual", "year": 2025, "name": "x", "units": ["a"], "on": "31.12.2025"}, "on", "invalid"),
    ],
)
def test_bad_cycle_input_is_a_field_error(api, users, tree, body, field, code):
    answer = api(users.hr).post(BASE, body, format="json")
    assert answer.status_code == 400
    assert answer.json()["fields"][field][0]["code"] == code


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"code": "x"},
        {"code": "x", "scores": []},
        {"code": "x", "scores": [{"cadre": 1, "score": 101}]},
        {"code": "x", "scores": [{"cadre": "a", "score": 1}]},
        {"code": ["x"], "scores": "y"},
    ],
)
def test_bad_ballot_input_is_a_field_error(api, body):
    answer = api().post(SUBMIT, body, format="json")
    assert answer.status_code == 400 and answer.json()["fields"]


def test_another_units_hr_can_neither_read_nor_write_a_cycle(api, users, tree, hr):
    made, _staff = setup_cycle(api(hr.a), tree)
    other = api(hr.b)
    url = f"{BASE}{made['id']}/"
    assert other.get(BASE).json()["count"] == 0
    for path in ("", "participants/", "progress/", "results/"):
        assert other.get(f"{url}{path}").status_code == 404
    for path, body in (
        ("open/", {}),
        ("indicators/", {"dimension": "de", "name": "x", "weight": 1}),
        ("ballots/", {"group": 1, "count": 1}),
    ):
        assert other.post(f"{url}{path}", body).status_code == 404
    created = other.post(
        BASE,
        {"kind": "annual", "year": 2025, "name": "x", "units": [tree.a.pk], "on": "2025-12-01"},
        format="json",
    )
    assert created.status_code == 400 and created.json()["fields"]["units"][0]["code"] == "does_not_exist"


def test_roles_leaders_read_clerks_see_nothing(api, users, tree):
    made, _staff = setup_cycle(api(users.hr), tree)
    url = f"{BASE}{made['id']}/"
    leader = api(users.leader)
    assert leader.get(url).status_code == 200 and leader.get(f"{url}results/").status_code == 200
    assert leader.post(f"{url}open/").status_code == 403
    assert leader.post(f"{url}ballots/", {"group": 1, "count": 1}).status_code == 403
    assert api(users.clerk).get(BASE).status_code == 403
    assert api().get(BASE).status_code == 401


def test_lists_take_a_fixed_number_of_queries(api, users, tree, django_assert_max_num_queries):
    hr = api(users.hr)
    made, _staff = setup_cycle(hr, tree, people=3)
    cycle(units=[tree.a], acting_user=users.hr)
    url = f"{BASE}{made['id']}/"
    for path, limit in (
        (BASE, 12),
        (f"{url}participants/", 8),
        (f"{url}progress/", 8),
        (f"{url}results/", 12),
    ):
        with django_assert_max_num_queries(limit):
            assert hr.get(path).status_code == 200


def test_a_participant_under_investigation_is_recorded_and_not_graded(api, users, tree):
    hr = api(users.hr)
    made, staff = setup_cycle(hr, tree, people=1)
    url = f"{BASE}{made['id']}/participants/facts/"
    body = {"cadre": staff[0].pk, "under_investigation": True, "absent_over_half_year": False}
    answer = hr.post(url, body, format="json")
    assert answer.status_code == 200 and answer.json()["under_investigation"] is True
    results = hr.get(f"{BASE}{made['id']}/results/").json()
    assert results[0]["proposed_grade"] == "not_graded"
    assert results[0]["reasons"][0]["code"] == "under_investigation"
    bad = hr.post(url, {"cadre": staff[0].pk, "under_investigation": "maybe"}, format="json")
    assert bad.status_code == 400 and set(bad.json()["fields"]) == {
        "under_investigation",
        "absent_over_half_year",
    }
