import datetime
import json

from celery import current_app
from django.core.management.base import BaseCommand, CommandError

from core.jobs import JOBS


class Command(BaseCommand):
    help = "Run a periodic job now, in this process (for administrators and tests)."

    def add_arguments(self, parser):
        parser.add_argument("name", help=f"one of: {', '.join(JOBS)}")
        parser.add_argument("--on", help="review as of this day (YYYY-MM-DD) instead of today")

    def handle(self, *args, name, on=None, **options):
        job = JOBS.get(name)
        if job is None:
            raise CommandError(f"Unknown job {name!r}; the jobs are: {', '.join(sorted(JOBS))}")
        if on is not None:
            try:
                datetime.date.fromisoformat(on)
            except ValueError as exc:
                raise CommandError(f"--on must be a date YYYY-MM-DD, got {on!r}") from exc
        current_app.loader.import_default_modules()  # autodiscovers the apps' tasks modules
        task = current_app.tasks[job.task]
        result = task(on=on)  # runs the task's function here and now, not through the broker
        self.stdout.write(json.dumps(result, ensure_ascii=False, default=str))
