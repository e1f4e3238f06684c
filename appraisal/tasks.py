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


def _day(on: str | None) -> datetime.date:
    return datetime.date.fromisoformat(on) if on else timezone.localdate()


@shared_task(name="appraisal.consequences")
def consequences_task(on: str | None = None) -> dict[str, int]:
    """能上能下: raise what every cadre's grades call for, withdraw what they no longer do (core.jobs)."""
    from appraisal.services.consequences import consequences_sync

    return consequences_sync(cadre_ids=None, on=_day(on), acting_user=system_actor())


@shared_task(name="appraisal.talk_coverage_reminders")
def talk_coverage_reminders_task(on: str | None = None) -> dict[str, int]:
    """Tell the committee's office of the year's talks still owed (core.jobs)."""
    from appraisal.services.care import talk_coverage_reminders

    return talk_coverage_reminders(on=_day(on), acting_user=system_actor())


@shared_task(name="appraisal.health_check_lists")
def health_check_lists_task(on: str | None = None) -> dict[str, int]:
    """The list of the year's arranged health check, with the cadres who started serving since (core.jobs)."""
    from appraisal.services.care import health_check_lists_make

    return health_check_lists_make(on=_day(on), acting_user=system_actor())


@shared_task(name="appraisal.health_check_list")
def health_check_list_task(round_id: int) -> int:
    """The list of one round, enqueued when the check is arranged; safe to run twice."""
    from appraisal.models import HealthCheckRound
    from appraisal.services.care import health_check_list_make

    check_round = HealthCheckRound.objects.filter(pk=round_id).first()
    return (
        0
        if check_round is None
        else health_check_list_make(check_round=check_round, acting_user=system_actor())
    )
