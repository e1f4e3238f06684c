"""In-app notifications, e-mailed once: the services and reads behind the notification centre.

A notification's `key` is unique per user, so whoever raises one twice (a job run twice,
two workers racing) gets the existing row back and sends no second e-mail.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.models import Notification, User


def notify(
    *,
    user: User,
    kind: str,
    key: str,
    message: str,
    link: str = "",
    due_date: datetime.date | None = None,
    email: bool = True,
) -> Notification | None:
    """Raise a notification unless `user` already has one with `key`; None when it existed.

    `email=False` lets a caller that raises many at once send one digest instead
    (see notifications_email).
    """
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            user=user,
            key=key,
            defaults={"kind": kind, "message": message, "link": link, "due_date": due_date},
        )
    if not created:
        return None
    if email:
        notifications_email(user=user, notifications=[notification])
    return notification


def notifications_email(*, user: User, notifications: list[Notification]) -> None:
    """E-mail new notifications once the transaction that raised them has committed."""
    if not notifications or not user.email:
        return
    with override(settings.LANGUAGE_CODE):
        if len(notifications) == 1:
            subject = notifications[0].message
        else:
            subject = _("%(count)d new reminders from the cadre management system") % {
                "count": len(notifications)
            }
        lines = [n.message for n in notifications]
        body = "\n".join([*lines, "", _("See the notification centre in the cadre management system.")])
    # robust: an unreachable mail server is logged but neither undoes the notifications nor
    # fails the job; they are in the notification centre either way.
    transaction.on_commit(lambda: send_mail(subject[:150], body, None, [user.email]), robust=True)


def notification_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the user's own unread notifications read (all of them when `ids` is None)."""
    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())


def notification_list(*, user: User, unread: bool | None = None) -> QuerySet[Notification]:
    """The user's own notifications, unread first; the owner is the scope of a notification."""
    rows = Notification.objects.filter(user=user)
    if unread is True:
        rows = rows.filter(read_at__isnull=True)
    elif unread is False:
        rows = rows.filter(read_at__isnull=False)
    return rows.order_by(F("read_at").desc(nulls_first=True), "-created_at", "-id")


def unread_count(user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
