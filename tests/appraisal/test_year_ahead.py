"""A yearly grade for a year after the current one is refused on every channel (`year_ahead`)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from appraisal.models import AppraisalResult
from appraisal.rules import appraisal_year_ahead
from appraisal.selectors import lrmx_grades_offer
from appraisal.services import appraisal_result_save, lrmx_grades_save
from tests.factories import CadreFactory

THIS_YEAR = timezone.localdate().year


@pytest.mark.parametrize(
    ("year", "on", "ahead"),
    [
        (2026, datetime.date(2026, 1, 1), False),
        (2026, datetime.date(2026, 12, 31), False),
        (2027, datetime.date(2026, 12, 31), True),
        (2027, datetime.date(2027, 1, 1), False),
        (2099, datetime.date(2026, 12, 3), True),
        (1990, datetime.date(2026, 12, 3), False),
    ],
)
def test_the_rule_at_the_turn_of_the_year(year, on, ahead):
    assert appraisal_year_ahead(year=year, on=on) is ahead


def test_the_service_records_this_year_and_refuses_the_next(users, tree):
    cadre = CadreFactory(unit=tree.a)
    appraisal_result_save(
        result=AppraisalResult(cadre=cadre, year=THIS_YEAR, grade="competent"), acting_user=users.hr
    )
    with pytest.raises(ValidationError) as caught:
        appraisal_result_save(
            result=AppraisalResult(cadre=cadre, year=THIS_YEAR + 1, grade="competent"), acting_user=users.hr
        )
    assert caught.value.error_dict["year"][0].code == "year_ahead"
    assert list(AppraisalResult.objects.values_list("year", flat=True)) == [THIS_YEAR]


@pytest.mark.parametrize(("year", "status"), [(THIS_YEAR + 1, 400), (2099, 400), (THIS_YEAR, 201)])
def test_the_api(api, users, tree, year, status):
    cadre = CadreFactory(unit=tree.a)
    body = {"cadre": cadre.pk, "year": year, "grade": "excellent"}
    response = api(users.hr).post("/api/v1/appraisal-results/", body, format="json")
    assert response.status_code == status, response.json()
    if status == 400:
        assert response.json()["fields"]["year"][0]["code"] == "year_ahead"


@pytest.mark.parametrize("year", ["abc", -1, 99999, ""])
def test_bad_years_are_field_errors(api, users, tree, year):
    cadre = CadreFactory(unit=tree.a)
    response = api(users.hr).post(
        "/api/v1/appraisal-results/", {"cadre": cadre.pk, "year": year, "grade": "excellent"}, format="json"
    )
    assert response.status_code == 400
    assert "year" in response.json()["fields"]


def test_the_page_shows_the_refusal(client, users, tree):
    cadre = CadreFactory(unit=tree.a)
    client.force_login(users.hr)
    response = client.post(f"/cadres/{cadre.pk}/appraisal/", {"year": THIS_YEAR + 1, "grade": "excellent"})
    assert response.status_code == 200
    assert "尚未考核" in response.content.decode()
    assert not AppraisalResult.objects.exists()


def test_lrmx_grades_of_a_year_ahead_are_refused_and_never_saved(users, tree):
    cadre = CadreFactory(unit=tree.a)
    grades = [(THIS_YEAR, "competent"), (THIS_YEAR + 1, "excellent")]
    offered = lrmx_grades_offer(cadre=cadre, grades=grades, user=users.hr)
    assert [(o.year, o.status) for o in offered] == [(THIS_YEAR, "new"), (THIS_YEAR + 1, "refused")]
    saved = lrmx_grades_save(cadre=cadre, grades=grades, acting_user=users.hr)
    assert [(o.year, o.status) for o in saved] == [(THIS_YEAR, "saved"), (THIS_YEAR + 1, "refused")]
    assert list(AppraisalResult.objects.values_list("year", flat=True)) == [THIS_YEAR]
