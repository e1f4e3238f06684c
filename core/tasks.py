import datetime

from celery import shared_task
from django.utils import timezone

from core.readlog import read_log_purge


@shared_task(name="core.read_log_purge")
def read_log_purge_task(on: str | None = None) -> int:
    day = datetime.date.fromisoformat(on) if on else timezone.localdate()
    return read_log_purge(on=day)
