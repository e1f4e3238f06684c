"""Reads of the training system: the figures, the hours ledger, the missing monthly study, lists."""

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet

from cadres.models import Appointment, Cadre, OrgUnit
from cadres.rules.tenure import add_months
from cadres.selectors.appointments import held_on
from core.scope import scope_path, scoped
from training import choices as c
from training import rules
from training.models import (
    FollowUpTask,
    HoursTotal,
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
) -> dict[int, list[rules.HoursEntry]]:
    """Every credited source of the cadres from `since` to `until` (a list of ids or a values("pk")
    queryset), in three queries for any number of cadres; sources that count toward nothing are
    left out. For one cadre or a few: a list of many cadres sums in SQL (compliance_rows)."""
    flags = credit_flags()
    ids = list(cadre_ids) if not isinstance(cadre_ids, QuerySet) else cadre_ids
    ledger: dict[int, list[rules.HoursEntry]] = defaultdict(list)
    entries = (*_session_entries(ids, until, since, flags), *_programme_entries(ids, until, since, flags))
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


# --- compliance of many cadres, summed in SQL -------------------------------------------------
#
# The list, its export, the dashboard and the quarterly reminder judge every serving cadre of a
# scope (22,500 at province scale). The ledger is summed per cadre in the database, in one query,
# with the same reading as rules.hours_summary, which stays the definition (a test checks that the
# two agree at the rule's boundaries). Whole calendar years come from the yearly totals
# (HoursTotal, kept by the services); only the part of a year at each end of a range is read from
# the ledger's rows (`_pieces`). The figures and the credit flags come from training's settings
# rows, as parameters. The SQL is portable: PostgreSQL, and SQLite for `make run`.

