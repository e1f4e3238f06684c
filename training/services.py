"""Writes of the training system: one function per use case, in one transaction."""

import datetime
import re
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
    years = {session.date.year if session.date else None}
    if session.pk is not None:
        old = StudySession.objects.select_related("unit").get(pk=session.pk)
        ensure_unit_in_scope(acting_user, old.unit)
        years.add(old.date.year)
    _check_cadre(acting_user, session.leader, "leader")
    record_save(session, acting_user=acting_user, unit=session.unit)
    if attendees is not None:
        study_attendance_replace(session=session, attendees=attendees, acting_user=acting_user)
    if len(years) > 1 or attendees is None:  # its date, hours or kind may have changed
        cadre_ids = StudyAttendance.objects.filter(session=session).values_list("cadre_id", flat=True)
        hours_totals_refresh(cadre_ids=cadre_ids, years=years)
    return session


@transaction.atomic
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
        row.delete()  # the totals: signals.py, on every deleted attendance
    hours_totals_refresh(cadre_ids=[a.cadre.pk for a in attendees], years=[session.date.year])


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


CLERK_PROGRAMME_KINDS = (c.ProgrammeKind.ONLINE,)  # and any external (走出去) training


def clerk_may_report(*, kind: str, organiser: str) -> bool:
    """What a unit clerk may report: an online course, or training outside (走出去)."""
    return kind in CLERK_PROGRAMME_KINDS or organiser == c.Organiser.EXTERNAL


@transaction.atomic
def training_programme_save(*, programme: TrainingProgramme, acting_user: User) -> TrainingProgramme:
    """HR enters the catalogue (no reporting unit, or any unit in its scope); a unit clerk reports
    an online course or an external training of a unit in their scope, which stays that unit's."""
    if programme.party_school:
        programme.recognised = True  # a party school is a recognised institution by definition
    years = {programme.end_date.year if programme.end_date else None}
    if programme.pk is not None:
        old = TrainingProgramme.objects.select_related("reporting_unit").get(pk=programme.pk)
        years.add(old.end_date.year)
        if old.reporting_unit is not None:
            ensure_unit_in_scope(acting_user, old.reporting_unit, field="reporting_unit")
        elif not _confirms(acting_user):
            raise RuleViolation(
                "reporting_unit", _("Only HR staff change the programme catalogue."), "not_permitted"
            )
    if not _confirms(acting_user):
        if programme.reporting_unit_id is None:
            programme.reporting_unit = acting_user.scope_unit
        if not clerk_may_report(kind=programme.kind, organiser=programme.organiser):
            raise RuleViolation(
                "kind",
                _("A unit reports online courses and external training; HR enters the other programmes."),
                "not_permitted",
            )
    if programme.reporting_unit_id is not None:
        ensure_unit_in_scope(acting_user, programme.reporting_unit, field="reporting_unit")
    record_save(programme, acting_user=acting_user, unit=None)
    cadre_ids = ProgrammeParticipant.objects.filter(programme=programme).values_list("cadre_id", flat=True)
    hours_totals_refresh(cadre_ids=cadre_ids, years=years)  # its dates, hours or kind may have changed
    return programme


@transaction.atomic
def participant_save(*, participant: ProgrammeParticipant, acting_user: User) -> ProgrammeParticipant:
    """HR's entries count at once; a unit clerk's report counts once HR confirms it."""
    _check_cadre(acting_user, participant.cadre, "cadre")
    cadre_ids = {participant.cadre.pk}
    if participant.pk is not None:
        old = ProgrammeParticipant.objects.select_related("cadre__unit").get(pk=participant.pk)
        _check_cadre(acting_user, old.cadre, "cadre")
        cadre_ids.add(old.cadre_id)
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
    record_save(participant, acting_user=acting_user, unit=participant.cadre.unit, scope_field="cadre")
    hours_totals_refresh(cadre_ids=cadre_ids, years=[programme.end_date.year])
    return participant


def _confirms(user: User) -> bool:
    from core.actors import is_system_actor

    return is_system_actor(user) or has_role(user, HR, ADMIN) or user.is_superuser


def may_confirm_training(*, user: User) -> bool:
    """HR (and the administrator) confirm the training a unit clerk reported."""
    return _confirms(user)


