"""Reads of the training system: the figures, the hours ledger, the missing monthly study, lists."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import BooleanField, Case, Count, Max, Prefetch, Q, QuerySet, Sum, When
from django.db.models.functions import ExtractYear

from cadres.models import Appointment, Cadre, OrgUnit
from cadres.selectors.appointments import held_on
from core.scope import scoped
from training import choices as c
from training import rules
from training.models import (
    FollowUpTask,
    ProgrammeParticipant,
    RuleDocument,
    Secondment,
    SourceCredit,
    StudyAttendance,
    StudySession,
    TrainingProgramme,
    TrainingSettings,
)


def training_settings() -> TrainingSettings:
    """The settings row, or an unsaved one with the defaults before an administrator edits it."""
    return TrainingSettings.objects.filter(pk=1).first() or TrainingSettings(pk=1)


def training_figures(row: TrainingSettings | None = None) -> rules.TrainingFigures:
    row = row or training_settings()
    return rules.TrainingFigures(
        year_hours=row.year_hours,
        year_days=row.year_days,
        five_year_hours=row.five_year_hours,
        five_year_days=row.five_year_days,
        online_hours=row.online_hours,
        window_mode=row.window_mode,
        planning_start_year=row.planning_start_year,
        grace_months=row.grace_months,
    )


def credit_flags() -> dict[str, tuple[bool, bool]]:
    """source -> (counts toward the yearly, the five-year figure): the admin's rows over the defaults."""
    rows = SourceCredit.objects.values_list("source", "counts_toward_year", "counts_toward_five_year")
    return dict(c.DEFAULT_CREDITS) | {source: (year, five) for source, year, five in rows}


# --- the hours ledger -----------------------------------------------------------------------


def _session_entries(cadre_ids, until, since, flags) -> Iterable[tuple[int, rules.HoursEntry]]:
    rows = StudyAttendance.objects.filter(
        cadre_id__in=cadre_ids,
        attendance=c.Attendance.PRESENT,
        session__date__range=(since, until),
        session__hours__gt=0,
        session__kind__in=[kind for kind, counts in flags.items() if any(counts)],
    ).values_list("cadre_id", "session__kind", "session__date", "session__hours", "session__topic")
    for cadre_id, kind, on, hours, topic in rows:
        year, five = flags.get(kind, (False, False))
        entry = rules.HoursEntry(
            kind, on, hours, topic, counts_toward_year=year, counts_toward_five_year=five
        )
        yield cadre_id, entry


def _session_totals(cadre_ids, until, since, split_on, flags) -> Iterable[tuple[int, rules.HoursEntry]]:
    """The same hours summed per cadre, kind, year and side of `split_on` (the five-year window's
    first day), each dated by its last session: what the rule reads of them is unchanged, and a
    province's lectures come back in a fraction of the rows."""
    rows = (
        StudyAttendance.objects.filter(
            cadre_id__in=cadre_ids,
            attendance=c.Attendance.PRESENT,
            session__date__range=(since, until),
            session__hours__gt=0,
            session__kind__in=[kind for kind, counts in flags.items() if any(counts)],
        )
        .annotate(
            year=ExtractYear("session__date"),
            recent=Case(
                When(session__date__gte=split_on, then=True), default=False, output_field=BooleanField()
            ),
        )
        .values("cadre_id", "session__kind", "year", "recent")
        .annotate(last=Max("session__date"), total=Sum("session__hours"))
        .values_list("cadre_id", "session__kind", "last", "total")
    )
    for cadre_id, kind, on, hours in rows:
        year, five = flags.get(kind, (False, False))
        yield (
            cadre_id,
            rules.HoursEntry(kind, on, hours, counts_toward_year=year, counts_toward_five_year=five),
        )