_COMPLIANCE_SQL = """
WITH people (id, name, name_pinyin, unit_name, unit_path) AS ({people}),
levels AS (
    SELECT a.cadre_id,
        MIN(CASE WHEN a.is_primary AND (a.end_date IS NULL OR a.end_date > %(on)s)
            THEN l.rank END) AS held_rank,
        MIN(CASE WHEN {l_five_tier} THEN a.start_date END) AS promoted_on
    FROM {appointment} a
    JOIN {post} po ON po.id = a.post_id
    JOIN {level} l ON l.id = po.level_id
    WHERE a.start_date <= %(on)s AND a.cadre_id IN ({people_ids})
    GROUP BY a.cadre_id
),
stored AS (
    SELECT t.cadre_id,
        SUM(CASE WHEN {t_year} THEN t.year_hours ELSE 0 END) AS yh,
        SUM(CASE WHEN {t_year} THEN t.year_days ELSE 0 END) AS yd,
        SUM(CASE WHEN {t_year} THEN t.online_hours ELSE 0 END) AS oh,
        SUM(CASE WHEN {t_five} THEN t.five_hours ELSE 0 END) AS fh,
        SUM(CASE WHEN {t_five} THEN t.five_days ELSE 0 END) AS fd
    FROM {totals} t
    WHERE {t_any} AND t.cadre_id IN ({people_ids})
    GROUP BY t.cadre_id
),
sessions AS (
    SELECT s.id,
        CASE WHEN {s_year} THEN CAST(s.hours * 10 AS INTEGER) * ({s_wy}) ELSE 0 END AS yh,
        CASE WHEN {s_five} THEN CAST(s.hours * 10 AS INTEGER) * ({s_wf}) ELSE 0 END AS fh
    FROM {session} s
    WHERE s.hours > 0 AND {s_counting} AND ({s_ranges})
),
session_totals AS (
    SELECT sa.cadre_id, SUM(ss.yh) AS yh, SUM(ss.fh) AS fh
    FROM {attendance} sa
    JOIN sessions ss ON ss.id = sa.session_id
    WHERE sa.attendance = %(present)s AND sa.cadre_id IN ({people_ids})
    GROUP BY sa.cadre_id
),
credits AS (
    SELECT pp.cadre_id, CAST(COALESCE(pp.hours, g.hours) * 10 AS INTEGER) AS hours,
        CASE WHEN {g_year} THEN 1 ELSE 0 END * ({g_wy}) AS y,
        CASE WHEN g.recognised AND {g_five} THEN 1 ELSE 0 END * ({g_wf}) AS f,
        CASE WHEN g.recognised AND g.kind <> %(online)s THEN {days} ELSE 0 END AS days,
        CASE WHEN g.kind = %(online)s THEN 1 ELSE 0 END * ({g_wy}) AS online
    FROM {participant} pp
    JOIN {programme} g ON g.id = pp.programme_id
    WHERE pp.confirmed AND pp.completed AND pp.absent_hours * %(denominator)s <= g.hours
        AND COALESCE(pp.hours, g.hours) > 0 AND ({g_ranges})
        AND pp.cadre_id IN ({people_ids})
),
programme_totals AS (
    SELECT cadre_id,
        SUM(y * hours) AS yh,
        SUM(y * days) AS yd,
        SUM(f * hours) AS fh,
        SUM(f * days) AS fd,
        SUM(online * hours) AS oh
    FROM credits
    GROUP BY cadre_id
),
ledger AS (
    SELECT pe.id, pe.name, pe.name_pinyin, pe.unit_name, pe.unit_path, lv.promoted_on,
        CASE WHEN {h_five_tier} THEN 1 ELSE 0 END AS five,
        COALESCE(tt.yh, 0) + COALESCE(st.yh, 0) + COALESCE(pt.yh, 0) AS year_hours,
        COALESCE(tt.yd, 0) + COALESCE(pt.yd, 0) AS year_days,
        COALESCE(tt.fh, 0) + COALESCE(st.fh, 0) + COALESCE(pt.fh, 0) AS five_hours,
        COALESCE(tt.fd, 0) + COALESCE(pt.fd, 0) AS five_days,
        COALESCE(tt.oh, 0) + COALESCE(pt.oh, 0) AS online_hours
    FROM people pe
    LEFT JOIN levels lv ON lv.cadre_id = pe.id
    LEFT JOIN {level} h ON h.rank = lv.held_rank
    LEFT JOIN stored tt ON tt.cadre_id = pe.id
    LEFT JOIN session_totals st ON st.cadre_id = pe.id
    LEFT JOIN programme_totals pt ON pt.cadre_id = pe.id
),
judged AS (
    SELECT ledger.*,
        CASE WHEN five = 1 THEN
            CASE WHEN five_hours >= %(five_hours)s OR five_days >= %(five_days)s THEN 1 ELSE 0 END
        ELSE
            CASE WHEN year_hours >= %(year_hours)s OR year_days >= %(year_days)s THEN 1 ELSE 0 END
        END AS compliant,
        CASE WHEN five = 1 THEN
            CASE WHEN five_hours >= %(five_hours)s OR five_days >= %(five_days)s
                OR (promoted_on IS NOT NULL AND promoted_on >= %(grace_from)s) THEN 0 ELSE 1 END
        ELSE
            CASE WHEN year_hours >= %(year_hours)s OR year_days >= %(year_days)s
                OR year_hours >= %(pace)s THEN 0 ELSE 1 END
        END AS behind
    FROM ledger
)
"""

_LIST_SQL = """
SELECT id, name, unit_name, five, year_hours, year_days, five_hours, five_days, online_hours,
    compliant, behind, promoted_on, COUNT(*) OVER () AS total
FROM judged {where}
ORDER BY unit_path, name_pinyin, id {limit}
"""

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@dataclass(frozen=True)
class BehindRow:
    """A cadre of the compliance list: what the page, the export and the reminder show."""

    cadre_id: int
    name: str
    unit_name: str
    summary: rules.HoursSummary  # without the per-source breakdown (a cadre's own hours carry it)
    pace: Decimal | None
    behind: bool = True


