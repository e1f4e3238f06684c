"""Who looked (等保 2.0): one append-only row per sensitive read — a full ID number shown, an
appointment form printed, a roster or .lrmx exported, a sanction, complaint or personal-matters
report opened — with the user, the time, the record, the channel and the purpose where asked."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from core.lockout import client_ip
from core.models import ReadChannel, ReadKind, ReadLog, User


def read_log(
    *,
    user: User,
    kind: ReadKind,
    channel: ReadChannel,
    record: Model | None = None,
    count: int = 1,
    detail: str = "",
    purpose: str = "",
    request: HttpRequest | None = None,
) -> ReadLog:
    """Record one read of `record` (or of `count` records, e.g. an export, `detail` saying which)."""
    return ReadLog.objects.create(
        user=user,
        kind=kind,
        channel=channel,
        content_type=ContentType.objects.get_for_model(record) if record is not None else None,
        object_id=record.pk if record is not None else None,
        label=str(record)[:200] if record is not None else "",
        count=max(count, 1),
        detail=detail[:500],
        purpose=purpose[:200],
        address=client_ip(request) if request is not None else None,
    )


def read_log_records(
    *,
    user: User,
    kind: ReadKind,
    channel: ReadChannel,
    records: list[Model],
    request: HttpRequest | None = None,
) -> ReadLog | None:
    """One row for a read of several records: the record itself when there is one, else the count
    and the ids (a list page, a panel). Nothing read, nothing logged."""
    if not records:
        return None
    one = records[0] if len(records) == 1 else None
    return read_log(
        user=user,
        kind=kind,
        channel=channel,
        record=one,
        count=len(records),
        detail="" if one else "ids=" + ",".join(str(r.pk) for r in records),
        request=request,
    )


def read_log_list(*, user_id: int | None = None, kind: str = "", since=None, until=None) -> QuerySet[ReadLog]:
    """The log for the auditor, newest first, filtered by user, kind and day range (inclusive)."""
    rows = ReadLog.objects.select_related("user", "content_type")
    if user_id:
        rows = rows.filter(user_id=user_id)
    if kind:
        rows = rows.filter(kind=kind)
    if since:
        rows = rows.filter(at__date__gte=since)
    if until:
        rows = rows.filter(at__date__lte=until)
    return rows.order_by("-at", "-id")


@transaction.atomic
def read_log_purge(*, on: datetime.date) -> int:
    """Drop the rows older than READ_LOG_RETENTION_DAYS before `on`: the one DELETE the
    database's append-only trigger lets through, for this transaction only."""
    cutoff = timezone.make_aware(datetime.datetime.combine(on, datetime.time.min)) - datetime.timedelta(
        days=settings.READ_LOG_RETENTION_DAYS
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('cadre.read_log_purge', 'on', true)")
    deleted, _ = ReadLog.objects.filter(at__lt=cutoff).delete()
    return deleted
