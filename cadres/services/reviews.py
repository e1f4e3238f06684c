"""The daily review: reminders to HR staff about what falls due (terms, probation, rotation, ...).

Safe to run any number of times a day: each reminder has a key naming its kind, object, due
date and (for terms) threshold, and a user gets a key once (core.notifications.notify).

The first review of a kind for a user (nothing of that kind was ever raised for them: a new
install, a new HR user) finds the backlog, such as every rotation overdue since the records
began; its overdue items go into one digest per kind ("39 项轮岗交流已逾期" and the list) instead
of one reminder each. Later runs remind of each newly due item.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from cadres.models import OrgUnit
from cadres.registry import DUE_KINDS
from cadres.selectors.due import TERM_THRESHOLDS, DueItem
from cadres.services.appointments import appointments_take_effect
from core.models import Notification, User
from core.notifications import notifications_email, notify, notify_digest
from core.roles import HR
from core.scope import scope_path
from core.visibility import may_see


class _System:
    """The due selectors narrow every read to a user's scope; the job acts for no one, so it
    reads as this stand-in, whose scope (core.scope.scope_path) is every unit."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    scope_unit = None


SYSTEM = _System()
UNITS_FOLLOWED = "units_followed"  # in daily_review's counts: cadres moved to their new post's unit

OVERDUE_ROTATION = _("%(name)s was due to rotate from %(post)s (%(unit)s) on %(date)s.")
OVERDUE_RETIREMENT = _("%(name)s (%(unit)s) reached retirement on %(date)s and is still serving.")
OVERDUE = {"rotation_due": OVERDUE_ROTATION, "retirement": OVERDUE_RETIREMENT}
DIGEST = {
    "rotation_due": _("%(count)d rotations are overdue"),
    "retirement": _("%(count)d cadres are serving past their retirement date"),
    "probation_ending": _("%(count)d probation reviews are overdue"),
}
DIGEST_OTHER = _("%(kind)s: %(count)d overdue")


def term_threshold(*, due: datetime.date, on: datetime.date) -> int | None:
    days_left = (due - on).days
    return next((t for t in TERM_THRESHOLDS if days_left <= t), None)


def reminder_key(*, item: DueItem, on: datetime.date) -> str | None:
    """The notification key of an item, None when it needs no reminder today."""
    key = f"{item.kind}:{item.object_id}:{item.due_date.isoformat()}"
    if item.kind == "retirement" and item.overdue:  # the approaching reminder had the plain key
        return f"{key}:overdue"
    if item.kind == "term_ending":
        threshold = term_threshold(due=item.due_date, on=on)
        return f"{key}:{threshold}" if threshold is not None else None
    if item.kind == "notice_ending":  # one process, several approved candidates
        return f"{key}:{item.cadre.pk}"
    return key


def _message(item: DueItem, on: datetime.date) -> str:
    overdue = item.kind in OVERDUE and item.due_date < on
    template = OVERDUE[item.kind] if overdue else DUE_KINDS[item.kind].message
    return str(template) % {
        "name": item.cadre.name,
        "post": item.detail,
        "sanction": item.detail,
        "unit": item.unit_name,
        "date": item.due_date.isoformat(),
    }


def _link(item: DueItem) -> str:
    if item.kind == "notice_ending":
        return reverse("cadres:selection-detail", args=[item.object_id])
    return reverse("cadres:cadre-detail", args=[item.cadre.pk])


def hr_recipients() -> list[tuple[User, str]]:
    """Active HR staff with the path prefix of their scope ('' for a superuser: every unit)."""
    users = User.objects.filter(is_active=True, groups__name=HR.group).select_related("scope_unit")
    return [(user, prefix) for user in users.distinct() if (prefix := scope_path(user)) is not None]


