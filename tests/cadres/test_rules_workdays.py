"""Working days for the public notice, from what `chinese_calendar` says for 2025 and 2026."""

from datetime import date

import pytest

from cadres.rules.workdays import add_working_days, is_working_day, working_days_between


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 9, 28), True),  # Sunday, make-up working day for National Day
        (date(2025, 10, 1), False),
        (date(2025, 10, 8), False),
        (date(2025, 10, 11), True),  # Saturday, make-up working day
        (date(2025, 10, 12), False),
        (date(2026, 2, 14), True),  # Saturday, make-up working day for the Spring Festival
        (date(2026, 2, 16), False),
        (date(2026, 2, 23), False),
        (date(2026, 2, 28), True),  # Saturday, make-up working day
        (date(2026, 9, 25), False),  # Mid-autumn Festival 2026
        (date(2026, 10, 7), False),
        (date(2026, 10, 8), True),
        (date(2026, 10, 10), True),  # Saturday, make-up working day
    ],
)
def test_is_working_day_follows_the_package(day, expected):
    assert is_working_day(day=day) is expected


def test_plain_week_monday_plus_five_ends_friday():
    assert add_working_days(start=date(2026, 3, 9), days=5) == date(2026, 3, 13)


def test_plain_week_four_days_ends_thursday_and_six_days_next_monday():
    assert add_working_days(start=date(2026, 3, 9), days=4) == date(2026, 3, 12)
    assert add_working_days(start=date(2026, 3, 9), days=6) == date(2026, 3, 16)


def test_start_day_counts_when_it_is_a_working_day():
    assert add_working_days(start=date(2026, 3, 13), days=1) == date(2026, 3, 13)


def test_start_on_saturday_counts_from_monday():
    assert add_working_days(start=date(2026, 3, 14), days=5) == date(2026, 3, 20)
    assert add_working_days(start=date(2026, 3, 14), days=1) == date(2026, 3, 16)


def test_notice_across_national_day_2025():
    # Fri 26 Sep, Sun 28 (make-up), Mon 29, Tue 30, then Oct 1–8 off, Thu 9 Oct.
    assert add_working_days(start=date(2025, 9, 26), days=5) == date(2025, 10, 9)
    # Mon 29, Tue 30, Thu 9, Fri 10, Sat 11 (make-up).
    assert add_working_days(start=date(2025, 9, 29), days=5) == date(2025, 10, 11)


def test_notice_across_national_day_2026():
    # Mon 28, Tue 29, Wed 30 Sep, then Oct 1–7 off, Thu 8, Fri 9.
    assert add_working_days(start=date(2026, 9, 28), days=5) == date(2026, 10, 9)
    # Mid-autumn 25–27 Sep 2026: a notice from Thu 24 Sep skips it.
    assert add_working_days(start=date(2026, 9, 24), days=5) == date(2026, 10, 8)


def test_notice_across_spring_festival_2026():
    # Thu 12, Fri 13, Sat 14 Feb (make-up), then Feb 15–23 off, Tue 24, Wed 25.
    assert add_working_days(start=date(2026, 2, 12), days=5) == date(2026, 2, 25)


def test_year_unknown_to_the_package_falls_back_to_monday_to_friday():
    assert is_working_day(day=date(2027, 10, 1)) is True  # a Friday; the package has no 2027 data
    assert is_working_day(day=date(2027, 10, 2)) is False
    assert add_working_days(start=date(2027, 9, 27), days=5) == date(2027, 10, 1)


def test_2027_admin_calendar_adds_a_holiday_and_a_make_up_day():
    holidays = {date(2027, 10, 1)}
    workdays = {date(2027, 9, 26)}  # a Sunday
    # Sun 26 (make-up), Mon 27, Tue 28, Wed 29, Thu 30; Fri 1 Oct is a holiday.
    assert add_working_days(
        start=date(2027, 9, 25), days=5, extra_holidays=holidays, extra_workdays=workdays
    ) == date(2027, 9, 30)
    assert add_working_days(
        start=date(2027, 9, 27), days=5, extra_holidays=holidays, extra_workdays=workdays
    ) == date(2027, 10, 4)


def test_admin_calendar_beats_the_package():
    assert is_working_day(day=date(2026, 3, 10), extra_holidays={date(2026, 3, 10)}) is False
    assert is_working_day(day=date(2025, 10, 1), extra_workdays={date(2025, 10, 1)}) is True
    # A day in both lists: the make-up working day wins.
    both = {date(2026, 3, 10)}
    assert is_working_day(day=date(2026, 3, 10), extra_holidays=both, extra_workdays=both) is True


def test_year_before_the_package_falls_back_too():
    assert is_working_day(day=date(2003, 1, 6)) is True  # Monday
    assert is_working_day(day=date(2003, 1, 5)) is False  # Sunday


@pytest.mark.parametrize("days", [0, -1])
def test_add_working_days_refuses_less_than_one(days):
    with pytest.raises(ValueError):
        add_working_days(start=date(2026, 3, 9), days=days)


def test_working_days_between_counts_both_ends():
    assert working_days_between(start=date(2026, 3, 9), end=date(2026, 3, 13)) == 5
    assert working_days_between(start=date(2026, 9, 28), end=date(2026, 10, 9)) == 5
    assert working_days_between(start=date(2026, 3, 14), end=date(2026, 3, 15)) == 0
    assert working_days_between(start=date(2026, 3, 13), end=date(2026, 3, 9)) == 0


def test_add_and_between_agree():
    start = date(2025, 9, 20)
    for days in range(1, 20):
        end = add_working_days(start=start, days=days)
        assert working_days_between(start=start, end=end) == days