def _programme_entries(cadre_ids, until, since, flags) -> Iterable[tuple[int, rules.HoursEntry]]:
    rows = ProgrammeParticipant.objects.filter(
        cadre_id__in=cadre_ids, confirmed=True, completed=True, programme__end_date__range=(since, until)
    ).values_list(
        "cadre_id",
        "hours",
        "absent_hours",
        "programme__kind",
        "programme__title",
        "programme__start_date",
        "programme__end_date",
        "programme__hours",
        "programme__recognised",
    )
    for cadre_id, credited, absent, kind, title, start, end, hours, recognised in rows:
        credit = rules.programme_credit(completed=True, hours=hours, absent_hours=absent, credited=credited)
        if not credit:
            continue
        year, five = flags.get(kind, (False, False))
        yield (
            cadre_id,
            rules.HoursEntry(
                kind,
                end,
                credit,
                title,
                counts_toward_year=year,
                counts_toward_five_year=five and recognised,
                online=kind == c.ProgrammeKind.ONLINE,
                days=(end - start).days + 1 if recognised and kind != c.ProgrammeKind.ONLINE else 0,
            ),
        )


def ledger_since(*, on: datetime.date, figures: rules.TrainingFigures) -> datetime.date:
    """The earliest day any figure as of `on` reads: the five-year window's first day, or last
    year's first day (the eligibility rule's yearly figure)."""
    start, _end = rules.five_year_window(
        on=on, mode=figures.window_mode, planning_start_year=figures.planning_start_year
    )
    return min(start, datetime.date(on.year - 1, 1, 1))


def ledger_entries(
    *,
    cadre_ids: Iterable[int] | QuerySet,
    until: datetime.date,
    since: datetime.date = datetime.date.min,
    split_on: datetime.date | None = None,
) -> dict[int, list[rules.HoursEntry]]:
    """Every credited source of the cadres from `since` to `until` (a list of ids or a values("pk")
    queryset), in three queries for any number of cadres; sources that count toward nothing are
    left out. With `split_on` (the five-year window's first day), sessions come summed (lists)."""
    flags = credit_flags()
    ids = list(cadre_ids) if not isinstance(cadre_ids, QuerySet) else cadre_ids
    ledger: dict[int, list[rules.HoursEntry]] = defaultdict(list)
    sessions = (
        _session_entries(ids, until, since, flags)
        if split_on is None
        else _session_totals(ids, until, since, split_on, flags)
    )
    entries = (*sessions, *_programme_entries(ids, until, since, flags))
    for cadre_id, entry in entries:
        ledger[cadre_id].append(entry)
    return ledger


@dataclass(frozen=True)
class CadreLevel:
    tier: str | None  # the tier of the primary post held, None without one
    promoted_on: datetime.date | None  # the first appointment at a five-year tier


def cadre_levels(*, cadre_ids, on: datetime.date) -> dict[int, CadreLevel]:
    rows = Appointment.objects.filter(cadre_id__in=cadre_ids, start_date__lte=on).values_list(
        "cadre_id", "post__level__tier", "post__level__rank", "start_date", "is_primary", "end_date"
    )
    held: dict[int, tuple[int, str]] = {}
    promoted: dict[int, datetime.date] = {}
    for cadre_id, tier, rank, start, primary, end in rows:
        if tier in c.FIVE_YEAR_TIERS and (cadre_id not in promoted or start < promoted[cadre_id]):
            promoted[cadre_id] = start
        if primary and (end is None or end > on) and (cadre_id not in held or rank < held[cadre_id][0]):
            held[cadre_id] = (rank, tier)
    return {
        pk: CadreLevel(tier=held.get(pk, (0, None))[1], promoted_on=promoted.get(pk))
        for pk in {*held, *promoted}
    }


def cadre_hours(*, cadre: Cadre, on: datetime.date) -> rules.HoursSummary:
    level = cadre_levels(cadre_ids=[cadre.pk], on=on).get(cadre.pk, CadreLevel(None, None))
    figures = training_figures()
    since = ledger_since(on=on, figures=figures)
    return rules.hours_summary(
        entries=ledger_entries(cadre_ids=[cadre.pk], until=on, since=since).get(cadre.pk, ()),
        on=on,
        tier=level.tier,
        figures=figures,
        promoted_on=level.promoted_on,
    )


