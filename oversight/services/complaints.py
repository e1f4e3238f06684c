"""Writes of complaints: registration, acceptance or refusal, disposal, extension, conclusion.

Each step locks the complaint first (two staff members deciding at once must not both pass the
state check), checks the actor may handle complaints and the unit is in their scope, and names
the actor in the history. The reporter's identity never enters a message, an error or a log.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from cadres.models import Cadre, OrgUnit
from core.actors import is_system_actor
from core.errors import RuleViolation
from core.models import User
from core.scope import ensure_unit_in_scope
from core.services import history_save, record_save
from core.visibility import COMPLAINTS, may_see
from oversight.choices import ComplaintChannel, ComplaintResult, ComplaintState, DisposalWay
from oversight.models import REPORTER_FIELDS, Complaint, ReporterDisclosure
from oversight.rules import complaints as rules
from oversight.selectors.complaints import deadline_calendar, deadline_figures, query_code_hash
from oversight.services.dates import not_before, not_in_future

S = ComplaintState


@dataclass(frozen=True)
class Reporter:
    """Who filed the complaint; all empty for an anonymous one."""

    anonymous: bool = True
    name: str = ""
    phone: str = ""
    address: str = ""


def _require_handler(user: User) -> None:
    if not (is_system_actor(user) or may_see(user, COMPLAINTS)):
        raise PermissionDenied(_("Only discipline staff handle complaints."))


def _lock(complaint: Complaint, step: str) -> Complaint:
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if not rules.step_allowed(step=step, state=locked.state):
        raise RuleViolation(
            "state",
            _("This step is not possible while the complaint is %(state)s.")
            % {"state": locked.get_state_display()},
            "step_out_of_order",
        )
    return locked


def check_reporter(reporter: Reporter) -> None:
    given = [reporter.name.strip(), reporter.phone.strip(), reporter.address.strip()]
    if reporter.anonymous and any(given):
        raise RuleViolation(
            "reporter_anonymous", _("An anonymous complaint records no reporter."), "reporter_given_anonymous"
        )
    if not reporter.anonymous and not given[0]:
        raise RuleViolation("reporter_name", _("A named complaint needs the reporter's name."), "required")


def _check_subjects(unit: OrgUnit, subjects: list[Cadre], acting_user: User) -> None:
    for cadre in subjects:
        ensure_unit_in_scope(acting_user, cadre.unit, field="subjects")
        if not cadre.unit.path.startswith(unit.path):
            raise RuleViolation(
                "subjects",
                _("%(name)s does not belong to the unit concerned.") % {"name": cadre.name},
                "subject_outside_unit",
            )


@transaction.atomic
def complaint_register(
    *,
    unit: OrgUnit,
    channel: str,
    received_on: datetime.date,
    category: str,
    content: str,
    subjects: list[Cadre],
    reporter: Reporter,
    acting_user: User,
) -> tuple[Complaint, str]:
    """登记: the complaint with its acceptance deadline; an online one gets a query code,
    returned here once (only its hash is kept). Returns (complaint, code or "")."""
    _require_handler(acting_user)
    not_in_future(received_on, field="received_on")
    check_reporter(reporter)
    _check_subjects(unit, subjects, acting_user)
    complaint, code = complaint_new(
        unit=unit,
        channel=channel,
        received_on=received_on,
        category=category,
        content=content,
        reporter=reporter,
        acting_user=acting_user,
    )
    record_save(complaint, acting_user=acting_user, unit=unit)
    complaint.subjects.set(subjects)
    return complaint, code


def complaint_new(
    *,
    unit: OrgUnit,
    channel: str,
    received_on: datetime.date,
    category: str,
    content: str,
    reporter: Reporter,
    acting_user: User,
) -> tuple[Complaint, str]:
    """The unsaved complaint with its acceptance deadline, and its query code when filed online
    (returned once; only its hash is kept). Callers have checked the actor and the reporter."""
    holidays, workdays = deadline_calendar()
    code = secrets.token_urlsafe(12) if channel == ComplaintChannel.ONLINE else ""
    complaint = Complaint(
        unit=unit,
        channel=channel,
        received_on=received_on,
        category=category,
        content=content,
        reporter_anonymous=reporter.anonymous,
        reporter_name=reporter.name.strip() or None,
        reporter_phone=reporter.phone.strip() or None,
        reporter_address=reporter.address.strip() or None,
        query_code_hash=query_code_hash(code) if code else "",
        accept_due=rules.accept_due(
            received_on=received_on, figures=deadline_figures(), holidays=holidays, workdays=workdays
        ),
        registered_by=acting_user,
    )
    return complaint, code


def _conclude_due(complaint: Complaint) -> datetime.date:
    holidays, workdays = deadline_calendar()
    return rules.conclude_due(
        accepted_on=complaint.decided_on,
        figures=deadline_figures(),
        extended=complaint.extended,
        holidays=holidays,
        workdays=workdays,
    )


def _save(complaint: Complaint, acting_user: User, fields: list[str]) -> Complaint:
    _require_handler(acting_user)
    ensure_unit_in_scope(acting_user, complaint.unit, field="unit")
    return history_save(complaint, acting_user=acting_user, update_fields=fields)


def _step_on(complaint: Complaint, step: str, decided_on: datetime.date, *, after: str) -> Complaint:
    """Lock for `step`, dated neither in the future nor before the previous step's date (`after`)."""
    locked = _lock(complaint, step)
    not_in_future(decided_on, field="decided_on")
    not_before(decided_on, getattr(locked, after), field="decided_on")
    return locked


