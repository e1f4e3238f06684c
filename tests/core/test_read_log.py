"""Who looked: each sensitive read on each channel writes one read-log row; the log refuses
updates and deletes in the database; the purge keeps six months; only the auditor reads it."""

import datetime
import io

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from openpyxl import load_workbook

from core.models import ReadChannel, ReadKind, ReadLog
from core.readlog import read_log, read_log_purge
from tests.factories import CadreFactory
from tests.subprocesses import run_manage


@pytest.fixture
def cadre(tree):
    return CadreFactory(unit=tree.a, name="向英")


def _only_row(**match) -> ReadLog:
    rows = list(ReadLog.objects.filter(**match))
    assert len(rows) == 1, rows
    return rows[0]


def test_the_record_page_logs_the_full_id_number_for_hr_only(client, users, cadre):
    client.force_login(users.hr)
    assert client.get(f"/cadres/{cadre.pk}/", REMOTE_ADDR="10.1.2.3").status_code == 200
    row = _only_row(kind=ReadKind.FULL_ID_NUMBER)
    assert (row.user, row.channel, row.object_id, row.label) == (
        users.hr,
        ReadChannel.PAGE,
        cadre.pk,
        str(cadre),
    )
    client.force_login(users.leader)  # sees the number masked: nothing sensitive was read
    client.get(f"/cadres/{cadre.pk}/")
    assert ReadLog.objects.filter(user=users.leader).count() == 0


def test_the_api_logs_one_row_per_list_page_and_per_record(api, users, tree, cadre):
    CadreFactory(unit=tree.b)
    client = api(users.hr)
    assert client.get("/api/v1/cadres/").status_code == 200
    listed = _only_row(kind=ReadKind.FULL_ID_NUMBER, channel=ReadChannel.API)
    assert listed.count == 2 and listed.object_id is None
    client.get(f"/api/v1/cadres/{cadre.pk}/")
    assert ReadLog.objects.filter(kind=ReadKind.FULL_ID_NUMBER, object_id=cadre.pk).count() == 1
    api(users.clerk).get(f"/api/v1/cadres/{cadre.pk}/")
    assert not ReadLog.objects.filter(user=users.clerk).exists()


def test_exports_and_the_printed_form_are_logged(client, api, users, cadre):
    client.force_login(users.clerk)
    client.get("/cadres/export/", {"gender": "male"})
    roster = _only_row(kind=ReadKind.ROSTER_EXPORT, channel=ReadChannel.FILE)
    assert (roster.user, roster.count, roster.detail) == (users.clerk, 1, "gender=male")
    client.get(f"/cadres/{cadre.pk}/lrmx/")
    assert _only_row(kind=ReadKind.LRMX_EXPORT, channel=ReadChannel.FILE).object_id == cadre.pk
    client.get(f"/cadres/{cadre.pk}/appointment-form/")
    assert _only_row(kind=ReadKind.APPOINTMENT_FORM).channel == ReadChannel.PAGE
    by_api = api(users.hr)
    by_api.get("/api/v1/cadres/export/", {"format": "xlsx"})
    assert _only_row(kind=ReadKind.ROSTER_EXPORT, channel=ReadChannel.API).user == users.hr
    by_api.post("/api/v1/cadres/export-lrmx/", {"ids": [cadre.pk]}, format="json")
    assert _only_row(kind=ReadKind.LRMX_EXPORT, channel=ReadChannel.API).count == 1


def test_a_refused_export_leaves_no_row(client, users, tree):
    theirs = CadreFactory(unit=tree.b)
    client.force_login(users.clerk)
    assert client.get(f"/cadres/{theirs.pk}/lrmx/").status_code == 404
    assert not ReadLog.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_database_refuses_to_change_or_delete_a_row(users, cadre):
    row = read_log(user=users.hr, kind=ReadKind.SANCTION, channel=ReadChannel.PAGE, record=cadre)
    for change in (
        lambda: ReadLog.objects.filter(pk=row.pk).update(purpose="rewritten"),
        lambda: ReadLog.objects.filter(pk=row.pk).delete(),
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            change()
    assert ReadLog.objects.get(pk=row.pk).purpose == ""


def _backdate(row: ReadLog, at: datetime.datetime) -> None:
    """Give a row an earlier time: the test's superuser sets the replica role, under which the
    append-only trigger does not fire; no application connection can do this."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        ReadLog.objects.filter(pk=row.pk).update(at=at)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = origin")


def test_the_purge_keeps_the_retention_period(settings, users, cadre):
    settings.READ_LOG_RETENTION_DAYS = 190
    today = datetime.date(2026, 12, 3)
    kept = read_log(user=users.hr, kind=ReadKind.SANCTION, channel=ReadChannel.PAGE, record=cadre)
    old = read_log(user=users.hr, kind=ReadKind.SANCTION, channel=ReadChannel.PAGE, record=cadre)
    boundary = timezone.make_aware(datetime.datetime(2026, 5, 27))  # exactly 190 days before
    _backdate(old, boundary - datetime.timedelta(seconds=1))
    _backdate(kept, boundary)
    assert read_log_purge(on=today) == 1
    assert list(ReadLog.objects.values_list("pk", flat=True)) == [kept.pk]


def test_only_the_auditor_reads_the_log(client, users, cadre, django_assert_max_num_queries):
    for _ in range(3):
        read_log(user=users.hr, kind=ReadKind.FULL_ID_NUMBER, channel=ReadChannel.PAGE, record=cadre)
    read_log(user=users.clerk, kind=ReadKind.ROSTER_EXPORT, channel=ReadChannel.FILE, count=5)
    for user in (users.hr, users.clerk, users.leader, users.discipline):
        client.force_login(user)
        assert client.get("/audit/reads/").status_code == 403
    client.force_login(users.admin)
    with django_assert_max_num_queries(10):
        page = client.get("/audit/reads/", {"user": users.hr.pk})
    assert len(page.context["page"]) == 3
    assert client.get("/audit/reads/", {"kind": "roster_export"}).context["page"][0].count == 5
    refused = client.get("/audit/reads/", {"since": "2026-12-03", "until": "2026-12-01"})
    assert refused.status_code == 400 and "until" in refused.context["form"].errors
    sheet = load_workbook(io.BytesIO(client.get("/audit/reads/", {"format": "xlsx"}).content)).active
    assert sheet.max_row == 1 + 4


def test_a_retention_under_six_months_stops_startup():
    result = run_manage(
        "check", env_overrides={"READ_LOG_RETENTION_DAYS": "182"}, settings_module="config.settings.local"
    )
    assert result.returncode != 0
    assert "READ_LOG_RETENTION_DAYS must be at least 183" in result.stderr
    ok = run_manage(
        "check", env_overrides={"READ_LOG_RETENTION_DAYS": "183"}, settings_module="config.settings.local"
    )
    assert ok.returncode == 0, ok.stderr
