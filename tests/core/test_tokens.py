"""API tokens expire after API_TOKEN_TTL_HOURS and die with a password change or a deactivation."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

PASSWORD = "pw-Cadre@2026"
TTL = datetime.timedelta(hours=settings.API_TOKEN_TTL_HOURS)


def _token(username="hr", password=PASSWORD):
    response = APIClient().post("/api/v1/auth/token/", {"username": username, "password": password})
    assert response.status_code == 200, response.content
    return response.json()["token"]


def _me(token):
    return APIClient().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")


def _age(token, by):
    Token.objects.filter(key=token).update(created=timezone.now() - by)


def test_the_default_lifetime_is_a_day():
    assert settings.API_TOKEN_TTL_HOURS == 24


@pytest.mark.parametrize(
    ("age", "status"),
    [
        (TTL - datetime.timedelta(minutes=1), 200),  # just before
        (TTL, 401),  # at
        (TTL + datetime.timedelta(minutes=1), 401),  # after
    ],
)
def test_a_token_works_until_its_lifetime_ends(users, age, status):
    token = _token()
    _age(token, age)
    response = _me(token)
    assert response.status_code == status
    if status == 401:
        assert response.json()["code"] == "token_expired"
        assert response.headers["WWW-Authenticate"].startswith("Token")


def test_asking_again_after_expiry_gives_a_new_token(users):
    old = _token()
    _age(old, TTL)
    new = _token()
    assert new != old
    assert _me(new).status_code == 200
    assert _me(old).status_code == 401


def test_asking_again_before_expiry_gives_the_same_token(users):
    assert _token() == _token()


def test_a_password_change_ends_the_token(users):
    token = _token()
    users.hr.set_password("another-Cadre@2027")
    users.hr.save()
    response = _me(token)
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert _me(_token(password="another-Cadre@2027")).status_code == 200


def test_a_password_change_in_admin_ends_the_token(users):
    token = _token()
    admin = Client()
    admin.force_login(users.admin)
    response = admin.post(
        f"/admin/core/user/{users.hr.pk}/password/",
        {"password1": "another-Cadre@2027", "password2": "another-Cadre@2027", "usable_password": "true"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _me(token).status_code == 401


def test_deactivation_ends_the_token(users):
    token = _token()
    users.hr.is_active = False
    users.hr.save()
    assert not Token.objects.filter(key=token).exists()
    assert _me(token).status_code == 401


def test_other_saves_keep_the_token(users):
    token = _token()
    users.hr.first_name = "华"
    users.hr.save()
    users.clerk.set_password("another-Cadre@2027")
    users.clerk.save()
    assert _me(token).status_code == 200