def training_hours_facts(*, cadre: Cadre, on: datetime.date) -> tuple[rules.TrainingHoursFact, ...]:
    """For the eligibility rule training_hours_short (cadres.registry)."""
    figures = training_figures()
    since = ledger_since(on=on, figures=figures)
    entries = ledger_entries(cadre_ids=[cadre.pk], until=on, since=since).get(cadre.pk, ())
    return (rules.TrainingHoursFact(entries=tuple(entries), figures=figures),)


@dataclass(frozen=True)
class BehindRow:
    cadre: Cadre
    summary: rules.HoursSummary
    pace: Decimal | None


def cadre_summaries(
    *, user, on: datetime.date, unit: OrgUnit | None = None
) -> list[tuple[Cadre, rules.HoursSummary]]:
    """Every serving cadre in the user's scope (or under `unit`) with his hours as of `on`, by unit:
    a fixed number of queries whatever the number of cadres."""
    cadres = scoped(user, Cadre.objects.filter(status="serving").select_related("unit"))
    if unit is not None:
        cadres = cadres.filter(unit__path__startswith=unit.path)
    ids = cadres.values("pk")
    figures = training_figures()
    start, _end = rules.five_year_window(
        on=on, mode=figures.window_mode, planning_start_year=figures.planning_start_year
    )
    since = ledger_since(on=on, figures=figures)
    ledger = ledger_entries(cadre_ids=ids, until=on, since=since, split_on=start)
    levels = cadre_levels(cadre_ids=ids, on=on)
    cadres = list(cadres.order_by("unit__path", "name_pinyin"))
    rows = []
    for cadre in cadres:
        level = levels.get(cadre.pk, CadreLevel(None, None))
        entries = ledger.get(cadre.pk, ())
        summary = rules.hours_summary(
            entries=entries, on=on, tier=level.tier, figures=figures, promoted_on=level.promoted_on
        )
        rows.append((cadre, summary))
    return rows


def behind_list(*, user, on: datetime.date, unit: OrgUnit | None = None) -> list[BehindRow]:
    """Cadres in the user's scope behind this year's pace (yearly rule) or short of the five-year
    figure outside their grace year, by unit."""
    rows = []
    for cadre, summary in cadre_summaries(user=user, on=on, unit=unit):
        if rules.behind_pace(summary=summary, on=on):
            pace = rules.year_pace(required=summary.year_required, on=on) if summary.year_required else None
            rows.append(BehindRow(cadre, summary, pace))
    return rows


def hours_distribution(*, user, on: datetime.date) -> dict:
    """For the leader dashboard: how many cadres stand where against the yearly and five-year lines."""
    summaries = [summary for _cadre, summary in cadre_summaries(user=user, on=on)]
    year = [s for s in summaries if s.year_hours is not None]
    five = [s for s in summaries if s.five_year_hours is not None]
    return {
        "year": rules.hours_buckets(
            values=[s.year_hours for s in year], line=year[0].year_required if year else Decimal(90)
        ),
        "five_year": rules.hours_buckets(
            values=[s.five_year_hours for s in five],
            line=five[0].five_year_required if five else Decimal(550),
        ),
        "behind": sum(rules.behind_pace(summary=s, on=on) for s in summaries),
        "cadres": len(summaries),
    }


# --- theory study ---------------------------------------------------------------------------


def session_list(*, user, kind: str = "", unit: OrgUnit | None = None, month: datetime.date | None = None):
    sessions = scoped(user, StudySession.objects.select_related("unit", "leader"))
    sessions = sessions.annotate(
        present=Count("attendances", filter=Q(attendances__attendance=c.Attendance.PRESENT)),
        attendee_count=Count("attendances"),
    )
    if kind:
        sessions = sessions.filter(kind=kind)
    if unit is not None:
        sessions = sessions.filter(unit__path__startswith=unit.path)
    if month is not None:
        sessions = sessions.filter(date__range=rules.month_bounds(month=month))
    return sessions


