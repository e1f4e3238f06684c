"""Celery tasks of the system's periodic jobs (declared in core.jobs): thin, safe to run twice."""

import datetime

from celery import shared_task
from django.utils import timezone

from cadres.services.reviews import daily_review


def _day(on: str | None) -> datetime.date:
    return datetime.date.fromisoformat(on) if on else timezone.localdate()


@shared_task(name="cadres.daily_review")
def daily_review_task(on: str | None = None) -> dict[str, int]:
    """Raise the day's due reminders; `on` (YYYY-MM-DD) reviews as of another day."""
    return daily_review(on=_day(on))
