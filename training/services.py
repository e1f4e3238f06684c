"""Writes of the training system: one function per use case, in one transaction."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cadres.models import Cadre
from cadres.services import cadre_save
from core.errors import RuleViolation
from core.fields import index_lookup
from core.models import User
from core.roles import ADMIN, HR, has_role
from core.scope import ensure_unit_in_scope
from core.services import history_save, record_save
from training import choices as c
from training import rules
from training.models import (
    FollowUpTask,
    ProgrammeParticipant,
    RuleDocument,
    Secondment,
    StudyAttendance,
    StudySession,
    TrainingProgramme,
    TrainingSettings,
)


@dataclass(frozen=True)
class AttendeeInput:
    cadre: Cadre
    attendance: str = c.Attendance.PRESENT


def _check_cadre(acting_user: User, cadre: Cadre | None, field: str) -> None:
    if cadre is not None:
        ensure_unit_in_scope(acting_user, cadre.unit, field=field)


@transaction.atomic
def study_session_save(
    *, session: StudySession, acting_user: User, attendees: list[AttendeeInput] | None = None
) -> StudySession:
    """Record a study session; `attendees`, when given, replaces the attendance list."""
    if session.pk is not None:
        old = StudySession.objects.select_related("unit").get(pk=session.pk)
        ensure_unit_in_scope(acting_user, old.unit)
    _check_cadre(acting_user, session.leader, "leader")
    record_save(session, acting_user=acting_user, unit=session.unit)
    if attendees is not None:
        study_attendance_replace(session=session, attendees=attendees, acting_user=acting_user)
    return session


def study_attendance_replace(
    *, session: StudySession, attendees: list[AttendeeInput], acting_user: User
) -> None:
    """Keyboard entry and the API send the whole list: a cadre twice is refused, not merged."""
    seen = set()
    for attendee in attendees:
        if attendee.cadre.pk in seen:
            raise RuleViolation("attendees", _("A cadre is listed twice."), "duplicate_attendee")
        seen.add(attendee.cadre.pk)
        _check_cadre(acting_user, attendee.cadre, "attendees")
        if attendee.attendance not in c.Attendance.values:
            raise RuleViolation("attendees", _("Unknown attendance."), "invalid_choice")
    existing = {a.cadre_id: a for a in session.attendances.all()}
    for attendee in attendees:
        row = existing.pop(attendee.cadre.pk, None) or StudyAttendance(session=session, cadre=attendee.cadre)
        if row.pk is None or row.attendance != attendee.attendance:
            row.attendance = attendee.attendance
            history_save(row, acting_user=acting_user)
    for row in existing.values():
        row._history_user = acting_user
        row.delete()


@transaction.atomic
def follow_up_task_save(*, task: FollowUpTask, acting_user: User) -> FollowUpTask:
    """A task the 第一议题 assigned: only a committee first item assigns follow-up tasks."""
    if task.session.kind != c.SessionKind.COMMITTEE_FIRST_ITEM:
        raise RuleViolation(
            "session", _("Only a committee first agenda item assigns follow-up tasks."), "not_first_item"
        )
    ensure_unit_in_scope(acting_user, task.session.unit, field="session")
    _check_cadre(acting_user, task.owner, "owner")
    return record_save(task, acting_user=acting_user, unit=task.owner_unit, scope_field="owner_unit")


@transaction.atomic
def training_programme_save(*, programme: TrainingProgramme, acting_user: User) -> TrainingProgramme:
    if programme.party_school:
        programme.recognised = True  # a party school is a recognised institution by definition
    return record_save(programme, acting_user=acting_user, unit=None)


@transaction.atomic
def participant_save(*, participant: ProgrammeParticipant, acting_user: User) -> ProgrammeParticipant:
    """HR's entries count at once; a unit clerk's report counts once HR confirms it."""
    _check_cadre(acting_user, participant.cadre, "cadre")
    if participant.pk is not None:
        old = ProgrammeParticipant.objects.select_related("cadre__unit").get(pk=participant.pk)
        _check_cadre(acting_user, old.cadre, "cadre")
    programme = participant.programme
    if participant.absent_hours is not None and participant.absent_hours > programme.hours:
        raise RuleViolation(
            "absent_hours", _("More hours of leave than the programme has."), "absent_over_hours"
        )
    if participant.hours is not None and participant.hours > programme.hours:
        raise RuleViolation("hours", _("More hours credited than the programme has."), "hours_over_programme")
    if (
        ProgrammeParticipant.objects.filter(programme=programme, cadre=participant.cadre)
        .exclude(pk=participant.pk)
        .exists()
    ):
        raise RuleViolation("cadre", _("This cadre is already a participant."), "duplicate_participant")
    participant.confirmed = _confirms(acting_user) or (participant.pk is not None and participant.confirmed)
    return record_save(participant, acting_user=acting_user, unit=participant.cadre.unit, scope_field="cadre")


def _confirms(user: User) -> bool:
    from core.actors import is_system_actor

    return is_system_actor(user) or has_role(user, HR, ADMIN) or user.is_superuser


@transaction.atomic
def participant_confirm(*, participant: ProgrammeParticipant, acting_user: User) -> ProgrammeParticipant:
    if not _confirms(acting_user):
        raise RuleViolation("confirmed", _("Only HR staff confirm reported training."), "not_permitted")
    _check_cadre(acting_user, participant.cadre, "cadre")
    participant.confirmed = True
    return history_save(participant, acting_user=acting_user, update_fields=["confirmed"])


@transaction.atomic
def training_settings_save(*, settings_row: TrainingSettings, acting_user: User) -> TrainingSettings:
    settings_row.pk = 1
    months = settings_row.exempt_months or []
    if not isinstance(months, list) or any(not isinstance(m, int) or not 1 <= m <= 12 for m in months):
        raise RuleViolation("exempt_months", _("Give month numbers from 1 to 12."), "invalid_month")
    return record_save(settings_row, acting_user=acting_user, unit=None)


@transaction.atomic
def secondment_save(*, secondment: Secondment, acting_user: User) -> Secondment:
    appointment = secondment.appointment
    if appointment is not None and (
        appointment.kind != "secondment" or appointment.cadre_id != secondment.cadre_id
    ):
        raise RuleViolation(
            "appointment", _("Choose a secondment appointment of the same cadre."), "not_a_secondment"
        )
    return record_save(secondment, acting_user=acting_user, unit=secondment.cadre.unit, scope_field="cadre")


def _year_month(value: datetime.date) -> str:
    return f"{value.year}.{value.month:02d}"


@transaction.atomic
def secondment_to_resume(*, secondment: Secondment, acting_user: User) -> Secondment:
    """Add an ended secondment to the cadre's résumé (简历), once."""
    if secondment.actual_end is None:
        raise RuleViolation("actual_end", _("The secondment has not ended."), "not_ended")
    if secondment.in_resume:
        raise RuleViolation("in_resume", _("The secondment is already in the résumé."), "already_in_resume")
    cadre = Cadre.objects.select_for_update().get(pk=secondment.cadre_id)  # two clicks: one line
    start = secondment.actual_start or secondment.planned_start
    line = (
        f"{_year_month(start)}--{_year_month(secondment.actual_end)} "
        f"{secondment.host_organisation}{secondment.host_post}（挂职）"
    )
    cadre.resume = "\n".join([*cadre.resume_lines, line])
    cadre_save(cadre=cadre, acting_user=acting_user)
    secondment.in_resume = True
    return history_save(secondment, acting_user=acting_user, update_fields=["in_resume"])


