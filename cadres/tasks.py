"""Background jobs of the cadres system: thin, they take ids or a date and call a service."""

import datetime

from celery import shared_task
from django.utils import timezone

from cadres.services.reviews import daily_review
from cadres.services.roster import roster_job_run


@shared_task(acks_late=True)
def roster_import_task(job_id: str) -> None:
    """Import (or dry-run) an uploaded roster, writing progress and the report to the cache."""
    roster_job_run(job_id=job_id)


@shared_task(name="cadres.daily_review")
def daily_review_task(on: str | None = None) -> dict[str, int]:
    """Raise the day's due reminders (core.jobs); `on` (YYYY-MM-DD) reviews as of another day."""
    day = datetime.date.fromisoformat(on) if on else timezone.localdate()
    return daily_review(on=day)
