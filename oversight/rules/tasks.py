"""When a supervised task (督办) is overdue, and when it is due soon."""

import datetime


def task_overdue(*, deadline: datetime.date, done_on: datetime.date | None, on: datetime.date) -> bool:
    """Overdue from the day after the deadline while not done; the deadline day itself is in time.
    A task done after its deadline was done late, and is no longer overdue."""
    return done_on is None and on > deadline


def task_done_late(*, deadline: datetime.date, done_on: datetime.date | None) -> bool:
    return done_on is not None and done_on > deadline


def task_due_soon(
    *, deadline: datetime.date, done_on: datetime.date | None, on: datetime.date, days: int
) -> bool:
    return done_on is None and on <= deadline <= on + datetime.timedelta(days=days)