@transaction.atomic
def participant_confirm(*, participant: ProgrammeParticipant, acting_user: User) -> ProgrammeParticipant:
    if not _confirms(acting_user):
        raise RuleViolation("confirmed", _("Only HR staff confirm reported training."), "not_permitted")
    _check_cadre(acting_user, participant.cadre, "cadre")
    participant.confirmed = True
    history_save(participant, acting_user=acting_user, update_fields=["confirmed"])
    hours_totals_refresh(cadre_ids=[participant.cadre_id], years=[participant.programme.end_date.year])
    return participant


@transaction.atomic
def participants_confirm(*, participants: list[ProgrammeParticipant], acting_user: User) -> int:
    """Confirm several reported participants at once (HR's page): all or none."""
    for participant in participants:
        participant_confirm(participant=participant, acting_user=acting_user)
    return len(participants)


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
    rows: tuple = ()  # ImportPreviewRow: what each row read and would do

    def as_dict(self) -> dict:
        errors = [e.as_dict() for e in self.errors]
        return {
            "dry_run": self.dry_run,
            "created": self.created,
            "updated": self.updated,
            "errors": errors,
            "rows": [vars(r) for r in self.rows],
        }


@dataclass(frozen=True)
class ImportPreviewRow:
    row: int
    name: str
    unit: str  # the matched cadre's unit, "" when no cadre matched
    cadre: int | None
    action: str  # "create", "update", or "" when the row has no cadre
    completed: bool
    hours: str  # "" for the programme's hours
    absent_hours: str
    score: str
    certificate_no: str


def _preview(rows, cadres: dict, existing: dict) -> tuple:
    def text(value) -> str:
        return "" if value is None else str(value)

    preview = []
    for row in rows:
        cadre = cadres.get(row.row)
        action = "" if cadre is None else ("update" if cadre.pk in existing else "create")
        preview.append(
            ImportPreviewRow(
                row=row.row,
                name=row.name,
                unit=cadre.unit.name if cadre else "",
                cadre=cadre.pk if cadre else None,
                action=action,
                completed=row.completed,
                hours=text(row.hours),
                absent_hours=text(row.absent_hours),
                score=text(row.score),
                certificate_no=row.certificate_no,
            )
        )
    return tuple(preview)


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
    preview = _preview(rows, cadres, existing)
    if errors or dry_run:
        return AttendanceImportReport(dry_run, created, len(cadres) - created, errors, preview)
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
    hours_totals_refresh(cadre_ids=[c.pk for c in cadres.values()], years=[programme.end_date.year])
    return AttendanceImportReport(False, created, len(cadres) - created, [], preview)


# --- the yearly hours totals (HoursTotal): derived from the ledger ----------------------------

_TOTALS_SQL = """
INSERT INTO {totals} (cadre_id, year, year_hours, year_days, five_hours, five_days, online_hours)
SELECT cadre_id, yr, SUM(yh), SUM(yd), SUM(fh), SUM(fd), SUM(oh) FROM (
    SELECT sa.cadre_id, {s_yr} AS yr,
        CASE WHEN {s_year} THEN CAST(s.hours * 10 AS INTEGER) ELSE 0 END AS yh, 0 AS yd,
        CASE WHEN {s_five} THEN CAST(s.hours * 10 AS INTEGER) ELSE 0 END AS fh, 0 AS fd, 0 AS oh
    FROM {attendance} sa
    JOIN {session} s ON s.id = sa.session_id
    WHERE sa.attendance = %(present)s AND s.hours > 0 AND {s_counting} AND {sa_cadres} AND {s_dates}
    UNION ALL
    SELECT pp.cadre_id, {g_yr} AS yr,
        CASE WHEN {g_year} THEN CAST(COALESCE(pp.hours, g.hours) * 10 AS INTEGER) ELSE 0 END,
        CASE WHEN {g_year} AND g.recognised AND g.kind <> %(online)s THEN {days} ELSE 0 END,
        CASE WHEN g.recognised AND {g_five} THEN CAST(COALESCE(pp.hours, g.hours) * 10 AS INTEGER)
            ELSE 0 END,
        CASE WHEN g.recognised AND {g_five} AND g.kind <> %(online)s THEN {days} ELSE 0 END,
        CASE WHEN g.kind = %(online)s THEN CAST(COALESCE(pp.hours, g.hours) * 10 AS INTEGER) ELSE 0 END
    FROM {participant} pp
    JOIN {programme} g ON g.id = pp.programme_id
    WHERE pp.confirmed AND pp.completed AND pp.absent_hours * %(denominator)s <= g.hours
        AND COALESCE(pp.hours, g.hours) > 0 AND {pp_cadres} AND {g_dates}
) ledger
WHERE {yr_years}
GROUP BY cadre_id, yr
ON CONFLICT (cadre_id, year) DO UPDATE SET year_hours = excluded.year_hours,
    year_days = excluded.year_days, five_hours = excluded.five_hours,
    five_days = excluded.five_days, online_hours = excluded.online_hours
"""


