"""Accounts audited: the change history of users (roles, data scope, status) and the access review.

A login saves `last_login` only; it is not a change to the account, so it leaves no history row.
"""

import io
from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from core.models import User
from core.roles import ROLE_BY_GROUP
from core.spreadsheets import escape_cell


def skip_login_history(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        instance.skip_history_when_saving = True


def end_login_skip(sender, instance, **kwargs):
    instance.__dict__.pop("skip_history_when_saving", None)


@dataclass(frozen=True)
class AccessRow:
    """One account in the access review: what it may do, over which units, and its last change."""

    user: User
    roles: list[str]
    scope: str
    last_changed_at: datetime | None
    last_changed_by: str


def access_review() -> list[AccessRow]:
    """Every account with its roles and data scope, for the yearly review of who holds what."""
    latest = User.history.model.objects.filter(id=OuterRef("pk")).order_by("-history_date", "-history_id")
    users = list(
        User.objects.select_related("scope_unit")
        .prefetch_related("groups")
        .annotate(
            last_changed_at=Subquery(latest.values("history_date")[:1]),
            last_changed_by_id=Subquery(latest.values("history_user_id")[:1]),
        )
        .order_by("-is_active", "username")
    )
    changers = User.objects.in_bulk({u.last_changed_by_id for u in users if u.last_changed_by_id})
    return [_row(user, changers.get(user.last_changed_by_id)) for user in users]


def _row(user: User, changer: User | None) -> AccessRow:
    groups = user.groups.all()
    return AccessRow(
        user=user,
        roles=[str(ROLE_BY_GROUP[g.name].label) if g.name in ROLE_BY_GROUP else g.name for g in groups],
        scope=user.scope_unit.name if user.scope_unit else "",
        last_changed_at=user.last_changed_at,
        last_changed_by=changer.display_name if changer else "",
    )


ACCESS_COLUMNS = (
    _("Login"),
    _("Name"),
    _("Roles"),
    _("Data scope"),
    _("Active"),
    _("Back office"),
    _("Last login"),
    _("Last changed"),
    _("Changed by"),
)


def access_review_workbook(rows: list[AccessRow]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append([str(column) for column in ACCESS_COLUMNS])
    for row in rows:
        user = row.user
        cells = [
            user.username,
            user.display_name,
            "、".join(row.roles),
            row.scope,
            _("Yes") if user.is_active else _("No"),
            _("Yes") if user.is_staff else _("No"),
            timezone.localtime(user.last_login).strftime("%Y-%m-%d %H:%M") if user.last_login else "",
            timezone.localtime(row.last_changed_at).strftime("%Y-%m-%d %H:%M") if row.last_changed_at else "",
            row.last_changed_by,
        ]
        sheet.append([escape_cell(str(cell)) for cell in cells])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


READ_LOG_COLUMNS = (
    _("Read at"),
    _("User"),
    _("What was read"),
    _("Channel"),
    _("Record"),
    _("Records read"),
    _("Detail"),
    _("Purpose"),
    _("Client address"),
)


def read_log_workbook(rows) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([str(column) for column in READ_LOG_COLUMNS])
    for row in rows.iterator(chunk_size=2000):
        cells = [
            timezone.localtime(row.at).strftime("%Y-%m-%d %H:%M:%S"),
            row.user.username,
            row.get_kind_display(),
            row.get_channel_display(),
            row.label,
            row.count,
            row.detail,
            row.purpose,
            row.address or "",
        ]
        sheet.append([escape_cell(cell if isinstance(cell, int) else str(cell)) for cell in cells])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
