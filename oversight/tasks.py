"""Background jobs of the oversight system: thin, they take a date and call a service."""

import datetime

from celery import shared_task
from django.utils import timezone

from oversight.services.conduct_reminders import conduct_reminders
from oversight.services.reminders import complaint_deadline_reminders


@shared_task(name="oversight.complaint_deadlines")
def complaint_deadlines_task(on: str | None = None) -> int:
    """Remind discipline staff of complaint deadlines (core.jobs); `on` (YYYY-MM-DD) as of another day."""
    day = datetime.date.fromisoformat(on) if on else timezone.localdate()
    return complaint_deadline_reminders(on=day)


@shared_task(name="oversight.conduct_reminders")
def conduct_reminders_task(on: str | None = None) -> dict[str, int]:
    """Letters unsigned, duty reports due, review coverage, supervised tasks due (core.jobs)."""
    day = datetime.date.fromisoformat(on) if on else timezone.localdate()
    return conduct_reminders(on=day)


@shared_task(name="oversight.musts_reminders")
def musts_reminders_task(on: str | None = None) -> int:
    """Remind supervision staff of filings, papers due back, expiring documents and file reviews
    (core.jobs); `on` (YYYY-MM-DD) as of another day."""
    from oversight.services.musts_reminders import musts_reminders

    day = datetime.date.fromisoformat(on) if on else timezone.localdate()
    return musts_reminders(on=day)
