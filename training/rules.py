"""Pure rules of the training system: the monthly study owed, what a source credits, the hours
ledger's yearly and five-year compliance, and the eligibility warning they feed.

Conventions: a month is given by any date in it. The five-year window as of `on` runs from its
first day to `on`, both included: rolling, it starts the day after the same date five years
earlier (as of 2026-03-10: 2021-03-11 to 2026-03-10); in planning mode, on 1 January of the
planning period `on` falls in (2023–2027, 2028–2032, ...). A programme's hours fall on its end
date, a session's on its date.
"""

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from cadres.rules.eligibility import CadreFacts, Reason, TargetPost, eligibility_rule, make_reason
from cadres.rules.figures import SelectionFigures
from cadres.rules.tenure import add_months, add_years
from training import choices as c

TRAINING_HOURS_FACT = "training_hours"  # the key of CadreFacts.extra this system fills
ZERO = Decimal(0)


# --- monthly study --------------------------------------------------------------------------


def month_bounds(*, month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


@dataclass(frozen=True)
class UnitFact:
    unit_id: int
    kind: str
    active: bool = True
    established_on: date | None = None  # None: before the records began


def owes_monthly_study(
    *, unit: UnitFact, month: date, owing_kinds: Iterable[str], exempt_months: Iterable[int]
) -> bool:
    """Whether the unit had to hold a monthly study in `month`: an active unit of a kind that
    owes one, existing on the month's first day, in a month the settings do not exempt."""
    first, _last = month_bounds(month=month)
    if not unit.active or unit.kind not in set(owing_kinds) or first.month in set(exempt_months):
        return False
    return unit.established_on is None or unit.established_on <= first


def missing_monthly_study(
    *,
    units: Iterable[UnitFact],
    held_unit_ids: Iterable[int],
    month: date,
    owing_kinds: Iterable[str],
    exempt_months: Iterable[int],
) -> list[int]:
    """Ids of the units that owed a monthly study in `month` and held none (`held_unit_ids`)."""
    held, owing, exempt = set(held_unit_ids), tuple(owing_kinds), tuple(exempt_months)
    return [
        u.unit_id
        for u in units
        if u.unit_id not in held
        and owes_monthly_study(unit=u, month=month, owing_kinds=owing, exempt_months=exempt)
    ]


# --- what a source credits ------------------------------------------------------------------


def session_credit(*, attendance: str, hours: Decimal) -> Decimal:
    """Only those present are credited a session's hours."""
    return hours if attendance == c.Attendance.PRESENT else ZERO


def programme_completed(
    *, completed: bool, hours: Decimal, absent_hours: Decimal, denominator: int = c.ABSENCE_DENOMINATOR
) -> bool:
    """Completed, and absent for no more than 1/7 of the programme's hours (more is 退学)."""
    return completed and absent_hours * denominator <= hours


def programme_credit(
    *, completed: bool, hours: Decimal, absent_hours: Decimal, credited: Decimal | None
) -> Decimal:
    """The hours a participant is credited: the programme's unless set, nothing if not completed."""
    if not programme_completed(completed=completed, hours=hours, absent_hours=absent_hours):
        return ZERO
    return hours if credited is None else credited


# --- the hours ledger -----------------------------------------------------------------------


class HoursEntry(NamedTuple):
    """One credited source of hours, already reduced to what it credits (a tuple: a province's
    ledger builds hundreds of thousands of them)."""

    source: str  # a SessionKind or ProgrammeKind code
    on: date
    hours: Decimal
    label: str = ""
    counts_toward_year: bool = False
    counts_toward_five_year: bool = False
    online: bool = False
    days: int = 0  # full-time days (脱产) of a programme, for the "or days" alternative


@dataclass(frozen=True)
class TrainingFigures:
    year_hours: Decimal = c.DEFAULT_YEAR_HOURS
    year_days: int = c.DEFAULT_YEAR_DAYS
    five_year_hours: Decimal = c.DEFAULT_FIVE_YEAR_HOURS
    five_year_days: int = c.DEFAULT_FIVE_YEAR_DAYS
    online_hours: Decimal = c.DEFAULT_ONLINE_HOURS
    window_mode: str = c.WindowMode.ROLLING
    planning_start_year: int = c.DEFAULT_PLANNING_START_YEAR
    grace_months: int = c.DEFAULT_GRACE_MONTHS


@dataclass(frozen=True)
class HoursSummary:
    year: int
    year_hours: Decimal | None  # None: the yearly rule does not cover the cadre
    year_required: Decimal | None
    year_compliant: bool | None
    five_year_start: date
    five_year_hours: Decimal | None  # None: the five-year rule does not cover the cadre
    five_year_required: Decimal | None
    five_year_compliant: bool | None
    online_hours: Decimal
    online_required: Decimal
    grace_until: date | None = None  # promoted recently: may complete the requirement until then
    sources: dict[str, Decimal] = field(default_factory=dict)  # source -> hours in the window or year


def five_year_window(*, on: date, mode: str, planning_start_year: int) -> tuple[date, date]:
    """The window's first and last day as of `on` (both included)."""
    if mode == c.WindowMode.PLANNING:
        start_year = on.year - (on.year - planning_start_year) % 5
        return date(start_year, 1, 1), on
    return add_years(start=on, years=-5) + timedelta(days=1), on


def covered_by_five_year_rule(*, tier: str | None) -> bool:
    """县处级 and above (this college's middle-level cadres) follow the five-year rule; the others
    (乡科级 and below, and cadres without a post) the yearly one."""
    return tier in c.FIVE_YEAR_TIERS


def _total(entries: Iterable[HoursEntry]) -> Decimal:
    return sum((e.hours for e in entries), ZERO)


def hours_summary(
    *,
    entries: Iterable[HoursEntry],
    on: date,
    tier: str | None,
    figures: TrainingFigures,
    promoted_on: date | None = None,
) -> HoursSummary:
    """The cadre's yearly and five-year figures as of `on`; entries after `on` do not count."""
    entries = [e for e in entries if e.on <= on]
    start, end = five_year_window(
        on=on, mode=figures.window_mode, planning_start_year=figures.planning_start_year
    )
    five = covered_by_five_year_rule(tier=tier)
    this_year = [e for e in entries if e.on.year == on.year]
    window = [e for e in entries if start <= e.on <= end]
    if five:
        counted = [e for e in window if e.counts_toward_five_year]
        hours = _total(counted)
        days = sum(e.days for e in counted)
        five_hours, five_required = hours, figures.five_year_hours
        five_ok = hours >= figures.five_year_hours or days >= figures.five_year_days
        year_hours = year_required = year_ok = None
    else:
        counted = [e for e in this_year if e.counts_toward_year]
        hours = _total(counted)
        days = sum(e.days for e in counted)
        year_hours, year_required = hours, figures.year_hours
        year_ok = hours >= figures.year_hours or days >= figures.year_days
        five_hours = five_required = five_ok = None
    grace = add_months(start=promoted_on, months=figures.grace_months) if five and promoted_on else None
    sources: dict[str, Decimal] = {}
    for e in counted:
        sources[e.source] = sources.get(e.source, ZERO) + e.hours
    return HoursSummary(
        year=on.year,
        year_hours=year_hours,
        year_required=year_required,
        year_compliant=year_ok,
        five_year_start=start,
        five_year_hours=five_hours,
        five_year_required=five_required,
        five_year_compliant=five_ok,
        online_hours=_total(e for e in this_year if e.online),
        online_required=figures.online_hours,
        grace_until=grace if grace and on < grace else None,
        sources=sources,
    )


def year_pace(*, required: Decimal, on: date) -> Decimal:
    """The hours a cadre should have by `on` to reach `required` by the year's end, evenly."""
    days_in_year = 366 if calendar.isleap(on.year) else 365
    return (required * on.timetuple().tm_yday / days_in_year).quantize(Decimal("0.1"))


def behind_pace(*, summary: HoursSummary, on: date) -> bool:
    """Yearly cadres below this year's pro-rata pace; five-year cadres short outside their grace."""
    if summary.year_hours is not None:
        return not summary.year_compliant and summary.year_hours < year_pace(
            required=summary.year_required, on=on
        )
    return not summary.five_year_compliant and summary.grace_until is None


def grace_cutoff(*, on: date, months: int) -> date:
    """The earliest promotion date still in its grace period on `on`: promoted on or after it,
    `add_months(promoted, months) > on` (what hours_summary reads), so SQL can compare a date."""
    day = add_months(start=on, months=-months) - timedelta(days=4)
    while add_months(start=day, months=months) <= on:
        day += timedelta(days=1)
    return day


def hours_bands(*, line: Decimal) -> tuple[list[str], list[Decimal]]:
    """Four bands against the required line: under a third, under two thirds, under the line, at
    or over it ("0–30", "30–60", "60–90", "≥ 90" for 90 hours); their labels and lower bounds."""
    third = line / 3
    bounds = [ZERO, third, 2 * third, line]
    labels = [f"{bounds[i]:.0f}–{bounds[i + 1]:.0f}" for i in range(3)] + [f"≥ {line:.0f}"]
    return labels, bounds


def hours_buckets(*, values: Iterable[Decimal], line: Decimal) -> list[tuple[str, int]]:
    """How many values fall in each of hours_bands' bands."""
    labels, bounds = hours_bands(line=line)
    counts = [0, 0, 0, 0]
    for value in values:
        counts[max(n for n in range(4) if n == 0 or value >= bounds[n])] += 1
    return list(zip(labels, counts, strict=True))


# --- eligibility ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingHoursFact:
    """What the eligibility rule needs: the ledger and the figures in force (one place)."""

    entries: tuple[HoursEntry, ...]
    figures: TrainingFigures


@eligibility_rule("training_hours_short")
def training_hours_short(
    *, facts: CadreFacts, target: TargetPost, on: date, figures: SelectionFigures
) -> list[Reason]:
    """A warning, not a block: training may be completed within a year after promotion."""
    found = facts.extra.get(TRAINING_HOURS_FACT, ())
    if not found:
        return []
    fact = found[0]
    if covered_by_five_year_rule(tier=target.level_tier):
        summary = hours_summary(entries=fact.entries, on=on, tier=target.level_tier, figures=fact.figures)
        if summary.five_year_compliant:
            return []
        message = _(
            "%(hours)s hours of full-time training at party schools or recognised institutions in "
            "the last five years, short of %(required_hours)s; "
            "to be completed within a year after appointment."
        )
        params = {"hours": summary.five_year_hours, "required_hours": summary.five_year_required}
    else:
        last_year = date(on.year - 1, 12, 31)
        summary = hours_summary(
            entries=fact.entries, on=last_year, tier=target.level_tier, figures=fact.figures
        )
        if summary.year_compliant:
            return []
        message = _("%(hours)s training hours in %(year)s, short of %(required_hours)s.")
        params = {
            "hours": summary.year_hours,
            "required_hours": summary.year_required,
            "year": last_year.year,
        }
    return [make_reason("training_hours_short", _("Training hours"), message, params, severity="warn")]


# --- rule library search --------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[0-9A-Za-z]+")


def search_tokens(*, text: str) -> list[str]:
    """Words and CJK bigrams (single characters for a one-character run): PostgreSQL's
    "simple" configuration then indexes Chinese without a segmenting extension."""
    tokens = [w.lower() for w in _WORD.findall(text)]
    for run in _CJK.findall(text):
        tokens += [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
    return tokens
