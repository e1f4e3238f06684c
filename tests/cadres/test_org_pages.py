from django.utils import translation

from cadres.models import OrgUnit
from tests.factories import level


def test_login_required(client, db):
    response = client.get("/org/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_org_tree_shows_scope_only(client, users, tree):
    client.force_login(users.clerk)
    html = client.get("/org/").content.decode()
    assert "信息工程学院" in html
    assert "机电工程学院" not in html
    assert client.get(f"/org/units/{tree.b.pk}/").status_code == 404


def test_unit_panel_shows_posts_quotas_and_vacancies(client, users, staffed, tree):
    client.force_login(users.hr)
    html = client.get(f"/org/units/{tree.a.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "院长" in html
    assert "中层正职" in html
    assert "<html" not in html  # an htmx partial


def test_ui_speaks_chinese(client, users, tree):
    client.force_login(users.hr)
    html = client.get("/org/").content.decode()
    assert "组织机构" in html
    assert "新增单位" in html


def test_create_unit_through_the_form(client, users, tree):
    client.force_login(users.hr)
    response = client.post(
        "/org/units/new/",
        {
            "code": "A2",
            "name": "实训中心",
            "kind": "sub_unit",
            "parent": tree.a.pk,
            "order": 1,
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert OrgUnit.objects.get(code="A2").path.startswith(tree.a.path)


def test_form_errors_name_the_field_in_chinese(client, users, tree):
    client.force_login(users.hr)
    with translation.override("zh-hans"):
        response = client.post(
            f"/org/units/{tree.a.pk}/edit/",
            {
                "code": "A",
                "name": tree.a.name,
                "kind": "college",
                "parent": tree.a1.pk,
                "order": 0,
                "active": "on",
            },
        )
    assert response.status_code == 200
    assert "不能把单位放到它自己或其下级单位之下" in response.content.decode()


def test_quota_form_refuses_negative(client, users, tree):
    client.force_login(users.hr)
    response = client.post(
        "/org/quotas/new/", {"unit": tree.a.pk, "level": level("middle_deputy").pk, "approved": -2}
    )
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()


def test_clerk_cannot_open_forms(client, users, tree):
    client.force_login(users.clerk)
    assert client.get("/org/units/new/").status_code == 403
    assert client.get(f"/org/units/{tree.a.pk}/edit/").status_code == 403


def test_leader_reads_but_does_not_edit(client, users, staffed, tree):
    client.force_login(users.leader)
    html = client.get(f"/org/units/{tree.a.pk}/").content.decode()
    assert "院长" in html
    assert f"/org/units/{tree.a.pk}/edit/" not in html


def test_home_dashboard(client, users, staffed):
    client.force_login(users.leader)
    html = client.get("/").content.decode()
    assert "中层正职" in html


def test_admin_lists_every_model(client, users, staffed):
    client.force_login(users.admin)
    for model in ["orgunit", "postlevel", "post", "postquota"]:
        assert client.get(f"/admin/cadres/{model}/").status_code == 200
    assert client.get(f"/admin/cadres/orgunit/{staffed.post_a.unit.pk}/history/").status_code == 200
