"""The daily review: reminders to HR staff about what falls due (terms, probation, rotation, ...).

Safe to run any number of times a day: each reminder has a key naming its kind, object, due
date and (for terms) threshold, and a user gets a key once (core.notifications.notify).
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
from core.models import Notification, User
from core.notifications import notifications_email, notify
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

OVERDUE_ROTATION = _("%(name)s was due to rotate from %(post)s (%(unit)s) on %(date)s.")


def term_threshold(*, due: datetime.date, on: datetime.date) -> int | None:
    days_left = (due - on).days
    return next((t for t in TERM_THRESHOLDS if days_left <= t), None)


def reminder_key(*, item: DueItem, on: datetime.date) -> str | None:
    """The notification key of an item, None when it needs no reminder today."""
    key = f"{item.kind}:{item.object_id}:{item.due_date.isoformat()}"
    if item.kind == "term_ending":
        threshold = term_threshold(due=item.due_date, on=on)
        return f"{key}:{threshold}" if threshold is not None else None
    if item.kind == "notice_ending":  # one process, several approved candidates
        return f"{key}:{item.cadre.pk}"
    return key


def _message(item: DueItem, on: datetime.date) -> str:
    overdue = item.kind == "rotation_due" and item.due_date < on
    template = OVERDUE_ROTATION if overdue else DUE_KINDS[item.kind].message
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


def daily_review(*, on: datetime.date) -> dict[str, int]:
    """Raise the day's reminders for HR staff; returns the count of new notifications per kind."""
    counts = dict.fromkeys(DUE_KINDS, 0)
    with override(settings.LANGUAGE_CODE):  # a worker has no request to take a language from
        reminders = due_reminders(on=on)
        recipients = hr_recipients()
        paths = _item_paths(list(reminders))
        # Skips the known ones in one query; notify() still guards against a concurrent run.
        known = set(
            Notification.objects.filter(key__in=set(reminders.values())).values_list("user_id", "key")
        )
        new: dict[User, list[Notification]] = defaultdict(list)
        with transaction.atomic():
            for item, key in reminders.items():
                for user, prefix in recipients:
                    if (user.pk, key) in known or not any(p.startswith(prefix) for p in paths[item]):
                        continue
                    if not may_see(user, DUE_KINDS[item.kind].reveals):  # core.visibility
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
                    if notification is not None:
                        new[user].append(notification)
                        counts[item.kind] += 1
            for user, notifications in new.items():  # one e-mail per user and run
                notifications_email(user=user, notifications=notifications)
    return counts
