"""三员分立: the system, security and audit administrators each do their own work, cannot do the
others', and none reads business data."""

import pytest
from django.contrib.auth.models import Group

from core.models import ReadChannel, ReadKind
from core.readlog import read_log
from core.roles import ADMIN, AUDIT_ADMIN, SECURITY_ADMIN, SYSTEM_ADMIN
from core.visibility import visible_facts
from tests.factories import CadreFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(tree):
    return {
        role.code: UserFactory(username=role.code, role=role, scope_unit=tree.root, is_staff=True)
        for role in (SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN)
    }


# (what, path, the one role whose work it is)
WORK = [
    ("job schedules", "/admin/django_celery_beat/periodictask/", SYSTEM_ADMIN),
    ("working calendar", "/admin/cadres/calendarday/add/", SYSTEM_ADMIN),
    ("a new account", "/admin/core/user/add/", SECURITY_ADMIN),
    ("lockouts", "/admin/axes/accessattempt/", SECURITY_ADMIN),
    ("the read log", "/audit/reads/", AUDIT_ADMIN),
    ("the access review", "/audit/access-review/", AUDIT_ADMIN),
]


@pytest.mark.parametrize(("what", "path", "owner"), WORK, ids=[w[0] for w in WORK])
def test_each_does_its_own_work_and_none_the_others(client, three, what, path, owner):
    for code, user in three.items():
        client.force_login(user)
        status = client.get(path).status_code
        if code == owner.code:
            assert status == 200, (what, code)
        else:
            assert status in (302, 403), (what, code, status)


def test_none_reads_business_data(client, api, three, tree):
    cadre = CadreFactory(unit=tree.a)
    for user in three.values():
        assert visible_facts(user) == frozenset()
        assert api(user).get("/api/v1/cadres/").status_code == 403
        assert api(user).get("/api/v1/sanctions/").status_code == 403
        assert api(user).get("/api/v1/complaints/").status_code == 403
        client.force_login(user)
        assert client.get(f"/cadres/{cadre.pk}/").status_code == 403
        assert client.get(f"/admin/cadres/cadre/{cadre.pk}/change/").status_code in (302, 403)
        assert not user.has_perm("cadres.view_cadre") and not user.has_perm("oversight.view_sanction")


def test_the_auditor_reads_the_log_and_the_accounts_history_but_changes_nothing(client, three, users):
    auditor = three[AUDIT_ADMIN.code]
    read_log(user=users.hr, kind=ReadKind.ROSTER_EXPORT, channel=ReadChannel.FILE, count=3)
    client.force_login(auditor)
    assert "hr" in client.get("/audit/reads/").content.decode()
    assert client.get(f"/admin/core/user/{users.hr.pk}/history/").status_code == 200
    assert not auditor.has_perm("core.change_user") and not auditor.has_perm("core.add_user")
    answer = client.post(f"/admin/core/user/{users.hr.pk}/change/", {"username": "renamed"})
    assert answer.status_code == 403


def test_the_security_admin_cannot_raise_anyone_nor_change_himself(client, three, users):
    security = three[SECURITY_ADMIN.code]
    client.force_login(security)
    page = client.get(f"/admin/core/user/{users.hr.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page and 'name="user_permissions"' not in page
    assert f'value="{Group.objects.get(name=ADMIN.group).pk}"' not in page  # no ADMIN group offered
    assert f'value="{Group.objects.get(name=AUDIT_ADMIN.group).pk}"' in page
    own = client.post(f"/admin/core/user/{security.pk}/change/", {"username": security.username})
    assert own.status_code == 403
    assert not security.has_perm("core.view_readlog") and not security.has_perm("core.review_access")


def test_the_system_admin_runs_the_system_but_no_account(three):
    system = three[SYSTEM_ADMIN.code]
    assert system.has_perm("django_celery_beat.change_periodictask")
    assert system.has_perm("cadres.change_selectionsettings")
    assert not system.has_perm("core.change_user") and not system.has_perm("core.view_readlog")
    assert not system.has_perm("core.view_historicaluser")