@transaction.atomic
def rule_document_save(*, document: RuleDocument, acting_user: User) -> RuleDocument:
    document.search_tokens = " ".join(
        rules.search_tokens(text=f"{document.title} {document.number} {document.body}")
    )
    return record_save(document, acting_user=acting_user, unit=None)


IMPORT_FIELDS = ["completed", "hours", "absent_hours", "score", "certificate_no", "confirmed"]


@dataclass(frozen=True)
class AttendanceImportReport:
    dry_run: bool
    created: int
    updated: int
    errors: list  # cadres.exchange.roster.columns.RowError, by row and column

    def as_dict(self) -> dict:
        errors = [e.as_dict() for e in self.errors]
        return {"dry_run": self.dry_run, "created": self.created, "updated": self.updated, "errors": errors}


def _match_cadres(rows, acting_user: User) -> tuple[dict[int, Cadre], list]:
    """Each row's cadre in the actor's scope: by ID number when given, else by a unique name."""
    from cadres.exchange.roster.columns import RowError
    from core.scope import scoped

    numbers = {r.id_number for r in rows if r.id_number}
    names = {r.name for r in rows if not r.id_number}
    cadres = scoped(acting_user, Cadre.objects.select_related("unit")).filter(
        index_lookup("id_number_index", numbers) | Q(name__in=names)
    )
    by_number, by_name = {}, {}
    for cadre in cadres:
        by_number[cadre.id_number.upper()] = cadre
        by_name.setdefault(cadre.name, []).append(cadre)
    found, errors, seen = {}, [], {}
    for row in rows:
        if not row.name:
            continue
        if row.id_number:
            cadre = by_number.get(row.id_number)
            problem = None if cadre else ("unknown_cadre", _("No cadre in your scope has this ID number."))
        else:
            matches = by_name.get(row.name, [])
            cadre = matches[0] if len(matches) == 1 else None
            problem = (
                None
                if cadre
                else (
                    ("ambiguous_name", _("Several cadres have this name: give the ID number."))
                    if matches
                    else ("unknown_cadre", _("No cadre in your scope has this name."))
                )
            )
        if problem:
            errors.append(RowError(row.row, "身份证号" if row.id_number else "姓名", *problem))
        elif cadre.pk in seen:
            errors.append(
                RowError(
                    row.row, "姓名", "duplicate_row", _("Also in row %(row)s.") % {"row": seen[cadre.pk]}
                )
            )
        else:
            seen[cadre.pk] = row.row
            found[row.row] = cadre
    return found, errors


