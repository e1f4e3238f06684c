"""Self reports (述职述廉报告): HR records what a participant wrote or uploads his file, while the
cycle has not closed; raters read it on the ballot page."""

import os

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from appraisal.choices import REPORT_EXTENSIONS, REPORT_MAX_BYTES, CycleState
from appraisal.models import Participant, SelfReport
from appraisal.services.cycles import lock_cycle
from core.errors import RuleViolation
from core.models import User
from core.services import record_save

REPORT_STATES = frozenset({CycleState.DRAFT, CycleState.OPEN})


def report_file_check(file: UploadedFile) -> None:
    """Refuse a file of the wrong kind (`bad_file`) or too large (`file_too_large`)."""
    if os.path.splitext(file.name or "")[1].lower() not in REPORT_EXTENSIONS:
        raise RuleViolation(
            "file", _("Upload a %(kinds)s file.") % {"kinds": " ".join(REPORT_EXTENSIONS)}, "bad_file"
        )
    if file.size > REPORT_MAX_BYTES:
        raise RuleViolation("file", _("The file is larger than 10 MB."), "file_too_large")


@transaction.atomic
def self_report_save(
    *, participant: Participant, text: str, file: UploadedFile | None, acting_user: User
) -> SelfReport:
    """Write or replace the participant's report: a text, a file, or both; until the cycle closes."""
    cycle = lock_cycle(participant.cycle)
    if cycle.state not in REPORT_STATES or participant.removed:
        raise RuleViolation(
            "participant", _("Reports are taken until the evaluation closes."), "cycle_not_editable"
        )
    report = SelfReport.objects.filter(participant=participant).first() or SelfReport(participant=participant)
    report.text = text.strip()
    if file is not None:
        report_file_check(file)
        report.file = file
    if not report.text and not report.file:
        raise RuleViolation("text", _("Write the report or upload it."), "required")
    report.submitted_on = timezone.localdate()
    return record_save(report, acting_user=acting_user, unit=cycle.unit, scope_field="participant")