def _item_paths(items: list[DueItem]) -> dict[DueItem, set[str]]:
    """Units whose HR staff hear of an item: the cadre's, and for a notice the post's too."""
    notice_units = {i.unit_id for i in items if i.kind == "notice_ending"}
    unit_paths = dict(OrgUnit.objects.filter(pk__in=notice_units).values_list("pk", "path"))
    return {
        i: {i.cadre.unit.path} | ({unit_paths[i.unit_id]} if i.kind == "notice_ending" else set())
        for i in items
    }


def due_reminders(*, on: datetime.date) -> dict[DueItem, str]:
    """Every item in its kind's window that needs a reminder today, with its key."""
    reminders = {}
    for kind in DUE_KINDS.values():
        for item in kind.collect(user=SYSTEM, on=on, days=kind.window_days):
            key = reminder_key(item=item, on=on)
            if key is not None:
                reminders[item] = key
    return reminders


def _digest_message(kind: str, items: list[DueItem], on: datetime.date) -> str:
    template = DIGEST.get(kind, DIGEST_OTHER)
    head = str(template) % {"count": len(items), "kind": DUE_KINDS[kind].label}
    return "\n".join([head, *(f"{i.due_date.isoformat()} {_message(i, on)}" for i in items)])


def _remind_user(
    *, user: User, pending: list[tuple[DueItem, str]], first: set[str], on
) -> list[Notification]:
    """One user's new reminders: a digest per kind of the overdue items of a first review."""
    raised, backlog = [], defaultdict(list)
    for item, key in sorted(pending, key=lambda p: (p[0].due_date, p[0].cadre.name)):
        if item.kind in first and item.overdue:
            backlog[item.kind].append((item, key))
            continue
        notification = notify(
            user=user,
            kind=item.kind,
            key=key,
            message=_message(item, on),
            link=_link(item),
            due_date=item.due_date,
            email=False,
        )
        raised += [notification] if notification is not None else []
    for kind, rows in backlog.items():
        items = [
            {"key": k, "message": _message(i, on), "link": _link(i), "due_date": i.due_date} for i, k in rows
        ]
        digest = notify_digest(
            user=user,
            kind=kind,
            key=f"digest:{kind}:{on.isoformat()}",
            message=_digest_message(kind, [i for i, _k in rows], on),
            items=items,
            due_date=rows[0][0].due_date,
        )
        raised += [digest] if digest is not None else []
    return raised


def daily_review(*, on: datetime.date) -> dict[str, int]:
    """Move the cadres whose primary appointment takes effect (`units_followed`: how many), then
    raise the day's reminders for HR staff; returns the count of new notifications per kind
    (a digest counts once)."""
    # First, so the reminders reach the HR staff of the cadres' new units.
    counts = {UNITS_FOLLOWED: appointments_take_effect(on=on)} | dict.fromkeys(DUE_KINDS, 0)
    with override(settings.LANGUAGE_CODE):  # a worker has no request to take a language from
        reminders = due_reminders(on=on)
        recipients = hr_recipients()
        paths = _item_paths(list(reminders))
        # Skips the known ones in one query; notify() still guards against a concurrent run.
        known = set(
            Notification.objects.filter(key__in=set(reminders.values())).values_list("user_id", "key")
        )
        reviewed = set(
            Notification.objects.filter(user__in=[u for u, _p in recipients]).values_list("user_id", "kind")
        )
        with transaction.atomic():
            for user, prefix in recipients:
                pending = [
                    (item, key)
                    for item, key in reminders.items()
                    if (user.pk, key) not in known
                    and any(p.startswith(prefix) for p in paths[item])
                    and may_see(user, DUE_KINDS[item.kind].reveals)  # core.visibility
                ]
                first = {kind for kind in DUE_KINDS if (user.pk, kind) not in reviewed}
                raised = _remind_user(user=user, pending=pending, first=first, on=on)
                for notification in raised:
                    counts[notification.kind] += 1
                notifications_email(user=user, notifications=raised)  # one e-mail per user and run
    return counts
