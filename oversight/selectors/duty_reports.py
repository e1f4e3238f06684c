"""Reads of duty and integrity reports, and what appraisal's raters are shown of them."""

import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.scope import scoped
from oversight.choices import DutyReportState
from oversight.models import DutyReport


def duty_report_list(*, user, year: int | None = None) -> QuerySet[DutyReport]:
    rows = scoped(user, DutyReport.objects.select_related("cadre__unit", "reviewed_by"))
    return rows.filter(year=year) if year is not None else rows


def duty_reports_due(*, on: datetime.date, days: int) -> QuerySet[DutyReport]:
    """Reports not submitted whose date falls within `days` or has passed (the job)."""
    return DutyReport.objects.filter(
        state=DutyReportState.DUE, due_on__lte=on + datetime.timedelta(days=days)
    ).select_related("cadre__unit")


def duty_report_notes(*, cadre_ids: list[int], year: int) -> dict[int, str]:
    """For appraisal's raters, under the 廉 dimension (cadres.registry.RaterNote): each cadre's
    述责述廉 of the year in one line — its grade once reviewed, else whether it was submitted."""
    notes = {}
    for report in DutyReport.objects.filter(cadre_id__in=cadre_ids, year=year):
        if report.state == DutyReportState.REVIEWED:
            notes[report.cadre_id] = _("Duty and integrity report %(year)s: %(grade)s") % {
                "year": year,
                "grade": report.get_grade_display(),
            }
        else:
            notes[report.cadre_id] = _("Duty and integrity report %(year)s: %(state)s") % {
                "year": year,
                "state": report.get_state_display(),
            }
    return notes


def duty_report_panel(*, cadre, user) -> dict:
    """The 述责述廉 card on the cadre record page (cadres.registry.RecordPanel)."""
    return {"reports": list(duty_report_list(user=user).filter(cadre=cadre).order_by("-year")[:5])}
