def test_token_login_returns_token(api, users):
    response = api().post("/api/v1/auth/token/", {"username": "hr", "password": "pw-Cadre@2026"})
    assert response.status_code == 200
    token = response.json()["token"]
    me = api().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.status_code == 200
    assert me.json()["username"] == "hr"


def test_token_login_with_wrong_password_is_400(api, users):
    response = api().post("/api/v1/auth/token/", {"username": "hr", "password": "wrong"})
    assert response.status_code == 400
    assert set(response.json()) == {"code", "message", "fields"}


def test_unauthenticated_requests_get_401(api, db):
    for url in [
        "/api/v1/me/",
        "/api/v1/org-units/",
        "/api/v1/posts/",
        "/api/v1/post-quotas/",
        "/api/v1/post-levels/",
    ]:
        response = api().get(url)
        assert response.status_code == 401, url
        assert response.json()["code"] == "not_authenticated"


def test_me_gives_roles_and_scope(api, users, tree):
    body = api(users.clerk).get("/api/v1/me/").json()
    assert body["roles"] == [{"code": "clerk", "name": "单位管理员"}]
    assert body["scope"]["code"] == "A"
    assert body["scope"]["path"] == tree.a.path


def test_session_auth_works_for_browser_users(client, users):
    client.force_login(users.hr)
    assert client.get("/api/v1/me/").status_code == 200
