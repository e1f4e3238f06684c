"""The HTML error pages are Chinese and in the base style; under /api/ the JSON body stays."""

from django.template import loader
from django.test import RequestFactory

from config import urls
from core.api.exceptions import server_error

STYLE = "vendor/bootstrap/bootstrap.min.css"


def test_403_is_a_chinese_page_in_the_base_style(client, users):
    client.force_login(users.clerk)
    response = client.get("/dashboard/structure/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "无权访问" in html and STYLE in html
    assert "选人用人" in html  # the menu of the base layout


def test_404_is_a_chinese_page_for_an_unknown_url_and_an_out_of_scope_record(client, users, tree):
    from tests.factories import CadreFactory

    other = CadreFactory(unit=tree.b)
    client.force_login(users.clerk)
    for url in ("/no-such-page/", f"/cadres/{other.pk}/"):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 404
        assert "页面不存在" in html and STYLE in html


def test_404_for_anonymous_users_too(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def test_api_errors_keep_the_json_body(client, users, api):
    response = client.get("/api/v1/no-such-endpoint/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    response = api(users.clerk).get("/api/v1/selections/")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_500_renders_without_a_request_context(db):
    html = loader.get_template("500.html").render()
    assert "服务器错误" in html and STYLE in html
    response = server_error(RequestFactory().get("/cadres/"))
    assert response.status_code == 500 and "服务器错误" in response.content.decode()
    assert urls.handler500 == "core.api.exceptions.server_error"


def test_500_under_the_api_is_json(db):
    response = server_error(RequestFactory().get("/api/v1/cadres/"))
    assert response.status_code == 500 and response["Content-Type"].startswith("application/json")
