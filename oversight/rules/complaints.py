"""Complaint deadlines and the steps a complaint may take, as pure functions.

A deadline of N days counts from the day after its start: accepted within 15 calendar days of a
complaint received on 1 March means by 16 March (that day still in time). In working days the
N-th working day after the start is the last day in time.
"""

from collections.abc import Set
from dataclasses import dataclass
from datetime import date, timedelta

from cadres.rules.workdays import NO_DATES, add_working_days
from oversight.choices import ComplaintState, DayMode

S = ComplaintState

# step -> the states it may start from
STEP_FROM: dict[str, frozenset[str]] = {
    "accept": frozenset({S.REGISTERED}),
    "reject": frozenset({S.REGISTERED}),
    "dispose": frozenset({S.ACCEPTED}),
    "extend": frozenset({S.ACCEPTED, S.DISPOSED}),
    "conclude": frozenset({S.DISPOSED}),
}
OPEN_STATES = frozenset({S.REGISTERED, S.ACCEPTED, S.DISPOSED})


@dataclass(frozen=True)
class DeadlineFigures:
    accept_days: int
    conclude_days: int
    extension_days: int
    day_mode: str  # DayMode


def deadline(
    *, start: date, days: int, mode: str, holidays: Set[date] = NO_DATES, workdays: Set[date] = NO_DATES
) -> date:
    """The last day in time for something due `days` days after `start`."""
    if mode == DayMode.WORKING:
        return add_working_days(
            start=start + timedelta(days=1), days=days, extra_holidays=holidays, extra_workdays=workdays
        )
    return start + timedelta(days=days)


def accept_due(
    *,
    received_on: date,
    figures: DeadlineFigures,
    holidays: Set[date] = NO_DATES,
    workdays: Set[date] = NO_DATES,
) -> date:
    return deadline(
        start=received_on,
        days=figures.accept_days,
        mode=figures.day_mode,
        holidays=holidays,
        workdays=workdays,
    )


def conclude_due(
    *,
    accepted_on: date,
    figures: DeadlineFigures,
    extended: bool,
    holidays: Set[date] = NO_DATES,
    workdays: Set[date] = NO_DATES,
) -> date:
    days = figures.conclude_days + (figures.extension_days if extended else 0)
    return deadline(start=accepted_on, days=days, mode=figures.day_mode, holidays=holidays, workdays=workdays)


def step_allowed(*, step: str, state: str) -> bool:
    return state in STEP_FROM[step]


def is_overdue(*, due: date | None, on: date) -> bool:
    """Past its last day in time on `on`."""
    return due is not None and on > due
