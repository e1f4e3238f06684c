"""Notifications: the notify service, the API and the notification centre page; each user sees their own."""

import datetime

import pytest
from django.core import mail
from django.db import transaction

from core.models import Notification
from core.notifications import notification_mark_read, notify, unread_count


@pytest.fixture
def inbox(users):
    """Two unread and one read notification for hr, one for the clerk."""
    rows = [
        notify(user=users.hr, kind="term_ending", key=f"k{i}", message=f"消息{i}", email=False)
        for i in range(3)
    ]
    notification_mark_read(user=users.hr, ids=[rows[0].pk])
    clerk = notify(user=users.clerk, kind="retirement", key="k0", message="别人的", email=False)
    return [Notification.objects.get(pk=n.pk) for n in rows], clerk


class TestNotify:
    def test_once_per_user_and_key(self, users, django_capture_on_commit_callbacks):
        users.hr.email = "hr@example.edu.cn"
        users.hr.save()
        with django_capture_on_commit_callbacks(execute=True):
            first = notify(
                user=users.hr,
                kind="retirement",
                key="retirement:1:2026-09-01",
                message="张伟将于2026-09-01退休。",
                link="/cadres/1/",
                due_date=datetime.date(2026, 9, 1),
            )
            again = notify(user=users.hr, kind="retirement", key="retirement:1:2026-09-01", message="x")
            other = notify(user=users.leader, kind="retirement", key="retirement:1:2026-09-01", message="y")
        assert first is not None and again is None and other is not None
        assert Notification.objects.get(pk=first.pk).message == "张伟将于2026-09-01退休。"
        assert [(m.to, m.subject) for m in mail.outbox] == [
            (["hr@example.edu.cn"], "张伟将于2026-09-01退休。")
        ]

    def test_no_mail_when_the_transaction_rolls_back(self, users, django_capture_on_commit_callbacks):
        users.hr.email = "hr@example.edu.cn"
        users.hr.save()
        with (
            django_capture_on_commit_callbacks(execute=True),
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            notify(user=users.hr, kind="retirement", key="k", message="m")
            raise RuntimeError
        assert mail.outbox == []
        assert not Notification.objects.exists()

    def test_mark_read_touches_only_the_users_own(self, users, inbox):
        rows, clerk = inbox
        assert notification_mark_read(user=users.hr, ids=[clerk.pk, rows[1].pk]) == 1
        clerk.refresh_from_db()
        assert clerk.read_at is None
        assert unread_count(users.hr) == 1 and unread_count(users.clerk) == 1
        assert notification_mark_read(user=users.hr) == 1
        assert unread_count(users.hr) == 0 and unread_count(users.clerk) == 1


class TestApi:
    def test_lists_only_the_current_users_own_unread_first(self, api, users, inbox):
        rows, _clerk = inbox
        body = api(users.hr).get("/api/v1/notifications/").json()
        assert body["count"] == 3
        assert [r["id"] for r in body["results"]] == [rows[2].pk, rows[1].pk, rows[0].pk]
        assert [r["is_read"] for r in body["results"]] == [False, False, True]
        assert set(body["results"][0]) >= {"kind", "message", "link", "due_date", "created_at", "read_at"}
        assert [r["message"] for r in api(users.clerk).get("/api/v1/notifications/").json()["results"]] == [
            "别人的"
        ]

    def test_users_without_a_role_read_their_own(self, api, users):
        notify(user=users.nobody, kind="x", key="k", message="m", email=False)
        assert api(users.nobody).get("/api/v1/notifications/").json()["count"] == 1

    @pytest.mark.parametrize(("flag", "count"), [("true", 2), ("false", 1)])
    def test_unread_filter(self, api, users, inbox, flag, count):
        assert api(users.hr).get(f"/api/v1/notifications/?unread={flag}").json()["count"] == count

    def test_bad_unread_filter(self, api, users, inbox):
        response = api(users.hr).get("/api/v1/notifications/?unread=maybe")
        assert response.status_code == 400
        assert "unread" in response.json()["fields"]

    def test_unread_count(self, api, users, inbox):
        assert api(users.hr).get("/api/v1/notifications/unread-count/").json() == {"unread": 2}

    def test_mark_one_read(self, api, users, inbox):
        rows, _clerk = inbox
        response = api(users.hr).post(f"/api/v1/notifications/{rows[1].pk}/read/")
        assert response.status_code == 200
        assert response.json()["is_read"] is True and response.json()["read_at"]
        assert api(users.hr).get("/api/v1/notifications/unread-count/").json() == {"unread": 1}

    def test_marking_read_keeps_the_first_read_time(self, api, users, inbox):
        rows, _clerk = inbox
        assert api(users.hr).post(f"/api/v1/notifications/{rows[0].pk}/read/").status_code == 200
        assert Notification.objects.get(pk=rows[0].pk).read_at == rows[0].read_at

    def test_another_users_notification_is_404(self, api, users, inbox):
        _rows, clerk = inbox
        response = api(users.hr).post(f"/api/v1/notifications/{clerk.pk}/read/")
        assert response.status_code == 404
        clerk.refresh_from_db()
        assert clerk.read_at is None

    def test_read_all_marks_only_mine(self, api, users, inbox):
        _rows, clerk = inbox
        assert api(users.hr).post("/api/v1/notifications/read-all/").json() == {"marked": 2}
        assert unread_count(users.hr) == 0
        clerk.refresh_from_db()
        assert clerk.read_at is None

    @pytest.mark.parametrize(
        ("method", "url"),
        [
            ("get", "/api/v1/notifications/"),
            ("get", "/api/v1/notifications/unread-count/"),
            ("post", "/api/v1/notifications/1/read/"),
            ("post", "/api/v1/notifications/read-all/"),
        ],
    )
    def test_anonymous_is_401(self, api, db, method, url):
        assert getattr(api(), method)(url).status_code == 401

    def test_in_the_schema(self, api, users):
        schema = api(users.hr).get("/api/schema/?format=json").json()
        assert {
            "/api/v1/notifications/",
            "/api/v1/notifications/{id}/read/",
            "/api/v1/notifications/read-all/",
            "/api/v1/notifications/unread-count/",
        } <= set(schema["paths"])
        (param,) = schema["paths"]["/api/v1/notifications/{id}/read/"]["post"]["parameters"]
        assert param["schema"]["type"] == "integer"


class TestPages:
    def test_bell_shows_the_unread_count(self, client, users, inbox):
        client.force_login(users.hr)
        html = client.get("/").content.decode()
        assert 'id="notification-bell"' in html
        assert ">2</span>" in html

    def test_no_badge_when_all_are_read(self, client, users):
        client.force_login(users.leader)
        assert 'id="notification-bell"' in (html := client.get("/").content.decode())
        assert "text-bg-danger" not in html

    def test_centre_lists_my_notifications_only(self, client, users, inbox):
        client.force_login(users.hr)
        html = client.get("/notifications/").content.decode()
        assert all(f"消息{i}" in html for i in range(3))
        assert "别人的" not in html

    def test_mark_one_read_with_htmx(self, client, users, inbox):
        rows, _clerk = inbox
        client.force_login(users.hr)
        response = client.post(f"/notifications/{rows[1].pk}/read/", headers={"HX-Request": "true"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "<html" not in html and 'hx-swap-oob="true"' in html and ">1</span>" in html
        assert unread_count(users.hr) == 1

    def test_mark_all_read_without_javascript(self, client, users, inbox):
        client.force_login(users.hr)
        response = client.post("/notifications/read-all/")
        assert response.status_code == 302 and response["Location"] == "/notifications/"
        assert unread_count(users.hr) == 0 and unread_count(users.clerk) == 1

    def test_another_users_notification_is_404(self, client, users, inbox):
        _rows, clerk = inbox
        client.force_login(users.hr)
        assert client.post(f"/notifications/{clerk.pk}/read/").status_code == 404
        assert client.get(f"/notifications/{clerk.pk}/read/").status_code == 405
        assert unread_count(users.clerk) == 1

    def test_login_required(self, client, db):
        assert client.get("/notifications/").status_code == 302
        assert client.post("/notifications/read-all/").status_code == 302
