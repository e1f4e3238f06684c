"""The integrity-risk register and its yearly review: coverage of every post, what changed; scope."""

import datetime

import pytest
from django.utils import timezone

from core.actors import system_actor
from core.roles import DISCIPLINE
from oversight.models import IntegrityRisk
from oversight.rules.risks import review_coverage
from oversight.selectors.risks import coverage_of, review_report
from oversight.services import risks
from tests.factories import PostFactory, UserFactory, level

URL = "/api/v1/integrity-risks/"
REVIEWS = "/api/v1/risk-reviews/"


def test_coverage_rule():
    assert review_coverage(post_ids=[], reviewed_ids=set()).percent == 100
    partial = review_coverage(post_ids=[1, 2, 3], reviewed_ids={1, 2, 9})
    assert (partial.total, partial.covered, partial.missing, partial.complete) == (3, 2, (3,), False)
    assert partial.percent == 66  # rounded down
    assert review_coverage(post_ids=[1, 1, 2], reviewed_ids={1, 2}).complete


@pytest.fixture
def posts(tree):
    return [
        PostFactory(unit=tree.a, title="院长", level=level("middle_principal")),
        PostFactory(unit=tree.a1, title="主任", level=level("middle_deputy")),
        PostFactory(unit=tree.b, title="院长", level=level("middle_principal")),
    ]


def _review(unit):
    today = timezone.localdate()
    return risks.risk_review_open(
        year=today.year,
        unit=unit,
        name="年度廉政风险大排查",
        started_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=10),
        acting_user=system_actor(),
    )


def test_campaign_coverage_with_one_post_missing(tree, posts, users, api):
    review = _review(tree.root)
    for post in posts[:2]:
        risks.risk_review_record(
            review=review, post=post, outcome="unchanged", note="", acting_user=users.discipline
        )
    coverage = coverage_of(review)
    assert (coverage.total, coverage.covered, coverage.missing) == (3, 2, (posts[2].pk,))
    body = api(users.discipline).get(f"{REVIEWS}{review.pk}/coverage/").json()
    assert (body["total"], body["covered"], body["percent"], body["complete"]) == (3, 2, 66, False)
    assert [p["id"] for p in body["missing"]] == [posts[2].pk]
    risks.risk_review_record(
        review=review, post=posts[2], outcome="added", note="新增招生风险点", acting_user=users.discipline
    )
    report = review_report(review=review)
    assert report["coverage"].complete and [e.note for e in report["changed"]] == ["新增招生风险点"]
    # A second look at a post replaces the first: still three entries.
    risks.risk_review_record(
        review=review, post=posts[0], outcome="changed", note="职责调整", acting_user=users.discipline
    )
    assert review.entries.count() == 3


def test_an_inactive_post_is_not_counted_and_a_post_outside_is_refused(tree, posts, users):
    review = _review(tree.a)
    assert coverage_of(review).total == 2  # A and its sub-unit A1
    with pytest.raises(Exception) as refused:
        risks.risk_review_record(
            review=review, post=posts[2], outcome="unchanged", note="", acting_user=users.discipline
        )
    assert refused.value.error_dict["post"][0].code == "post_not_in_review"
    with pytest.raises(Exception) as no_note:
        risks.risk_review_record(
            review=review, post=posts[0], outcome="changed", note=" ", acting_user=users.discipline
        )
    assert no_note.value.error_dict["note"][0].code == "required"


def test_register_api_scope_and_bad_input(tree, posts, users, api):
    body = {
        "unit": tree.a.pk,
        "post": posts[0].pk,
        "risk": "招生录取暗箱操作",
        "level": "high",
        "controls": "集体决策",
    }
    made = api(users.discipline).post(URL, body, format="json")
    assert made.status_code == 201, made.json()
    wrong_unit = api(users.discipline).post(URL, body | {"unit": tree.b.pk}, format="json")
    assert wrong_unit.json()["code"] == "post_not_in_unit"
    assert api(users.discipline).post(URL, body | {"level": "extreme"}, format="json").status_code == 400
    assert api(users.discipline).post(URL, body | {"controls": ""}, format="json").status_code == 400
    in_b = UserFactory(username="discipline_b", role=DISCIPLINE, scope_unit=tree.b)
    assert api(in_b).get(URL).json()["count"] == 0
    assert api(in_b).post(URL, body, format="json").status_code == 400  # unit A is not in B's scope
    risk_id = made.json()["id"]
    assert api(in_b).patch(f"{URL}{risk_id}/", {"level": "low"}, format="json").status_code == 404
    assert api(users.leader).get(URL).json()["count"] == 1
    assert api(users.leader).post(URL, body, format="json").status_code == 403
    assert api(users.discipline).delete(f"{URL}{risk_id}/").status_code == 405
    retired = api(users.discipline).patch(f"{URL}{risk_id}/", {"active": False}, format="json")
    assert retired.status_code == 200 and IntegrityRisk.objects.get(pk=risk_id).active is False


def test_review_api_bad_input(tree, users, api):
    today = timezone.localdate()
    body = {
        "year": today.year,
        "unit": tree.root.pk,
        "name": "大排查",
        "started_on": today.isoformat(),
        "closes_on": today.isoformat(),
    }
    assert (
        api(users.discipline).post(REVIEWS, body | {"closes_on": "2000-01-01"}, format="json").json()["code"]
        == "closes_before_start"
    )
    assert api(users.discipline).post(REVIEWS, body | {"year": 99999}, format="json").status_code == 400
    assert api(users.discipline).post(REVIEWS, body, format="json").status_code == 201
    again = api(users.discipline).post(REVIEWS, body, format="json")
    assert again.status_code == 400  # one review a year per unit


@pytest.mark.parametrize("count", [1, 9])
def test_list_query_count_is_constant(tree, posts, users, api, django_assert_max_num_queries, count):
    for index in range(count):
        risk = IntegrityRisk(unit=tree.a, post=posts[0], risk=f"风险{index}", level="low", controls="制度")
        risks.risk_save(risk=risk, acting_user=system_actor())
    # The first request of a user fills the permission cache (core.authcache); count a later one.
    client = api(users.discipline)
    client.get(URL)
    with django_assert_max_num_queries(10):
        assert client.get(URL).json()["count"] == count


def test_the_pages(tree, posts, users, client):
    review = _review(tree.root)
    client.force_login(users.discipline)
    assert client.get("/oversight/risks/").status_code == 200
    detail = client.get(f"/oversight/risk-reviews/{review.pk}/")
    assert detail.status_code == 200 and "信息工程学院 院长" in detail.content.decode()  # not reviewed yet
    saved = client.post(
        f"/oversight/risk-reviews/{review.pk}/", {"post": posts[0].pk, "outcome": "unchanged"}
    )
    assert saved.status_code == 302 and review.entries.count() == 1
