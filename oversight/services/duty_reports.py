"""Writes of duty and integrity reports (述责述廉): the year's reports opened for every leader,
each submitted, then reviewed and graded by the discipline office."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from cadres.models import Appointment, PostLevelTier
from cadres.selectors.appointments import held_on
from core.errors import RuleViolation
from core.models import User
from core.services import record_save
from oversight.choices import DutyReportGrade, DutyReportState
from oversight.models import DutyReport
from oversight.services.conduct import check_year, require_perm, required_text, visible
from oversight.services.dates import not_before, not_in_future

LEADER_TIERS = (PostLevelTier.COLLEGE, PostLevelTier.MIDDLE)


@transaction.atomic
def duty_reports_open(*, year: int, due_on: datetime.date, acting_user: User) -> int:
    """A due report for every cadre of the actor's scope holding a college- or middle-level primary
    post today; returns how many were opened (a second run opens none)."""
    require_perm(acting_user, "oversight.add_dutyreport")
    check_year(year)
    if due_on.year not in (year, year + 1):
        raise RuleViolation(
            "due_on", _("The due date lies in the year reported on or the next."), "out_of_range"
        )
    on = timezone.localdate()
    leaders = visible(acting_user, Appointment.objects.filter(held_on(on), is_primary=True))
    cadre_ids = set(leaders.filter(post__level__tier__in=LEADER_TIERS).values_list("cadre_id", flat=True))
    cadre_ids -= set(
        DutyReport.objects.filter(year=year, cadre_id__in=cadre_ids).values_list("cadre_id", flat=True)
    )
    rows = [DutyReport(cadre_id=pk, year=year, due_on=due_on) for pk in sorted(cadre_ids)]
    # A concurrent run's rows are kept; each new row has its history row, naming the actor.
    bulk_create_with_history(rows, DutyReport, ignore_conflicts=True, default_user=acting_user)
    return len(rows)


def _locked(report: DutyReport, state: str) -> DutyReport:
    report = DutyReport.objects.select_for_update().select_related("cadre__unit").get(pk=report.pk)
    if report.state != state:
        raise RuleViolation(
            "state",
            _("This step is not possible while the report is %(state)s.")
            % {"state": report.get_state_display()},
            "step_out_of_order",
        )
    return report


@transaction.atomic
def duty_report_submit(
    *, report: DutyReport, submitted_on: datetime.date, text: str, acting_user: User
) -> DutyReport:
    require_perm(acting_user, "oversight.change_dutyreport")
    report = _locked(report, DutyReportState.DUE)
    not_in_future(submitted_on, field="submitted_on")
    not_before(submitted_on, datetime.date(report.year, 1, 1), field="submitted_on")
    report.text = required_text(text, field="text", message=_("Record the report."))
    report.state, report.submitted_on = DutyReportState.SUBMITTED, submitted_on
    return record_save(report, acting_user=acting_user, unit=report.cadre.unit, scope_field="cadre")


@transaction.atomic
def duty_report_review(*, report: DutyReport, grade: str, comment: str, acting_user: User) -> DutyReport:
    """The discipline office's grade; a grade below 较好 says why."""
    require_perm(acting_user, "oversight.change_dutyreport")
    report = _locked(report, DutyReportState.SUBMITTED)
    if grade not in DutyReportGrade.values:
        raise RuleViolation("grade", _("Choose a grade."), "invalid_choice")
    if grade in (DutyReportGrade.FAIR, DutyReportGrade.POOR) and not comment.strip():
        raise RuleViolation("comment", _("A grade of fair or poor says why."), "required")
    report.state, report.grade, report.comment = DutyReportState.REVIEWED, grade, comment.strip()
    report.reviewed_on, report.reviewed_by = max(timezone.localdate(), report.submitted_on), acting_user
    return record_save(report, acting_user=acting_user, unit=report.cadre.unit, scope_field="cadre")
