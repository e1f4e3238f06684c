"""Numeric and date filters out of range: a 400 naming the field through the API and the
exports, the form error on the HTML pages, never a 500, and nothing written."""

import datetime

import pytest

from appraisal.models import AppraisalResult
from appraisal.services import appraisal_result_save
from cadres.models import Cadre, ReserveCadre
from cadres.services.reserve import reserve_save
from tests.factories import CadreFactory, level

D = datetime.date
ABSURD = ["1e309", "99999999999999999999", "inf", "-inf", "1e999999999"]
NOT_A_NUMBER = ["NaN", "abc", "40.5"]


@pytest.fixture
def cadre(tree):
    return CadreFactory(unit=tree.a, name="张伟", birth_date=D(1975, 6, 15))


@pytest.fixture
def unchanged(db):
    """Asserts after the test that no cadre (nor its history) was written."""
    before = (Cadre.objects.count(), Cadre.history.count())
    yield
    assert (Cadre.objects.count(), Cadre.history.count()) == before


def refused(response, field, code="out_of_range"):
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["code"] == code
    assert [error["code"] for error in body["fields"][field]] == [code]
    return body


# ---------------------------------------------------------------- API: the cadre list and its export

CADRE_FILTERS = [("age_min", "16", "100", "15", "101"), ("age_max", "16", "100", "15", "101")]
CADRE_FILTERS += [("retiring_within", "0", "1200", "-1", "1201")]


@pytest.mark.parametrize("url", ["/api/v1/cadres/", "/api/v1/cadres/export/"])
@pytest.mark.parametrize(("name", "low", "high", "below", "above"), CADRE_FILTERS)
def test_cadre_filters_boundaries(api, users, cadre, unchanged, url, name, low, high, below, above):
    client = api(users.hr)
    for value in (low, high):
        assert client.get(url, {name: value}).status_code == 200
    for value in (below, above):
        refused(client.get(url, {name: value}), name)


@pytest.mark.parametrize("url", ["/api/v1/cadres/", "/api/v1/cadres/export/"])
@pytest.mark.parametrize("value", ABSURD)
def test_absurd_numbers_are_out_of_range(api, users, cadre, unchanged, url, value):
    for name in ("age_min", "age_max", "retiring_within"):
        refused(api(users.clerk).get(url, {name: value}), name)


@pytest.mark.parametrize("value", NOT_A_NUMBER)
def test_what_is_no_number_is_invalid(api, users, cadre, unchanged, value):
    refused(api(users.hr).get("/api/v1/cadres/", {"retiring_within": value}), "retiring_within", "invalid")


def test_minus_zero_is_zero_months_but_no_age(api, users, cadre, unchanged):
    client = api(users.hr)
    assert client.get("/api/v1/cadres/", {"retiring_within": "-0"}).status_code == 200
    refused(client.get("/api/v1/cadres/", {"age_min": "-0"}), "age_min")


def test_the_error_names_the_field_and_the_range_in_chinese(api, users, cadre):
    body = refused(api(users.hr).get("/api/v1/cadres/", {"age_min": "101"}), "age_min")
    assert body["fields"]["age_min"][0]["message"] == "「年龄自」须在 16 至 100 之间。"
    assert body["message"] == "age_min: 「年龄自」须在 16 至 100 之间。"


def test_export_asked_as_xlsx_still_answers_the_error_as_json(api, users, cadre):
    refused(api(users.hr).get("/api/v1/cadres/export/", {"age_max": "101", "format": "xlsx"}), "age_max")


def test_the_range_is_in_the_schema(api, users):
    schema = api(users.hr).get("/api/schema/", {"format": "json"}).json()
    for path in ("/api/v1/cadres/", "/api/v1/cadres/export/"):
        params = {p["name"]: p["schema"] for p in schema["paths"][path]["get"]["parameters"]}
        for name, low, high in (("age_min", 16, 100), ("age_max", 16, 100), ("retiring_within", 0, 1200)):
            expected = {"type": "integer", "minimum": low, "maximum": high}
            assert params[name].items() >= expected.items()
    assert "400" in schema["paths"]["/api/v1/cadres/"]["get"]["responses"]


# ---------------------------------------------------------------- API: dates, days, years, page size


@pytest.fixture
def reserve(cadre, users):
    target = level("middle_principal")
    reserve = ReserveCadre(cadre=cadre, target_level=target, nomination_date=D(2024, 6, 1))
    return reserve_save(reserve=reserve, acting_user=users.hr)


def date_urls(tree, staffed, cadre, reserve):
    return [
        ("/api/v1/org-units/", {}),
        (f"/api/v1/org-units/{tree.a.pk}/", {}),
        (f"/api/v1/cadres/{cadre.pk}/eligibility/", {"post": staffed.post_a.pk}),
        (f"/api/v1/reserve-cadres/{reserve.pk}/eligibility/", {}),
    ]


