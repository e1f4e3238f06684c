"""django-axes locks a username from one address after AXES_FAILURE_LIMIT wrong passwords, on the
login page, the admin login and the token endpoint alike."""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from rest_framework.test import APIClient

from core.lockout import client_ip
from tests.factories import UserFactory

PASSWORD = "pw-Cadre@2026"
LIMIT = settings.AXES_FAILURE_LIMIT


def _page_login(path):
    def attempt(username, password, address="10.0.0.1"):
        return Client(REMOTE_ADDR=address).post(path, {"username": username, "password": password})

    return attempt


def _token_login(username, password, address="10.0.0.1"):
    return APIClient(REMOTE_ADDR=address).post(
        "/api/v1/auth/token/", {"username": username, "password": password}
    )


DOORS = {
    "login page": _page_login("/accounts/login/"),
    "admin login": _page_login("/admin/login/"),
    "token endpoint": _token_login,
}


def _succeeded(door, response):
    if door == "token endpoint":
        return response.status_code == 200 and "token" in response.json()
    return response.status_code == 302


@pytest.fixture
def staff(db):
    return UserFactory(username="alice", is_staff=True, is_superuser=True)


def test_the_default_limit_is_twenty_failures_and_an_hour():
    assert LIMIT == 20
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 3600


@pytest.mark.parametrize("door", DOORS)
def test_the_limit_minus_one_failures_still_let_the_right_password_in(door, staff):
    attempt = DOORS[door]
    for _ in range(LIMIT - 1):
        assert attempt("alice", "wrong").status_code in (200, 400)
    assert _succeeded(door, attempt("alice", PASSWORD))


@pytest.mark.parametrize("door", DOORS)
def test_twenty_failures_lock_the_door_even_for_the_right_password(door, staff):
    attempt = DOORS[door]
    for _ in range(LIMIT - 1):
        attempt("alice", "wrong")
    assert attempt("alice", "wrong").status_code == 429  # the limit-th failure locks
    refused = attempt("alice", PASSWORD)
    assert refused.status_code == 429
    if door == "token endpoint":
        assert refused.json()["code"] == "locked_out"
        assert set(refused.json()) == {"code", "message", "fields"}
    else:
        assert "登录失败次数过多" in refused.content.decode()


@pytest.mark.parametrize("door", DOORS)
def test_a_success_before_the_limit_resets_the_count(door, staff):
    attempt = DOORS[door]
    for _ in range(LIMIT - 1):
        attempt("alice", "wrong")
    assert _succeeded(door, attempt("alice", PASSWORD))
    for _ in range(LIMIT - 1):
        attempt("alice", "wrong")
    assert _succeeded(door, attempt("alice", PASSWORD))


@pytest.mark.parametrize("door", DOORS)
def test_the_lock_holds_one_user_on_one_address(door, staff):
    UserFactory(username="bob", is_staff=True, is_superuser=True)
    attempt = DOORS[door]
    for _ in range(LIMIT):
        attempt("alice", "wrong")
    assert _succeeded(door, attempt("bob", PASSWORD))  # another user, same address
    assert _succeeded(door, attempt("alice", PASSWORD, address="10.0.0.2"))  # same user elsewhere
    assert attempt("alice", PASSWORD).status_code == 429


@override_settings(AXES_COOLOFF_TIME=__import__("datetime").timedelta(seconds=0))
def test_the_lock_ends_after_the_cool_off(staff):
    for _ in range(LIMIT):
        _token_login("alice", "wrong")
    assert _token_login("alice", PASSWORD).status_code == 200


def test_no_lockout_is_left_over_from_another_test(staff):
    assert _succeeded("token endpoint", _token_login("alice", PASSWORD))


@pytest.mark.parametrize(
    ("forwarded", "remote", "expected"),
    [
        (None, "10.0.0.9", "10.0.0.9"),  # straight to gunicorn (a monitor)
        ("203.0.113.7", "127.0.0.1", "203.0.113.7"),  # through nginx
        ("6.6.6.6, 203.0.113.7", "127.0.0.1", "203.0.113.7"),  # the client forged the header
    ],
)
def test_the_client_address_is_the_one_our_proxy_saw(forwarded, remote, expected):
    meta = {"REMOTE_ADDR": remote} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})
    assert client_ip(RequestFactory().post("/", **meta)) == expected


def test_a_forged_forwarded_for_does_not_escape_the_lock(staff):
    for n in range(LIMIT):
        APIClient(HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 203.0.113.7").post(
            "/api/v1/auth/token/", {"username": "alice", "password": "wrong"}
        )
    response = APIClient(HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7").post(
        "/api/v1/auth/token/", {"username": "alice", "password": PASSWORD}
    )
    assert response.status_code == 429
