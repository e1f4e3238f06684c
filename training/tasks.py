"""Background jobs of the training system: thin, they take a date and call the reminders."""

import datetime

from celery import shared_task
from django.utils import timezone

from training import reminders


def _day(on: str | None) -> datetime.date:
    return datetime.date.fromisoformat(on) if on else timezone.localdate()


@shared_task(name="training.monthly_study_reminders")
def monthly_study_reminders_task(on: str | None = None) -> int:
    return reminders.monthly_study_reminders(on=_day(on))


@shared_task(name="training.behind_pace_reminders")
def behind_pace_reminders_task(on: str | None = None) -> int:
    return reminders.behind_pace_reminders(on=_day(on))


@shared_task(name="training.follow_up_reminders")
def follow_up_reminders_task(on: str | None = None) -> int:
    return reminders.follow_up_reminders(on=_day(on))