class ComplianceList:
    """The compliance list as a sequence for a paginator. Given the page it will be asked for
    (`expect`: offset and size), its length and that page come from one query (the window's
    count); otherwise the length is one COUNT over the scope's ledger and a slice one query."""

    def __init__(
        self,
        *,
        user,
        on: datetime.date,
        unit: OrgUnit | None,
        behind_only: bool,
        expect: tuple[int, int] | None = None,
    ):
        self.kwargs = {"user": user, "on": on, "unit": unit}
        self.behind_only = behind_only
        self.figures, self.flags = training_figures(), credit_flags()  # read once for both queries
        self._count: int | None = None
        self._page: tuple[int, int, list] | None = None
        self.expect = expect

    def count(self) -> int:
        if self._count is None and self.expect is not None:
            offset, size = self.expect
            rows, total = self._rows(offset, size)
            if rows or offset == 0:  # past the end the window counts nothing: count below
                self._count, self._page = total, (offset, offset + size, rows)
        if self._count is None:
            cte, params = _compliance_cte(figures=self.figures, flags=self.flags, **self.kwargs)
            where = " WHERE behind = 1" if self.behind_only else ""
            with connection.cursor() as cursor:
                cursor.execute(cte + "SELECT COUNT(*) FROM judged" + where, params)  # noqa: S608 (constant texts)
                self._count = cursor.fetchone()[0]
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[BehindRow]:
        start = index.start or 0
        stop = index.stop if index.stop is not None else self.count()
        if self._page is not None and self._page[0] == start and self._page[1] >= stop:
            return self._page[2][: stop - start]
        return self._rows(start, stop - start)[0]

    def _rows(self, offset: int, limit: int) -> tuple[list[BehindRow], int]:
        return compliance_rows(
            **self.kwargs,
            behind_only=self.behind_only,
            limit=limit,
            offset=offset,
            figures=self.figures,
            flags=self.flags,
        )


def _pieces(start: datetime.date, end: datetime.date) -> tuple[set[int], list[tuple]]:
    """The days from `start` to `end` as whole years read from the yearly totals, corrected by the
    ledger's rows of a part of the first and the last year ((first day, last day, +1 or -1)): of
    each partial year the shorter part is read, added (the days in the range) or subtracted from
    the year's total (the days outside it)."""
    first, last = start.year, end.year

    def jan1(year):
        return datetime.date(year, 1, 1)

    def dec31(year):
        return datetime.date(year, 12, 31)

    if first == last:
        inside = (end - start).days + 1
        if inside * 2 <= (dec31(last) - jan1(last)).days + 1:
            return set(), [(start, end, 1)]
        ranges = [(jan1(first), start - datetime.timedelta(days=1), -1)] if start > jan1(first) else []
        if end < dec31(last):
            ranges.append((end + datetime.timedelta(days=1), dec31(last), -1))
        return {first}, ranges
    years, ranges = set(range(first, last + 1)), []
    if start > jan1(first):
        if (dec31(first) - start).days + 1 < (start - jan1(first)).days:
            years.discard(first)
            ranges.append((start, dec31(first), 1))
        else:
            ranges.append((jan1(first), start - datetime.timedelta(days=1), -1))
    if end < dec31(last):
        if (end - jan1(last)).days + 1 < (dec31(last) - end).days:
            years.discard(last)
            ranges.append((jan1(last), end, 1))
        else:
            ranges.append((end + datetime.timedelta(days=1), dec31(last), -1))
    return years, ranges


def _in(column: str, values) -> tuple[str, list]:
    values = list(values)
    if not values:
        return "1 = 0", []
    return f"{column} IN ({', '.join(['%s'] * len(values))})", values