def test_date_parameters_boundaries(api, users, tree, staffed, cadre, reserve, unchanged):
    client = api(users.hr)
    for url, extra in date_urls(tree, staffed, cadre, reserve):
        for day in ("1900-01-01", "2100-12-31", ""):
            assert client.get(url, extra | {"on": day}).status_code == 200, (url, day)
        for day in ("1899-12-31", "2101-01-01", "0001-01-01", "9999-12-31"):
            refused(client.get(url, extra | {"on": day}), "on")
        refused(client.get(url, extra | {"on": "2026-02-30"}), "on", "invalid")


def test_due_days(api, users, cadre, unchanged):
    client = api(users.hr)
    for days in ("0", "3650"):
        assert client.get("/api/v1/due/", {"days": days}).status_code == 200
    for days in ("-1", "3651", "1e309"):
        refused(client.get("/api/v1/due/", {"days": days}), "days")


def test_appraisal_year(api, users, cadre, unchanged):
    grade = AppraisalResult(cadre=cadre, year=2024, grade="excellent")
    appraisal_result_save(result=grade, acting_user=users.hr)
    client = api(users.hr)
    assert client.get("/api/v1/appraisal-results/", {"year": "2024"}).json()["count"] == 1
    for year in ("1899", "2101", "99999999999999999999"):
        refused(client.get("/api/v1/appraisal-results/", {"year": year}), "year")


def test_page_size(api, users, cadre, unchanged):
    client = api(users.hr)
    for size in ("1", "500"):
        assert client.get("/api/v1/cadres/", {"page_size": size}).status_code == 200
    for size in ("0", "501", "-1", "inf"):
        refused(client.get("/api/v1/cadres/", {"page_size": size}), "page_size")


def test_lrmx_zip_of_absurd_ids_is_not_found(api, users, cadre):
    response = api(users.hr).get("/api/v1/cadres/export-lrmx/", {"ids": "99999999999999999999"})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_api_paths_that_match_no_route_answer_the_error_body(api, users):
    response = api(users.hr).get("/api/v1/cadres/0.5/eligibility/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"code": "not_found", "message": "未找到。", "fields": {}}


# ---------------------------------------------------------------- HTML pages


@pytest.mark.parametrize(
    ("name", "value"), [("age_min", "15"), ("age_max", "1e309"), ("retiring_within", "1201")]
)
def test_roster_page_shows_the_error_and_lists_no_one(client, users, cadre, unchanged, name, value):
    client.force_login(users.hr)
    response = client.get("/cadres/", {name: value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "须在" in html and "is-invalid" in html
    assert "张伟" not in html
    table = client.get("/cadres/", {name: value}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="cadre-table")
    assert table.status_code == 200
    assert "须在" in table.content.decode() and "张伟" not in table.content.decode()


def test_roster_page_at_the_boundaries_lists(client, users, cadre):
    client.force_login(users.hr)
    html = client.get("/cadres/", {"age_min": "16", "age_max": "100", "retiring_within": "1200"}).content
    assert "张伟" in html.decode() and "须在" not in html.decode()


def test_roster_export_page_answers_400_with_the_error(client, users, cadre, unchanged):
    client.force_login(users.hr)
    response = client.get("/cadres/export/", {"age_min": "101"})
    assert response.status_code == 400
    assert "「年龄自」须在 16 至 100 之间。" in response.content.decode()
    assert client.get("/cadres/export/", {"age_min": "100"}).status_code == 200


def test_org_page_says_the_date_is_out_of_range(client, users, tree):
    client.force_login(users.hr)
    response = client.get("/org/", {"on": "2101-01-01"})
    assert response.status_code == 200
    assert "须在 1900-01-01 至 2100-12-31 之间" in response.content.decode()


def test_due_page_says_the_days_are_out_of_range(client, users, cadre):
    client.force_login(users.hr)
    response = client.get("/due/", {"days": "99999999999999999999"})
    assert response.status_code == 200
    assert "「未来天数」须在 0 至 3650 之间。" in response.content.decode()


@pytest.mark.parametrize("url", ["/org/", "/due/"])
@pytest.mark.parametrize("unit", ["\x00", "²", "abc", "99999999999999999999"])
def test_pages_say_a_unit_id_is_bad(client, users, tree, url, unit):
    client.force_login(users.hr)
    response = client.get(url, {"unit": unit})
    assert response.status_code == 200
    assert "「单位」" in response.content.decode() or "请输入整数" in response.content.decode()


def test_due_page_filters_by_a_good_unit(client, users, tree):
    client.force_login(users.hr)
    response = client.get("/due/", {"unit": str(tree.a.pk), "days": "3650"})
    assert response.status_code == 200
    assert response.context["unit"] == tree.a
