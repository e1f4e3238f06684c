"""Complaint deadlines on their boundary days, calendar and working days, with and without the extension."""

from datetime import date

import pytest

from oversight.rules.complaints import (
    DeadlineFigures,
    accept_due,
    conclude_due,
    deadline,
    is_overdue,
    step_allowed,
)

CAL = DeadlineFigures(15, 60, 30, "calendar")
WORK = DeadlineFigures(15, 60, 30, "working")


def test_acceptance_in_calendar_days_is_due_on_the_15th_day_after_receipt():
    due = accept_due(received_on=date(2026, 3, 2), figures=CAL)
    assert due == date(2026, 3, 17)
    assert not is_overdue(due=due, on=date(2026, 3, 17))
    assert is_overdue(due=due, on=date(2026, 3, 18))


def test_conclusion_in_calendar_days_with_and_without_the_extension():
    assert conclude_due(accepted_on=date(2026, 3, 10), figures=CAL, extended=False) == date(2026, 5, 9)
    assert conclude_due(accepted_on=date(2026, 3, 10), figures=CAL, extended=True) == date(2026, 6, 8)


def test_acceptance_in_working_days_skips_weekends_and_holidays():
    # Monday 2026-03-02: 15 working days after it end on Monday 2026-03-23 (three weekends skipped).
    assert accept_due(received_on=date(2026, 3, 2), figures=WORK) == date(2026, 3, 23)
    # The admin calendar's extra holiday pushes it one working day on.
    holidays = {date(2026, 3, 10)}
    assert accept_due(received_on=date(2026, 3, 2), figures=WORK, holidays=holidays) == date(2026, 3, 24)


def test_conclusion_in_working_days_with_and_without_the_extension():
    plain = conclude_due(accepted_on=date(2026, 3, 2), figures=WORK, extended=False)
    longer = conclude_due(accepted_on=date(2026, 3, 2), figures=WORK, extended=True)
    assert plain.weekday() < 5 and longer.weekday() < 5
    assert plain < longer
    assert deadline(start=plain, days=30, mode="working") == longer


def test_a_receipt_on_friday_counts_from_monday_in_working_days():
    assert deadline(start=date(2026, 3, 6), days=1, mode="working") == date(2026, 3, 9)
    assert deadline(start=date(2026, 3, 6), days=1, mode="calendar") == date(2026, 3, 7)


@pytest.mark.parametrize(
    ("step", "state", "allowed"),
    [
        ("accept", "registered", True),
        ("accept", "accepted", False),
        ("reject", "registered", True),
        ("dispose", "registered", False),
        ("dispose", "accepted", True),
        ("extend", "registered", False),
        ("extend", "disposed", True),
        ("conclude", "accepted", False),
        ("conclude", "disposed", True),
        ("conclude", "concluded", False),
    ],
)
def test_the_steps_follow_the_state_machine(step, state, allowed):
    assert step_allowed(step=step, state=state) is allowed


@pytest.mark.parametrize(
    ("figures", "extended", "due"),
    [
        # accepted Tuesday 2026-03-10: 60 calendar days, 90 with the extension
        (CAL, False, date(2026, 5, 9)),
        (CAL, True, date(2026, 6, 8)),
        # accepted Monday 2040-03-05, a year past the holiday package's tables (Monday to Friday
        # only): 60 working days are 12 weeks, 90 are 18 weeks
        (WORK, False, date(2040, 5, 28)),
        (WORK, True, date(2040, 7, 9)),
    ],
)
def test_conclusion_boundary_days_in_both_modes(figures, extended, due):
    accepted = date(2026, 3, 10) if figures is CAL else date(2040, 3, 5)
    found = conclude_due(accepted_on=accepted, figures=figures, extended=extended)
    assert found == due
    assert not is_overdue(due=found, on=due)  # the last day is still in time
    assert is_overdue(due=found, on=date.fromordinal(due.toordinal() + 1))


def test_acceptance_boundary_in_working_days():
    due = accept_due(received_on=date(2026, 3, 2), figures=WORK)
    assert not is_overdue(due=due, on=date(2026, 3, 23)) and is_overdue(due=due, on=date(2026, 3, 24))
    # the figures come from the row: 5 working days from a Friday end the next Friday
    assert accept_due(received_on=date(2026, 3, 6), figures=DeadlineFigures(5, 60, 30, "working")) == date(
        2026, 3, 13
    )