def _compliance_cte(
    *, user, on: datetime.date, unit: OrgUnit | None, figures, flags=None
) -> tuple[str, list]:
    """The `judged` CTE: one row per serving cadre in the user's scope (or under `unit`), and its
    parameters in order."""
    people = scoped(user, Cadre.objects.filter(status="serving"))
    if unit is not None:
        people = people.filter(unit__path__startswith=unit.path)
    values: dict[str, object] = {}
    try:
        people_sql = _named(
            people.values_list("pk", "name", "name_pinyin", "unit__name", "unit__path"), "p", values
        )
        # The ids again where the ledger's tables are read, not the CTE: the planner then knows
        # how many cadres the scope holds (a college's: the indexes; a province's: a scan).
        people_ids = _named(people.values_list("pk"), "i", values)
    except EmptyResultSet:  # a user without a scope: a query that finds no one
        people_sql, people_ids = "SELECT 0, '', '', '', '' WHERE 1 = 0", "SELECT 0 WHERE 1 = 0"
    flags = flags if flags is not None else credit_flags()
    window_start, _end = rules.five_year_window(
        on=on, mode=figures.window_mode, planning_start_year=figures.planning_start_year
    )
    year_start = datetime.date(on.year, 1, 1)
    named = {
        "on": on,
        "present": c.Attendance.PRESENT,
        "online": c.ProgrammeKind.ONLINE,
        "denominator": c.ABSENCE_DENOMINATOR,
        "year_start": year_start,
        "window_start": window_start,
        # hours are summed in tenths, as integers (numeric sums are several times slower)
        "five_hours": int(figures.five_year_hours * 10),
        "five_days": figures.five_year_days,
        "year_hours": int(figures.year_hours * 10),
        "year_days": figures.year_days,
        "grace_from": rules.grace_cutoff(on=on, months=figures.grace_months),
        "pace": int(rules.year_pace(required=figures.year_hours, on=on) * 10),
    }
    year_kinds = [k for k, (year, _five) in flags.items() if year]
    five_kinds = [k for k, (_year, five) in flags.items() if five]
    # The yearly totals of the whole years; the ledger's rows for the parts of years around them.
    year_years, year_ranges = _pieces(year_start, on)
    five_years, five_ranges = _pieces(window_start, on)
    weights: dict[tuple, list[int]] = {}
    for first, last, sign in year_ranges:
        weights.setdefault((first, last), [0, 0])[0] += sign
    for first, last, sign in five_ranges:
        weights.setdefault((first, last), [0, 0])[1] += sign
    ranges = [(first, last, wy, wf) for (first, last), (wy, wf) in sorted(weights.items())]
    for n, (first, last, wy, wf) in enumerate(ranges):
        named |= {f"r{n}_from": first, f"r{n}_to": last, f"r{n}_y": wy, f"r{n}_f": wf}

    def weight(column: str, index: int) -> str:
        part = "yf"[index]
        terms = [
            f"CASE WHEN {column} >= %(r{n}_from)s AND {column} <= %(r{n}_to)s THEN %(r{n}_{part})s ELSE 0 END"
            for n, r in enumerate(ranges)
            if r[2 + index]
        ]
        return " + ".join(terms) or "0"

    def within(column: str) -> str:
        terms = [f"({column} >= %(r{n}_from)s AND {column} <= %(r{n}_to)s)" for n in range(len(ranges))]
        return " OR ".join(terms) or "1 = 0"

    weighted = {
        "s_wy": weight("s.date", 0),
        "s_wf": weight("s.date", 1),
        "g_wy": weight("g.end_date", 0),
        "g_wf": weight("g.end_date", 1),
        "s_ranges": within("s.date"),
        "g_ranges": within("g.end_date"),
    }
    lists = {
        "t_year": _in("t.year", sorted(year_years)),
        "t_five": _in("t.year", sorted(five_years)),
        "t_any": _in("t.year", sorted(year_years | five_years)),
        "l_five_tier": _in("l.tier", c.FIVE_YEAR_TIERS),
        "h_five_tier": _in("h.tier", c.FIVE_YEAR_TIERS),
        "s_counting": _in("s.kind", [k for k, counts in flags.items() if any(counts)]),
        "s_year": _in("s.kind", year_kinds),
        "s_five": _in("s.kind", five_kinds),
        "g_year": _in("g.kind", year_kinds),
        "g_five": _in("g.kind", five_kinds),
    }
    post = Appointment._meta.get_field("post").related_model
    days = (
        "(g.end_date - g.start_date + 1)"
        if connection.vendor == "postgresql"
        else "CAST(julianday(g.end_date) - julianday(g.start_date) + 1 AS INTEGER)"
    )
    # Name the lists' placeholders so that one pass below puts every parameter in text order.
    values |= named
    texts = {}
    for key, (text, items) in lists.items():
        for n, item in enumerate(items):
            values[f"{key}_{n}"] = item
        texts[key] = text.replace("%s", "%({})s").format(*(f"{key}_{n}" for n in range(len(items))))
    sql = _COMPLIANCE_SQL.format(
        people=people_sql,
        people_ids=people_ids,
        appointment=Appointment._meta.db_table,
        post=post._meta.db_table,
        level=post._meta.get_field("level").related_model._meta.db_table,
        attendance=StudyAttendance._meta.db_table,
        session=StudySession._meta.db_table,
        participant=ProgrammeParticipant._meta.db_table,
        programme=TrainingProgramme._meta.db_table,
        totals=HoursTotal._meta.db_table,
        days=days,
        **texts,
        **weighted,
    )
    params = [values[name] for name in _PLACEHOLDER.findall(sql)]
    return _PLACEHOLDER.sub("%s", sql), params


