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

# kind code -> its label, filled by whoever raises the kind (cadres.registry.register_due_kind),
# so the centre can name kinds core does not know.
NOTIFICATION_KINDS: dict[str, object] = {}


def register_notification_kind(code: str, label) -> None:
    NOTIFICATION_KINDS[code] = label


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
            subject = notifications[0].message.splitlines()[0]  # a digest's first line is its title
        else:
            subject = _("%(count)d new reminders from the cadre management system") % {
                "count": len(notifications)
            }
        lines = [n.message for n in notifications]
        body = "\n".join([*lines, "", _("See the notification centre in the cadre management system.")])
    # robust: an unreachable mail server is logged but neither undoes the notifications nor
    # fails the job; they are in the notification centre either way.
    transaction.on_commit(lambda: send_mail(subject[:150], body, None, [user.email]), robust=True)


def notify_digest(
    *, user: User, kind: str, key: str, message: str, items: list[dict], due_date: datetime.date | None = None
) -> Notification | None:
    """One notification standing for many reminders (`items`: notify()'s key, message, link,
    due_date), which are recorded under it so that none of them is raised again later.
    None when the digest existed; items the user already had stay as they were."""
    with transaction.atomic():
        digest, created = Notification.objects.get_or_create(
            user=user, key=key, defaults={"kind": kind, "message": message, "due_date": due_date}
        )
        if not created:
            return None
        known = set(
            Notification.objects.filter(user=user, key__in=[i["key"] for i in items]).values_list(
                "key", flat=True
            )
        )
        Notification.objects.bulk_create(
            [Notification(user=user, kind=kind, digest=digest, **i) for i in items if i["key"] not in known],
            ignore_conflicts=True,
        )
    return digest


def notification_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the user's own unread notifications read (all of them when `ids` is None)."""
    rows = Notification.objects.filter(user=user, read_at__isnull=True, digest__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())


def notification_list(
    *, user: User, unread: bool | None = None, kind: str | None = None
) -> QuerySet[Notification]:
    """The user's own notifications (a digest in place of its items), soonest due first, those
    without a due date last; the owner is the scope of a notification."""
    rows = Notification.objects.filter(user=user, digest__isnull=True)
    if unread is True:
        rows = rows.filter(read_at__isnull=True)
    elif unread is False:
        rows = rows.filter(read_at__isnull=False)
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by(F("due_date").asc(nulls_last=True), "-created_at", "-id")


def notification_kinds(*, user: User) -> dict[str, object]:
    """The kinds of the user's notifications with their labels, for the centre's filter."""
    rows = Notification.objects.filter(user=user, digest__isnull=True)
    return {
        code: NOTIFICATION_KINDS.get(code, code) for code in sorted(set(rows.values_list("kind", flat=True)))
    }


def unread_count(user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True, digest__isnull=True).count()
