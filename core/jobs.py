"""Every periodic job, declared in this one reviewed place.

After each migrate, sync_periodic_tasks() writes a missing job into django-celery-beat's
tables, where an administrator changes its schedule (or disables it) in admin; a row that
exists is never overwritten, so those edits survive deploys. `manage.py run_job NAME`
runs a job now. Each job's task takes an optional `on` (an ISO date, default today).
"""

from dataclasses import dataclass

from celery.schedules import crontab
from django.conf import settings
from django.db import transaction


@dataclass(frozen=True)
class Job:
    task: str  # the Celery task name
    schedule: crontab
    description: str


JOBS: dict[str, Job] = {
    # Every morning at 06:30, before office hours: moves each cadre whose future-dated primary
    # appointment takes effect today to the post's unit, then reminds HR staff, in the notification
    # centre and by e-mail, of terms ending (90/30/7 days), probation ending (30 days),
    # rotation due (90 days or overdue), retirement (6 months, or past it), effect periods ending
    # (30 days) and public notices ending (3 days), in the units of their data scope.
    "daily_review": Job(
        task="cadres.daily_review",
        schedule=crontab(hour="6", minute="30"),
        description="Daily review: cadres move to the unit of a primary appointment taking effect; "
        "reminders of terms, probation, rotation, retirement, effect periods and public notices falling due.",
    ),
    # On the 1st of each month at 03:00: drops read-log rows past READ_LOG_RETENTION_DAYS
    # (at least six months), the only deletion the log's append-only trigger allows.
    "read_log_purge": Job(
        task="core.read_log_purge",
        schedule=crontab(day_of_month="1", hour="3", minute="0"),
        description="Read log: drop entries older than the retention period.",
    ),
    # Every morning at 06:40: reminds discipline staff in the notification centre (and by e-mail)
    # of complaints whose acceptance or conclusion deadline falls within 3 days or has passed,
    # in the units of their data scope; a recused staff member is not told. Idempotent per
    # complaint, deadline and stage. The reminder names the complaint's number, never the reporter.
    "complaint_deadlines": Job(
        task="oversight.complaint_deadlines",
        schedule=crontab(hour="6", minute="40"),
        description="Complaint deadlines: acceptance and conclusion due within 3 days or passed.",
    ),
    # Every morning at 06:50: reminds HR (the supervision staff) of the personal-matters filing
    # season (30 days before the due date: opens the year's pending reports) and overdue filings,
    # travel papers due back within 2 days or overdue, documents expiring within 90 days, and
    # personnel-file reviews that stop counting for a promotion within 30 days. Idempotent per
    # record, date and stage; a reminder never says what a report holds.
    "musts_reminders": Job(
        task="oversight.musts_reminders",
        schedule=crontab(hour="6", minute="50"),
        description="Four musts: filings due or overdue, papers due back, documents expiring, "
        "file reviews expiring.",
    ),
    # Every morning at 07:00: closes the appraisal cycles past their last day, tells HR staff
    # whose scope holds a cycle that it is open or closed (once each), and sends them one digest
    # a day of the ballots returned per rater group while it is open.
    "appraisal_daily": Job(
        task="appraisal.daily",
        schedule=crontab(hour="7", minute="0"),
        description="Appraisal: close cycles past their last day; remind HR of open and closed "
        "cycles and of the ballots returned per rater group.",
    ),
    # Every morning at 07:05: raises on HR's due list what the yearly grades call for (能上能下:
    # 不称职, 基本称职 two years running, 优秀 three years running) and withdraws an open item whose
    # grades were corrected; a grade saved by hand raises its item at once, this catches deletions.
    "appraisal_consequences": Job(
        task="appraisal.consequences",
        schedule=crontab(hour="7", minute="5"),
        description="Appraisal consequences: adjustments and commendation flags from the yearly grades.",
    ),
    # On the 1st of each month at 08:10: tells the HR staff over the party committee (its office)
    # how many of the year's owed heart-to-heart talks are still missing; once a month.
    "talk_coverage_reminders": Job(
        task="appraisal.talk_coverage_reminders",
        schedule=crontab(hour="8", minute="10", day_of_month="1"),
        description="Heart-to-heart talks: remind the committee's office of the year's talks still owed.",
    ),
    # Every morning at 07:10: once the year's health check is arranged, puts every serving cadre
    # on its list (done / not done), and those who started serving since; idempotent.
    "health_check_lists": Job(
        task="appraisal.health_check_lists",
        schedule=crontab(hour="7", minute="10"),
        description="Health checks: the list of the year's arranged check, with cadres serving since.",
    ),
    # On the 25th at 08:00: reminds each unit's clerks and the HR staff over it of units that
    # have held no monthly study (单位月度学习) yet that month (none in exempt months).
    "monthly_study_reminders": Job(
        task="training.monthly_study_reminders",
        schedule=crontab(hour="8", minute="0", day_of_month="25"),
        description="Monthly study: remind clerks and HR of units with no study session yet this month.",
    ),
    # On the first day of each quarter at 07:00: tells HR staff how many cadres of their scope
    # are behind this year's training-hours pace (or short of the five-year figure).
    "training_behind_pace": Job(
        task="training.behind_pace_reminders",
        schedule=crontab(hour="7", minute="0", day_of_month="1", month_of_year="1,4,7,10"),
        description="Training hours: remind HR of cadres behind this year's pace, quarterly.",
    ),
    # Every morning at 06:45: reminds the responsible unit's clerks and HR, once per task, of
    # follow-up tasks of a 第一议题 past their deadline and not done.
    "follow_up_reminders": Job(
        task="training.follow_up_reminders",
        schedule=crontab(hour="6", minute="45"),
        description="First agenda item: remind of follow-up tasks past their deadline.",
    ),
    # Every morning at 06:50: reminds discipline staff (in their data scope) of responsibility
    # letters still unsigned after their date and of duty and integrity reports due within 7 days
    # or overdue (one digest a day of the new ones each), of integrity-risk reviews closing within
    # 7 days (or closed) without every post reviewed, and discipline staff and the responsible
    # unit's clerks of supervised tasks (督办) due within 3 days or overdue. Idempotent per record,
    # date and stage.
    "conduct_reminders": Job(
        task="oversight.conduct_reminders",
        schedule=crontab(hour="6", minute="50"),
        description="Conduct work: letters unsigned, duty reports due, risk-review coverage, "
        "supervised tasks due or overdue.",
    ),
}


def sync_periodic_tasks() -> list[str]:
    """Create the beat rows of jobs that have none; returns the names created."""
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    created = []
    with transaction.atomic():
        existing = set(PeriodicTask.objects.filter(name__in=JOBS).values_list("name", flat=True))
        for name, job in JOBS.items():
            if name in existing:
                continue
            spec = {
                "minute": job.schedule._orig_minute,
                "hour": job.schedule._orig_hour,
                "day_of_week": job.schedule._orig_day_of_week,
                "day_of_month": job.schedule._orig_day_of_month,
                "month_of_year": job.schedule._orig_month_of_year,
                "timezone": settings.CELERY_TIMEZONE,
            }
            crontab_row = CrontabSchedule.objects.filter(**spec).first() or CrontabSchedule.objects.create(
                **spec
            )
            PeriodicTask.objects.create(
                name=name, task=job.task, crontab=crontab_row, description=job.description
            )
            created.append(name)
    return created


def sync_periodic_tasks_after_migrate(sender, **kwargs):
    from django.apps import apps

    # Like the role sync: once every app has migrated, django_celery_beat's tables included.
    if sender is not list(apps.get_app_configs())[-1]:
        return
    sync_periodic_tasks()
