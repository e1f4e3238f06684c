"""Pages, fragments, files and API answers for a logged-in user are never stored by a browser or a
proxy; a view that sets its own caching keeps it, and anonymous pages are left to their views."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from core.middleware import PrivateResponseMiddleware
from tests.factories import CadreFactory


@pytest.mark.parametrize(
    "path", ["/", "/cadres/", "/cadres/?q=zw", "/cadres/export/", "/notifications/", "/dashboard/structure/"]
)
def test_every_page_of_a_logged_in_user_is_no_store(client, users, tree, path):
    CadreFactory(unit=tree.a)
    client.force_login(users.hr)
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "camera=()" in response["Permissions-Policy"]


def test_an_htmx_fragment_and_a_record_page_are_no_store(client, users, tree):
    cadre = CadreFactory(unit=tree.a)
    client.force_login(users.hr)
    fragment = client.get("/cadres/?q=zw", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="cadre-table")
    record = client.get(f"/cadres/{cadre.pk}/")
    for response in (fragment, record):
        assert "no-store" in response["Cache-Control"]


def test_api_answers_are_no_store_even_refusals(api, users, tree):
    CadreFactory(unit=tree.a)
    assert "no-store" in api(users.hr).get("/api/v1/cadres/")["Cache-Control"]
    assert "no-store" in api().get("/api/v1/cadres/")["Cache-Control"]


def test_the_login_page_sends_the_referrer_and_permissions_policies(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"
    assert "microphone=()" in response["Permissions-Policy"]


def _through_middleware(user, response: HttpResponse, path: str = "/somewhere/") -> HttpResponse:
    request = RequestFactory().get(path)
    request.user = user
    return PrivateResponseMiddleware(lambda request: response)(request)


def test_a_view_that_sets_its_own_caching_keeps_it(users):
    own = HttpResponse()
    own["Cache-Control"] = "public, max-age=60"
    assert _through_middleware(users.hr, own)["Cache-Control"] == "public, max-age=60"
    assert "no-store" in _through_middleware(users.hr, HttpResponse())["Cache-Control"]


def test_an_anonymous_page_outside_the_api_is_left_to_its_view():
    assert "Cache-Control" not in _through_middleware(AnonymousUser(), HttpResponse())
    assert "no-store" in _through_middleware(AnonymousUser(), HttpResponse(), "/api/v1/x/")["Cache-Control"]
