"""Writes of supervised meetings (纪委列席): each attendance with its attendee and findings."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from cadres.models import Cadre, OrgUnit
from core.errors import RuleViolation
from core.models import User
from core.scope import ensure_unit_in_scope
from core.services import record_save
from oversight.choices import MeetingKind
from oversight.models import MeetingFinding, SupervisedMeeting
from oversight.services.conduct import require_perm, required_text
from oversight.services.dates import not_in_future


@transaction.atomic
def meeting_record(
    *,
    kind: str,
    unit: OrgUnit,
    title: str,
    held_on: datetime.date,
    attendee: Cadre,
    notes: str,
    findings: list[tuple[str, str]],
    acting_user: User,
) -> SupervisedMeeting:
    """One attendance; `findings` are (finding, follow-up) pairs."""
    require_perm(acting_user, "oversight.add_supervisedmeeting")
    if kind not in MeetingKind.values:
        raise RuleViolation("kind", _("Choose the kind of meeting."), "invalid_choice")
    not_in_future(held_on, field="held_on")
    ensure_unit_in_scope(acting_user, attendee.unit, field="attendee")
    meeting = SupervisedMeeting(
        kind=kind,
        unit=unit,
        title=required_text(title, field="title", message=_("Name the meeting.")),
        held_on=held_on,
        attendee=attendee,
        notes=notes.strip(),
        recorded_by=acting_user,
    )
    record_save(meeting, acting_user=acting_user, unit=unit)
    for text, follow_up in findings:
        finding_add(meeting=meeting, text=text, follow_up=follow_up, acting_user=acting_user)
    return meeting


@transaction.atomic
def finding_add(
    *, meeting: SupervisedMeeting, text: str, follow_up: str, acting_user: User
) -> MeetingFinding:
    require_perm(acting_user, "oversight.add_meetingfinding")
    finding = MeetingFinding(
        meeting=meeting,
        text=required_text(text, field="findings", message=_("Write the finding.")),
        follow_up=follow_up.strip(),
    )
    return record_save(finding, acting_user=acting_user, unit=meeting.unit, scope_field="meeting")
