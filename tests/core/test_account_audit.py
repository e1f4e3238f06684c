"""Accounts audited: changes to a user's roles, scope and status keep a history naming who made
them; logins do not; the access review lists every account for the administrator only."""

import io

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from core.audit import access_review
from core.models import User
from core.roles import HR, LEADER


def _admin_change(client, admin, user, **changes):
    """Post the Django admin's change form for `user` with `changes` over its current values."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "groups": [g.pk for g in user.groups.all()],
        "scope_unit": user.scope_unit_id or "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        **changes,
    }
    data = {key: value for key, value in data.items() if value != ""}
    client.force_login(admin)
    return client.post(f"/admin/core/user/{user.pk}/change/", data)


def test_an_admin_change_of_roles_and_scope_is_in_the_history_with_its_author(client, users, tree):
    leader = users.leader
    before = leader.history.count()
    response = _admin_change(
        client, users.admin, leader, groups=[Group.objects.get(name=HR.group).pk], scope_unit=tree.b.pk
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    leader.refresh_from_db()
    assert leader.scope_unit == tree.b
    rows = list(leader.history.order_by("-history_date", "-history_id"))
    assert len(rows) > before
    latest = rows[0]
    assert latest.history_user == users.admin
    assert latest.scope_unit_id == tree.b.pk
    assert {g.group.name for g in latest.groups.all()} == {HR.group}
    assert any(row.scope_unit_id == tree.root.pk for row in rows[1:])


def test_a_login_leaves_no_history_row(client, users):
    users.hr.set_password("Secret-2026!")
    users.hr.save()
    before = users.hr.history.count()
    response = client.post("/accounts/login/", {"username": "hr", "password": "Secret-2026!"})
    assert response.status_code == 302
    users.hr.refresh_from_db()
    assert users.hr.last_login is not None
    assert users.hr.history.count() == before
    users.hr.first_name = "Changed"
    users.hr.save()
    assert users.hr.history.count() == before + 1


def test_the_history_keeps_no_password_hash(users):
    assert "password" not in {field.name for field in User.history.model._meta.fields}


def test_the_access_review_lists_roles_scope_and_last_change(users, tree):
    users.leader._history_user = users.admin
    users.leader.is_active = False
    users.leader.save()
    rows = {row.user.username: row for row in access_review()}
    assert rows["leader"].roles == [str(LEADER.label)]
    assert rows["leader"].scope == tree.root.name
    assert rows["leader"].last_changed_by == users.admin.display_name
    assert rows["clerk"].scope == tree.a.name
    order = [row.user.is_active for row in rows.values()]
    assert order == sorted(order, reverse=True)  # inactive accounts come last


def test_only_the_administrator_opens_the_access_review(client, users, django_assert_max_num_queries):
    for user in (users.hr, users.leader, users.clerk, users.discipline):
        client.force_login(user)
        assert client.get("/audit/access-review/").status_code == 403
    client.force_login(users.admin)
    with django_assert_max_num_queries(12):
        page = client.get("/audit/access-review/")
    assert page.status_code == 200
    assert "clerk" in page.content.decode()
    sheet = load_workbook(io.BytesIO(client.get("/audit/access-review/?format=xlsx").content)).active
    logins = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert set(logins) >= {"admin", "hr", "clerk", "leader", "discipline"}


def test_the_access_review_costs_the_same_queries_for_more_users(client, users, tree):
    client.force_login(users.admin)
    with CaptureQueriesContext(connection) as few:
        client.get("/audit/access-review/")
    for n in range(10):
        user = User.objects.create(username=f"extra{n}", scope_unit=tree.b)
        user.groups.add(Group.objects.get(name=HR.group))
    with CaptureQueriesContext(connection) as many:
        client.get("/audit/access-review/")
    assert len(many) == len(few)