def session_detail_queryset(*, user):
    attendances = StudyAttendance.objects.select_related("cadre").order_by("pk")
    return scoped(user, StudySession.objects.select_related("unit", "leader")).prefetch_related(
        Prefetch("attendances", queryset=attendances), "follow_ups"
    )


def missing_units(*, user, month: datetime.date) -> list[OrgUnit]:
    """Units in the user's scope that owed a monthly study in `month` and held none: two queries."""
    row = training_settings()
    units = list(scoped(user, OrgUnit.objects.filter(kind__in=row.monthly_unit_kinds or [])).order_by("path"))
    held = StudySession.objects.filter(
        kind=c.SessionKind.UNIT_MONTHLY,
        date__range=rules.month_bounds(month=month),
        unit__in=[u.pk for u in units],
    ).values_list("unit_id", flat=True)
    facts = [rules.UnitFact(u.pk, u.kind, u.active, u.established_on) for u in units]
    missing = set(
        rules.missing_monthly_study(
            units=facts,
            held_unit_ids=held,
            month=month,
            owing_kinds=row.monthly_unit_kinds or [],
            exempt_months=row.exempt_months or [],
        )
    )
    return [u for u in units if u.pk in missing]


def study_heat_map(*, user, year: int) -> list[dict]:
    """Monthly study sessions per unit and month of `year`: [{"unit", "months": [n × 12]}]."""
    row = training_settings()
    units = list(
        scoped(user, OrgUnit.objects.filter(kind__in=row.monthly_unit_kinds or [], active=True)).order_by(
            "path"
        )
    )
    counts = (
        StudySession.objects.filter(
            kind=c.SessionKind.UNIT_MONTHLY, date__year=year, unit__in=[u.pk for u in units]
        )
        .values_list("unit_id", "date__month")
        .annotate(n=Count("pk"))
    )
    grid: dict[int, list[int]] = {u.pk: [0] * 12 for u in units}
    for unit_id, month, n in counts:
        grid[unit_id][month - 1] = n
    return [{"unit": u, "months": grid[u.pk]} for u in units]


def overdue_follow_ups(*, on: datetime.date):
    return FollowUpTask.objects.filter(done_on__isnull=True, deadline__lt=on).select_related(
        "owner_unit", "owner", "session"
    )


def follow_up_list(*, user):
    return scoped(user, FollowUpTask.objects.select_related("owner_unit", "owner", "session"))


# --- programmes, secondments, the rule library ----------------------------------------------


def programme_list(*, user, kind: str = "", year: int | None = None):
    programmes = scoped(user, TrainingProgramme.objects.all()).annotate(
        participant_count=Count("participants")
    )
    if kind:
        programmes = programmes.filter(kind=kind)
    if year:
        programmes = programmes.filter(start_date__year=year)
    return programmes


def participant_list(*, user, programme: TrainingProgramme | None = None):
    participants = scoped(user, ProgrammeParticipant.objects.select_related("cadre__unit", "programme"))
    return participants.filter(programme=programme) if programme is not None else participants


def secondment_list(*, user):
    return scoped(user, Secondment.objects.select_related("cadre__unit", "appointment__post"))


def held_secondment(*, cadre: Cadre, on: datetime.date) -> Appointment | None:
    return cadre.appointments.filter(held_on(on), kind="secondment").first()


def rule_document_search(*, user, q: str = "", part: str = ""):
    """Full text over title and body: PostgreSQL's "simple" configuration over CJK bigrams
    (rules.search_tokens), every token required; on SQLite, a substring match."""
    documents = scoped(user, RuleDocument.objects.all())
    if part:
        documents = documents.filter(part=part)
    q = q.strip()
    if not q:
        return documents
    if connection.vendor != "postgresql":
        return documents.filter(Q(title__icontains=q) | Q(body__icontains=q))
    tokens = rules.search_tokens(text=q)
    if not tokens:
        return documents.filter(Q(title__icontains=q) | Q(body__icontains=q))
    query = SearchQuery(" & ".join(tokens), config="simple", search_type="raw")
    return documents.annotate(search=SearchVector("search_tokens", config="simple")).filter(search=query)
