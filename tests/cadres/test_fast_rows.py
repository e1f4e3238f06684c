"""The cadre list's rows (CadreSerializer.rows, core.api.serializers.representer) are what DRF's
own serialisation gives, for every role (masked ID numbers) and with and without current posts."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from cadres.api.cadre_serializers import CadreSerializer
from cadres.selectors.cadres import cadres_visible
from tests.factories import AppointmentFactory, CadreFactory, PostFactory


@pytest.fixture
def people(tree):
    first = CadreFactory(unit=tree.a, name="张伟", retirement_override=datetime.date(2040, 1, 1))
    AppointmentFactory(
        cadre=first, post=PostFactory(unit=tree.a, title="院长"), start_date=datetime.date(2020, 1, 1)
    )
    AppointmentFactory(
        cadre=first,
        post=PostFactory(unit=tree.b, title="副院长"),
        start_date=datetime.date(2021, 3, 1),
        is_primary=False,
    )
    CadreFactory(unit=tree.a1, name="李娜", party_join_date=None, democratic_party="")
    CadreFactory(unit=tree.b, name="王芳", id_number="")
    return first


@pytest.mark.parametrize("role", ["hr", "clerk", "leader", "discipline", "admin"])
def test_rows_equal_drf_serialisation(users, people, role):
    user = getattr(users, role)
    request = Request(APIRequestFactory().get("/api/v1/cadres/"))
    request.user = user
    context = {"request": request, "on": timezone.localdate()}
    cadres = list(cadres_visible(user=user, on=timezone.localdate()).order_by("unit__path", "name", "id"))
    assert cadres
    expected = CadreSerializer(cadres, many=True, context=context).data
    assert CadreSerializer(context=context).rows(cadres) == expected
    if role == "hr":
        assert any(len(row["current_posts"]) == 2 for row in expected)


def test_list_api_sends_the_rows(api, users, people):
    response = api(users.hr).get("/api/v1/cadres/")
    assert response.status_code == 200
    body = response.json()
    first = next(row for row in body["results"] if row["id"] == people.pk)
    assert first["retirement_override"] == "2040-01-01"
    assert [p["post_title"] for p in first["current_posts"]] == ["院长", "副院长"]
    assert isinstance(first["unit"], int) and isinstance(first["age"], int)
    clerk = api(users.clerk).get("/api/v1/cadres/").json()["results"]
    assert all("*" in row["id_number"] for row in clerk if row["id_number"])