def hours_totals_refresh(*, cadre_ids=None, years=None) -> None:
    """Recompute the yearly hours totals of these cadres in these years (None: all) from the
    ledger, inside the caller's transaction. Every write of attendance, participants, sessions
    and programmes calls it for the cadres and years it touched; a change of the credit flags
    recomputes every total. Concurrent refreshes of the same cadres are serialised on the cadres'
    rows (PostgreSQL), so the last one reads the other's committed rows."""
    from django.db import connection

    from training.models import HoursTotal
    from training.selectors import credit_flags

    cadre_ids = None if cadre_ids is None else sorted({int(pk) for pk in cadre_ids if pk is not None})
    years = None if years is None else sorted({int(y) for y in years if y is not None})
    if cadre_ids == [] or years == []:
        return
    values: dict[str, object] = {
        "present": c.Attendance.PRESENT,
        "online": c.ProgrammeKind.ONLINE,
        "denominator": c.ABSENCE_DENOMINATOR,
    }

    def listed(key: str, column: str, items) -> str:
        items = list(items)
        if not items:
            return "1 = 0"
        for n, item in enumerate(items):
            values[f"{key}{n}"] = item
        return f"{column} IN ({', '.join(f'%({key}{n})s' for n in range(len(items)))})"

    def dated(key: str, column: str) -> str:
        if years is None:
            return "1 = 1"
        values[f"{key}_a"], values[f"{key}_b"] = (
            datetime.date(years[0], 1, 1),
            datetime.date(years[-1], 12, 31),
        )
        return f"{column} >= %({key}_a)s AND {column} <= %({key}_b)s"

    flags = credit_flags()
    year_kinds = [k for k, (year, _five) in flags.items() if year]
    five_kinds = [k for k, (_year, five) in flags.items() if five]
    postgres = connection.vendor == "postgresql"
    year_of = "CAST(EXTRACT(YEAR FROM {}) AS INTEGER)" if postgres else "CAST(strftime('%%Y', {}) AS INTEGER)"
    texts = {
        "s_yr": year_of.format("s.date"),
        "g_yr": year_of.format("g.end_date"),
        "s_counting": listed("sc", "s.kind", [k for k, counts in flags.items() if any(counts)]),
        "s_year": listed("sy", "s.kind", year_kinds),
        "s_five": listed("sf", "s.kind", five_kinds),
        "g_year": listed("gy", "g.kind", year_kinds),
        "g_five": listed("gf", "g.kind", five_kinds),
        "sa_cadres": "1 = 1" if cadre_ids is None else listed("ca", "sa.cadre_id", cadre_ids),
        "pp_cadres": "1 = 1" if cadre_ids is None else listed("cp", "pp.cadre_id", cadre_ids),
        "s_dates": dated("sd", "s.date"),
        "g_dates": dated("gd", "g.end_date"),
        "yr_years": "1 = 1" if years is None else listed("yr", "yr", years),
        "days": "(g.end_date - g.start_date + 1)"
        if postgres
        else "CAST(julianday(g.end_date) - julianday(g.start_date) + 1 AS INTEGER)",
        "totals": HoursTotal._meta.db_table,
        "attendance": StudyAttendance._meta.db_table,
        "session": StudySession._meta.db_table,
        "participant": ProgrammeParticipant._meta.db_table,
        "programme": TrainingProgramme._meta.db_table,
    }
    totals = HoursTotal.objects.all()
    if cadre_ids is not None:
        if postgres:  # one refresher of a cadre at a time: the later one waits, then reads all
            list(
                Cadre.objects.filter(pk__in=cadre_ids)
                .order_by("pk")
                .select_for_update(no_key=True)
                .values_list("pk")
            )
        totals = totals.filter(cadre_id__in=cadre_ids)
    if years is not None:
        totals = totals.filter(year__in=years)
    totals.delete()
    sql = _TOTALS_SQL.format(**texts)
    names = re.findall(r"%\((\w+)\)s", sql)
    with connection.cursor() as cursor:
        cursor.execute(re.sub(r"%\((\w+)\)s", "%s", sql), [values[name] for name in names])