def _named(queryset, prefix: str, values: dict) -> str:
    """The queryset's SQL with its parameters named (`%(p0)s`, ...) and stored in `values`."""
    sql, params = queryset.order_by().query.sql_with_params()
    names = iter(range(len(params)))

    def name(_match) -> str:
        n = next(names)
        values[f"{prefix}{n}"] = params[n]
        return f"%({prefix}{n})s"

    return re.sub(r"%s", name, sql)


def _decimal(tenths) -> Decimal:
    return Decimal(int(tenths or 0)).scaleb(-1)


def _summary(row, *, on: datetime.date, window_start: datetime.date, figures) -> rules.HoursSummary:
    _pk, _name, _unit, five, year_hours, _yd, five_hours, _fd, online, compliant, _b, promoted_on = row[:12]
    if isinstance(promoted_on, str):  # SQLite
        promoted_on = datetime.date.fromisoformat(promoted_on)
    grace = None
    if five and promoted_on:
        grace = add_months(start=promoted_on, months=figures.grace_months)
    return rules.HoursSummary(
        year=on.year,
        year_hours=None if five else _decimal(year_hours),
        year_required=None if five else figures.year_hours,
        year_compliant=None if five else bool(compliant),
        five_year_start=window_start,
        five_year_hours=_decimal(five_hours) if five else None,
        five_year_required=figures.five_year_hours if five else None,
        five_year_compliant=bool(compliant) if five else None,
        online_hours=_decimal(online),
        online_required=figures.online_hours,
        grace_until=grace if grace and on < grace else None,
        sources={},
    )


