import pytest

from cadres.models import OrgUnit, Post, PostQuota
from tests.factories import OrgUnitFactory, PostFactory, PostQuotaFactory, level

RESOURCES = ["org-units", "posts", "post-quotas", "post-levels"]


def payload(resource, tree):
    return {
        "org-units": {"code": "NEW", "name": "新单位", "kind": "sub_unit", "parent": tree.a.pk},
        "posts": {
            "unit": tree.a.pk,
            "title": "副院长",
            "level": level("middle_deputy").pk,
            "category": "academic",
        },
        "post-quotas": {"unit": tree.a1.pk, "level": level("middle_deputy").pk, "approved": 3},
        "post-levels": {"code": "section_deputy", "name": "科级副职", "rank": 60, "tier": "section"},
    }[resource]


# Expected status for (role, action) on every resource of the org structure.
READ_ALL = {"admin", "hr", "clerk", "leader", "discipline"}
WRITE = {"admin", "hr"}
READ_EXCEPTIONS = {("discipline", "post-quotas")}


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("role", ["admin", "hr", "clerk", "leader", "discipline", "nobody"])
def test_role_matrix_read(api, users, staffed, role, resource):
    response = api(getattr(users, role)).get(f"/api/v1/{resource}/")
    allowed = role in READ_ALL and (role, resource) not in READ_EXCEPTIONS
    assert response.status_code == (200 if allowed else 403)


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("role", ["admin", "hr", "clerk", "leader", "discipline", "nobody"])
def test_role_matrix_create(api, users, staffed, tree, role, resource):
    response = api(getattr(users, role)).post(f"/api/v1/{resource}/", payload(resource, tree), format="json")
    assert response.status_code == (201 if role in WRITE else 403), response.content


@pytest.mark.parametrize("resource", ["org-units", "posts", "post-quotas"])
def test_anonymous_gets_401_on_writes(api, staffed, tree, resource):
    assert api().post(f"/api/v1/{resource}/", payload(resource, tree), format="json").status_code == 401


def test_clerk_lists_only_own_subtree(api, users, staffed, tree):
    client = api(users.clerk)
    units = {u["code"] for u in client.get("/api/v1/org-units/").json()["results"]}
    assert units == {"A", "A1"}
    posts = {p["id"] for p in client.get("/api/v1/posts/").json()["results"]}
    assert posts == {staffed.post_a.pk}
    quotas = {q["unit"] for q in client.get("/api/v1/post-quotas/").json()["results"]}
    assert quotas == {tree.a.pk}


def test_clerk_gets_404_for_another_units_objects(api, users, staffed, tree):
    client = api(users.clerk)
    assert client.get(f"/api/v1/org-units/{tree.b.pk}/").status_code == 404
    assert client.get(f"/api/v1/posts/{staffed.post_b.pk}/").status_code == 404
    assert client.get(f"/api/v1/post-quotas/{staffed.quota_b.pk}/").status_code == 404
    assert client.get(f"/api/v1/org-units/{tree.a.pk}/").status_code == 200


def test_hr_scoped_to_a_unit_cannot_write_into_another(api, users, staffed, tree):
    users.hr.scope_unit = tree.a
    users.hr.save()
    client = api(users.hr)
    assert (
        client.patch(f"/api/v1/posts/{staffed.post_b.pk}/", {"title": "x"}, format="json").status_code == 404
    )
    response = client.post("/api/v1/posts/", payload("posts", tree) | {"unit": tree.b.pk}, format="json")
    assert response.status_code == 400
    assert response.json()["fields"]["unit"][0]["code"] == "does_not_exist"
    assert not Post.objects.filter(unit=tree.b, title="副院长").exists()


def test_duplicate_code_is_400_naming_the_field(api, users, tree):
    body = payload("org-units", tree) | {"code": "A"}
    response = api(users.hr).post("/api/v1/org-units/", body, format="json")
    assert response.status_code == 400
    error = response.json()
    assert error["code"] == "unique"
    assert list(error["fields"]) == ["code"]


def test_cycle_is_400_naming_parent(api, users, tree):
    response = api(users.hr).patch(f"/api/v1/org-units/{tree.a.pk}/", {"parent": tree.a1.pk}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "cycle"
    assert "parent" in response.json()["fields"]
    tree.a.refresh_from_db()
    assert tree.a.parent == tree.root


def test_negative_quota_is_400_naming_approved(api, users, tree):
    body = payload("post-quotas", tree) | {"approved": -1}
    response = api(users.hr).post("/api/v1/post-quotas/", body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "min_value"
    assert list(response.json()["fields"]) == ["approved"]
    assert not PostQuota.objects.filter(unit=tree.a1).exists()


def test_deactivating_unit_with_posts_is_400(api, users, staffed, tree):
    response = api(users.hr).patch(f"/api/v1/org-units/{tree.b.pk}/", {"active": False}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "unit_has_active_posts"
    assert response.json()["fields"]["active"]
    assert OrgUnit.objects.get(pk=tree.b.pk).active


def test_units_cannot_be_deleted_through_the_api(api, users, tree):
    assert api(users.admin).delete(f"/api/v1/org-units/{tree.a1.pk}/").status_code == 405


def test_deleting_a_quota(api, users, staffed):
    assert api(users.hr).delete(f"/api/v1/post-quotas/{staffed.quota_a.pk}/").status_code == 204


def test_org_unit_detail_has_staffing(api, users, staffed, tree):
    body = api(users.hr).get(f"/api/v1/org-units/{tree.a.pk}/?on=2026-01-01").json()
    assert body["staffing"] == [
        {
            "level": level("middle_principal").pk,
            "level_name": "中层正职",
            "approved": 1,
            "filled": 0,
            "vacant": 1,
            "over_quota": 0,
        }
    ]


def test_bad_on_date_is_400(api, users, tree):
    response = api(users.hr).get(f"/api/v1/org-units/{tree.a.pk}/?on=2026-13-01")
    assert response.status_code == 400
    assert "on" in response.json()["fields"]


def test_filters(api, users, staffed, tree):
    body = api(users.hr).get(f"/api/v1/posts/?unit={tree.b.pk}").json()
    assert [p["id"] for p in body["results"]] == [staffed.post_b.pk]
    body = api(users.hr).get("/api/v1/org-units/?kind=college").json()
    assert {u["code"] for u in body["results"]} == {"A", "B"}


def test_list_queries_do_not_grow_with_data(api, users, tree, django_assert_max_num_queries):
    for _ in range(30):
        unit = OrgUnitFactory(parent=tree.b)
        PostFactory(unit=unit)
        PostQuotaFactory(unit=unit)
    client = api(users.hr)
    for url in ["/api/v1/org-units/", "/api/v1/posts/", "/api/v1/post-quotas/"]:
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


def test_schema_documents_every_resource(client, db):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.1")
    for path in [
        "/api/v1/org-units/",
        "/api/v1/posts/",
        "/api/v1/post-quotas/",
        "/api/v1/post-levels/",
        "/api/v1/me/",
        "/api/v1/auth/token/",
    ]:
        assert path in schema["paths"], path


def test_swagger_ui_is_served_offline(client, db):
    html = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()