def _check_hours(rows, programme: TrainingProgramme) -> list:
    from cadres.exchange.roster.columns import RowError

    errors = []
    for row in rows:
        if row.absent_hours > programme.hours:
            errors.append(
                RowError(
                    row.row, "请假学时", "absent_over_hours", _("More hours of leave than the programme has.")
                )
            )
        if row.hours is not None and row.hours > programme.hours:
            errors.append(
                RowError(
                    row.row,
                    "认定学时",
                    "hours_over_programme",
                    _("More hours credited than the programme has."),
                )
            )
    return errors


@transaction.atomic
def participants_import(
    *, programme: TrainingProgramme, data: bytes, dry_run: bool, acting_user: User
) -> AttendanceImportReport:
    """Import a programme's attendance sheet: every row checked first; one error and nothing is
    saved (the report names each row and column); a dry run saves nothing either."""
    from training.exchange import attendance_parse

    rows, errors = attendance_parse(data=data)
    cadres, match_errors = _match_cadres(rows, acting_user)
    errors = sorted([*errors, *match_errors, *_check_hours(rows, programme)], key=lambda e: (e.row, e.column))
    existing = {
        p.cadre_id: p
        for p in ProgrammeParticipant.objects.filter(programme=programme, cadre__in=cadres.values())
    }
    created = sum(1 for cadre in cadres.values() if cadre.pk not in existing)
    if errors or dry_run:
        return AttendanceImportReport(dry_run, created, len(cadres) - created, errors)
    confirmed, new, changed = _confirms(acting_user), [], []
    for row in rows:
        cadre = cadres[row.row]
        ensure_unit_in_scope(acting_user, cadre.unit, field="file")
        participant = existing.get(cadre.pk) or ProgrammeParticipant(programme=programme, cadre=cadre)
        participant.completed, participant.hours, participant.absent_hours = (
            row.completed,
            row.hours,
            row.absent_hours,
        )
        participant.score, participant.certificate_no = row.score, row.certificate_no
        participant.confirmed = confirmed or participant.confirmed
        (changed if participant.pk else new).append(participant)
    # Every row was checked above: one insert and one update, each with its history rows.
    bulk_create_with_history(new, ProgrammeParticipant, batch_size=500, default_user=acting_user)
    bulk_update_with_history(
        changed, ProgrammeParticipant, IMPORT_FIELDS, batch_size=500, default_user=acting_user
    )
    return AttendanceImportReport(False, created, len(cadres) - created, [])
