"""The dates of the selection steps, the vacancy date of a held post and the withdrawn state.

Rows recorded before the steps took a date get the day they were recorded (a candidate: the day
its first history row was written, else the day the process started), so old processes go on.
"""

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def _day(moment):
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def backfill_step_dates(apps, schema_editor):
    for recommendation in apps.get_model("cadres", "Recommendation").objects.filter(date__isnull=True):
        recommendation.date = _day(recommendation.recorded_at)
        recommendation.save(update_fields=["date"])
    for model in ("InspectionCheck", "HistoricalInspectionCheck"):
        for check in apps.get_model("cadres", model).objects.filter(check_date__isnull=True):
            check.check_date = _day(check.checked_at)
            check.save(update_fields=["check_date"])
    history = apps.get_model("cadres", "HistoricalSelectionCandidate")
    first_written = {}
    for candidate_id, at in history.objects.order_by("history_date").values_list("id", "history_date"):
        first_written.setdefault(candidate_id, _day(at))
    candidates = apps.get_model("cadres", "SelectionCandidate").objects.select_related("process")
    for candidate in candidates.filter(added_date__isnull=True):
        candidate.added_date = first_written.get(candidate.pk) or _day(candidate.process.created_at)
        candidate.save(update_fields=["added_date"])
    for row in history.objects.filter(added_date__isnull=True):
        row.added_date = first_written.get(row.id) or _day(row.history_date)
        row.save(update_fields=["added_date"])


def _required(model_name, name, label):
    return migrations.AlterField(
        model_name=model_name,
        name=name,
        field=models.DateField(default=timezone.localdate, verbose_name=label),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cadres", "0013_cadre_unit_follows_appointment"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="selectionprocess",
            name="selection_one_open_process_per_post",
        ),
        migrations.AddField(
            model_name="historicalinspectioncheck",
            name="check_date",
            field=models.DateField(null=True, verbose_name="checked on"),
        ),
        migrations.AddField(
            model_name="historicalselectioncandidate",
            name="added_date",
            field=models.DateField(null=True, verbose_name="chosen on"),
        ),
        migrations.AddField(
            model_name="historicalselectionprocess",
            name="vacancy_date",
            field=models.DateField(
                blank=True,
                help_text="When the post is held: the date it will be vacant.",
                null=True,
                verbose_name="vacancy date",
            ),
        ),
        migrations.AddField(
            model_name="inspectioncheck",
            name="check_date",
            field=models.DateField(null=True, verbose_name="checked on"),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="date",
            field=models.DateField(null=True, verbose_name="date"),
        ),
        migrations.AddField(
            model_name="selectioncandidate",
            name="added_date",
            field=models.DateField(null=True, verbose_name="chosen on"),
        ),
        migrations.AddField(
            model_name="selectionprocess",
            name="vacancy_date",
            field=models.DateField(
                blank=True,
                help_text="When the post is held: the date it will be vacant.",
                null=True,
                verbose_name="vacancy date",
            ),
        ),
        migrations.AlterField(
            model_name="historicalselectionprocess",
            name="state",
            field=models.CharField(
                choices=[
                    ("initiated", "Initiated"),
                    ("recommendation", "Democratic recommendation"),
                    ("inspection", "Inspection"),
                    ("decided", "Decided by the committee"),
                    ("notice", "Public notice"),
                    ("appointed", "Appointed"),
                    ("closed", "Closed"),
                    ("cancelled", "Cancelled"),
                    ("withdrawn", "Withdrawn"),
                ],
                default="initiated",
                max_length=20,
                verbose_name="state",
            ),
        ),
        migrations.AlterField(
            model_name="selectionprocess",
            name="state",
            field=models.CharField(
                choices=[
                    ("initiated", "Initiated"),
                    ("recommendation", "Democratic recommendation"),
                    ("inspection", "Inspection"),
                    ("decided", "Decided by the committee"),
                    ("notice", "Public notice"),
                    ("appointed", "Appointed"),
                    ("closed", "Closed"),
                    ("cancelled", "Cancelled"),
                    ("withdrawn", "Withdrawn"),
                ],
                default="initiated",
                max_length=20,
                verbose_name="state",
            ),
        ),
        migrations.AddConstraint(
            model_name="selectionprocess",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    ("state__in", ("initiated", "recommendation", "inspection", "decided", "notice"))
                ),
                fields=("post",),
                name="selection_one_open_process_per_post",
            ),
        ),
        migrations.RunPython(backfill_step_dates, migrations.RunPython.noop),
        _required("recommendation", "date", "date"),
        _required("selectioncandidate", "added_date", "chosen on"),
        _required("historicalselectioncandidate", "added_date", "chosen on"),
        _required("inspectioncheck", "check_date", "checked on"),
        _required("historicalinspectioncheck", "check_date", "checked on"),
    ]