def compliance_rows(
    *,
    user,
    on: datetime.date,
    unit: OrgUnit | None = None,
    behind_only: bool = True,
    limit: int | None = None,
    offset: int = 0,
    figures: rules.TrainingFigures | None = None,
    flags: dict | None = None,
) -> tuple[list[BehindRow], int]:
    """The serving cadres in the user's scope (or under `unit`) with their yearly or five-year
    compliance as of `on`, by unit and name: those behind (`behind_only`) or all, the first `limit`
    of them, and how many there are in all. Three queries (the figures, the credit flags, the rows)
    for any number of cadres."""
    figures = figures or training_figures()
    cte, params = _compliance_cte(user=user, on=on, unit=unit, figures=figures, flags=flags)
    sql = cte + _LIST_SQL.format(
        where="WHERE behind = 1" if behind_only else "",
        limit="LIMIT %s OFFSET %s" if limit is not None else "",
    )
    if limit is not None:
        params += [limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    window_start, _end = rules.five_year_window(
        on=on, mode=figures.window_mode, planning_start_year=figures.planning_start_year
    )
    pace = rules.year_pace(required=figures.year_hours, on=on)
    rows = [
        BehindRow(
            cadre_id=row[0],
            name=row[1],
            unit_name=row[2],
            summary=_summary(row, on=on, window_start=window_start, figures=figures),
            pace=None if row[3] else pace,
            behind=bool(row[10]),
        )
        for row in found
    ]
    return rows, found[0][12] if found else 0


def behind_list(*, user, on: datetime.date, unit: OrgUnit | None = None) -> list[BehindRow]:
    """Cadres in the user's scope behind this year's pace (yearly rule) or short of the five-year
    figure outside their grace year, by unit: all of them (the export)."""
    return compliance_rows(user=user, on=on, unit=unit)[0]


def hours_distribution(*, user, on: datetime.date) -> dict:
    """For the leader dashboard: how many cadres stand where against the yearly and five-year
    lines, and how many are behind: one query over the scope's ledger."""
    figures = training_figures()
    cte, params = _compliance_cte(user=user, on=on, unit=None, figures=figures)
    columns, bands = [], {}
    for key, value, line in (
        ("year", "year_hours", figures.year_hours),
        ("five_year", "five_hours", figures.five_year_hours),
    ):
        labels, lower = rules.hours_bands(line=line)
        bands[key] = labels
        covered = "five = 1" if key == "five_year" else "five = 0"
        for n in range(4):
            above = f"{value} >= %s" if n else "1 = 1"
            below = f"{value} < %s" if n < 3 else "1 = 1"
            columns.append(f"SUM(CASE WHEN {covered} AND {above} AND {below} THEN 1 ELSE 0 END)")
            tenths = [float(bound * 10) for bound in lower]  # tenths of an hour; SQLite: no Decimal
            params.extend([*([tenths[n]] if n else []), *([tenths[n + 1]] if n < 3 else [])])
    # Built from the constant texts above; every value is a parameter.
    sql = cte + f"SELECT COUNT(*), SUM(behind), {', '.join(columns)} FROM judged"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        total, behind, *counts = cursor.fetchone()
    counts = [int(n or 0) for n in counts]
    return {
        "year": list(zip(bands["year"], counts[:4], strict=True)),
        "five_year": list(zip(bands["five_year"], counts[4:], strict=True)),
        "behind": int(behind or 0),
        "cadres": total,
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


HEAT_MAP_ROWS = 300  # a province owes 6,000: the page shows the first units, the missing list all


def study_heat_map(*, user, year: int, rows: int | None = None) -> list[dict]:
    """Monthly study sessions per unit and month of `year`: [{"unit", "months": [n × 12],
    "cells": [(n, "YYYY-MM") × 12]}], for the first `rows` units by path (all when None)."""
    row = training_settings()
    units = list(
        scoped(user, OrgUnit.objects.filter(kind__in=row.monthly_unit_kinds or [], active=True)).order_by(
            "path"
        )[:rows]
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
    months = [f"{year}-{m:02d}" for m in range(1, 13)]
    return [
        {"unit": u, "months": grid[u.pk], "cells": list(zip(grid[u.pk], months, strict=True))} for u in units
    ]


def overdue_follow_ups(*, on: datetime.date):
    return FollowUpTask.objects.filter(done_on__isnull=True, deadline__lt=on).select_related(
        "owner_unit", "owner", "session"
    )


def follow_up_list(*, user):
    return scoped(user, FollowUpTask.objects.select_related("owner_unit", "owner", "session"))


# --- programmes, secondments, the rule library ----------------------------------------------


def programme_queryset(*, user):
    """The programmes a user sees: HR's catalogue, and those reported by units in their scope."""
    programmes = scoped(user, TrainingProgramme.objects.all())
    prefix = scope_path(user)
    if prefix:
        programmes = programmes.filter(
            Q(reporting_unit__isnull=True) | Q(reporting_unit__path__startswith=prefix)
        )
    return programmes


def programme_list(*, user, kind: str = "", year: int | None = None):
    programmes = (
        programme_queryset(user=user)
        .select_related("reporting_unit")
        .annotate(participant_count=Count("participants"))
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
