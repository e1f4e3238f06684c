"""Working days for the public notice (任前公示), with Chinese public holidays and make-up days.

The `chinese_calendar` package knows the State Council's holiday arrangements up to the year it
was released; for later (and much earlier) years it raises NotImplementedError and we fall
back to Monday–Friday. The admin-edited calendar (`extra_holidays`, `extra_workdays`) beats both.
"""

from collections.abc import Set
from datetime import date, timedelta

import chinese_calendar

NO_DATES: frozenset[date] = frozenset()


def is_working_day(
    *, day: date, extra_holidays: Set[date] = NO_DATES, extra_workdays: Set[date] = NO_DATES
) -> bool:
    if day in extra_workdays:
        return True
    if day in extra_holidays:
        return False
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(
    *, start: date, days: int, extra_holidays: Set[date] = NO_DATES, extra_workdays: Set[date] = NO_DATES
) -> date:
    """The date of the `days`-th working day counted from `start` (itself included if it is one).

    A notice of 5 working days starting on a plain Monday ends on that Friday.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    day, counted = start, 0
    while True:
        if is_working_day(day=day, extra_holidays=extra_holidays, extra_workdays=extra_workdays):
            counted += 1
            if counted == days:
                return day
        day += timedelta(days=1)


def working_days_between(
    *, start: date, end: date, extra_holidays: Set[date] = NO_DATES, extra_workdays: Set[date] = NO_DATES
) -> int:
    """How many working days lie in [start, end], both ends included; 0 when end is before start."""
    count, day = 0, start
    while day <= end:
        count += is_working_day(day=day, extra_holidays=extra_holidays, extra_workdays=extra_workdays)
        day += timedelta(days=1)
    return count
