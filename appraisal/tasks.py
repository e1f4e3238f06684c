"""Background jobs of the appraisal system: thin, they take a date and call a service."""

import datetime

from celery import shared_task
from django.utils import timezone

from appraisal.services.reminders import appraisal_daily
from core.actors import system_actor


@shared_task(name="appraisal.daily")
def appraisal_daily_task(on: str | None = None) -> dict[str, int]:
    """Close cycles past their last day and remind HR (core.jobs); `on` (YYYY-MM-DD) as of another day."""
    day = datetime.date.fromisoformat(on) if on else timezone.localdate()
    return appraisal_daily(on=day, acting_user=system_actor())