@transaction.atomic
def complaint_accept(*, complaint: Complaint, decided_on: datetime.date, acting_user: User) -> Complaint:
    """受理: the conclusion deadline starts from the acceptance."""
    complaint = _step_on(complaint, "accept", decided_on, after="received_on")
    complaint.state, complaint.decided_on = S.ACCEPTED, decided_on
    complaint.conclude_due = _conclude_due(complaint)
    return _save(complaint, acting_user, ["decided_on", "state", "conclude_due"])


@transaction.atomic
def complaint_reject(
    *, complaint: Complaint, decided_on: datetime.date, reason: str, acting_user: User
) -> Complaint:
    """不予受理, with the reason."""
    if not reason.strip():
        raise RuleViolation("reason", _("Say why the complaint is not accepted."), "required")
    complaint = _step_on(complaint, "reject", decided_on, after="received_on")
    complaint.state, complaint.decided_on, complaint.reject_reason = S.REJECTED, decided_on, reason.strip()
    return _save(complaint, acting_user, ["decided_on", "state", "reject_reason"])


@transaction.atomic
def complaint_dispose(
    *, complaint: Complaint, way: str, decided_on: datetime.date, reason: str, acting_user: User
) -> Complaint:
    """处置 of the clue in one of the four ways (a preliminary check that finds grounds opens a case)."""
    if way not in DisposalWay.values:
        raise RuleViolation("way", _("Choose one of the four ways of disposal."), "invalid_choice")
    complaint = _step_on(complaint, "dispose", decided_on, after="decided_on")
    complaint.state, complaint.disposal_way = S.DISPOSED, way
    complaint.disposed_on, complaint.disposal_reason = decided_on, reason.strip()
    return _save(complaint, acting_user, ["state", "disposal_way", "disposed_on", "disposal_reason"])


@transaction.atomic
def complaint_extend(*, complaint: Complaint, acting_user: User) -> Complaint:
    """The one extension of the conclusion deadline."""
    complaint = _lock(complaint, "extend")
    if complaint.extended:
        raise RuleViolation("extended", _("The deadline has already been extended once."), "already_extended")
    complaint.extended = True
    complaint.conclude_due = _conclude_due(complaint)
    return _save(complaint, acting_user, ["extended", "conclude_due"])


@transaction.atomic
def complaint_conclude(
    *, complaint: Complaint, result: str, decided_on: datetime.date, reason: str, acting_user: User
) -> Complaint:
    """办结 with the result; `cleared` records the clearing of a falsely accused cadre's name (澄清正名)."""
    if result not in ComplaintResult.values:
        raise RuleViolation("result", _("Choose a result."), "invalid_choice")
    complaint = _step_on(complaint, "conclude", decided_on, after="disposed_on")
    complaint.state, complaint.result = S.CONCLUDED, result
    complaint.concluded_on, complaint.result_reason = decided_on, reason.strip()
    return _save(complaint, acting_user, ["state", "result", "concluded_on", "result_reason"])


TELL_ACCEPTANCE, TELL_RESULT = "acceptance", "result"


@transaction.atomic
def complaint_tell_reporter(
    *, complaint: Complaint, about: str, told_on: datetime.date, acting_user: User
) -> Complaint:
    """Record that the named reporter was told of the acceptance (or refusal), or of the result."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if complaint.reporter_anonymous:
        raise RuleViolation("about", _("An anonymous reporter cannot be told."), "reporter_anonymous")
    field, since = {
        TELL_ACCEPTANCE: ("told_acceptance_on", complaint.decided_on),
        TELL_RESULT: ("told_result_on", complaint.concluded_on),
    }[about]
    if since is None:
        raise RuleViolation("about", _("There is nothing to tell yet."), "nothing_to_tell")
    not_in_future(told_on, field="told_on")
    not_before(told_on, since, field="told_on")
    setattr(complaint, field, told_on)
    return _save(complaint, acting_user, [field])


@transaction.atomic
def reporter_reveal(*, complaint: Complaint, acting_user: User) -> dict[str, str | bool]:
    """The explicit "show": the reporter's identity for discipline staff, each reveal recorded."""
    if not may_see(acting_user, COMPLAINTS):
        raise PermissionDenied(_("Only discipline staff see who filed a complaint."))
    ensure_unit_in_scope(acting_user, complaint.unit, field="unit")
    ReporterDisclosure.objects.create(complaint=complaint, user=acting_user)
    identity: dict[str, str | bool] = {"anonymous": complaint.reporter_anonymous}
    for name in REPORTER_FIELDS:
        identity[name.removeprefix("reporter_")] = getattr(complaint, name) or ""
    return identity


@transaction.atomic
def complaint_subjects_set(*, complaint: Complaint, subjects: list[Cadre], acting_user: User) -> Complaint:
    """Name the cadres a complaint is about once staff know them (an online complaint names them
    in its text): they then count for 举报必查 and the integrity opinion's draft."""
    complaint = Complaint.objects.select_for_update().select_related("unit").get(pk=complaint.pk)
    _require_handler(acting_user)
    ensure_unit_in_scope(acting_user, complaint.unit, field="unit")
    _check_subjects(complaint.unit, subjects, acting_user)
    complaint.subjects.set(subjects)
    return complaint


@transaction.atomic
def complaint_recuse(*, complaint: Complaint, user: User, acting_user: User) -> Complaint:
    """回避: a staff member related to a cadre complained about no longer sees the complaint."""
    _require_handler(acting_user)
    ensure_unit_in_scope(acting_user, complaint.unit, field="unit")
    if not may_see(user, COMPLAINTS) or user.is_superuser:
        raise RuleViolation("user", _("Only discipline staff can be recused."), "not_discipline_staff")
    complaint.recused.add(user)
    return complaint
