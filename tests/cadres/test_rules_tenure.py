"""Terms, probation, rotation and tenure spans at month ends and leap days."""

from datetime import date

import pytest

from cadres.rules.tenure import (
    TenureSpan,
    add_months,
    add_years,
    probation_end,
    rotation_due,
    tenure_span,
    term_end,
)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 3, 31), 1, date(2025, 4, 30)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
        (date(2025, 1, 15), 12, date(2026, 1, 15)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 1, 15), -1, date(2024, 12, 15)),
        (date(2025, 1, 15), 0, date(2025, 1, 15)),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start=start, months=months) == expected


def test_add_years_from_a_leap_day():
    assert add_years(start=date(2024, 2, 29), years=1) == date(2025, 2, 28)
    assert add_years(start=date(2024, 2, 29), years=4) == date(2028, 2, 29)


def test_term_end():
    assert term_end(start=date(2025, 9, 1)) == date(2029, 9, 1)
    assert term_end(start=date(2025, 9, 1), years=5) == date(2030, 9, 1)
    assert term_end(start=date(2024, 2, 29)) == date(2028, 2, 29)
    assert term_end(start=date(2024, 2, 29), years=3) == date(2027, 2, 28)


def test_probation_end():
    assert probation_end(start=date(2025, 9, 1)) == date(2026, 9, 1)
    assert probation_end(start=date(2024, 2, 29)) == date(2025, 2, 28)
    assert probation_end(start=date(2025, 8, 31), months=6) == date(2026, 2, 28)


def test_rotation_due():
    assert rotation_due(start=date(2016, 7, 1), is_key_post=False) == date(2026, 7, 1)
    assert rotation_due(start=date(2016, 7, 1), is_key_post=True) == date(2021, 7, 1)
    assert rotation_due(start=date(2016, 7, 1), is_key_post=False, years=8) == date(2024, 7, 1)
    assert rotation_due(start=date(2016, 7, 1), is_key_post=True, key_years=6) == date(2022, 7, 1)
    assert rotation_due(start=date(2016, 2, 29), is_key_post=True) == date(2021, 2, 28)


@pytest.mark.parametrize(
    ("start", "on", "expected"),
    [
        (date(2024, 3, 1), date(2026, 3, 1), (2, 0, 0)),
        (date(2024, 3, 1), date(2026, 2, 28), (1, 11, 27)),
        (date(2024, 7, 10), date(2026, 3, 10), (1, 8, 0)),
        (date(2024, 7, 10), date(2026, 3, 9), (1, 7, 27)),
        (date(2025, 1, 1), date(2025, 1, 1), (0, 0, 0)),
        (date(2025, 1, 1), date(2025, 1, 31), (0, 0, 30)),
        (date(2025, 1, 31), date(2025, 2, 28), (0, 1, 0)),  # a month after 31 Jan is 28 Feb
        (date(2024, 1, 31), date(2024, 2, 28), (0, 0, 28)),  # …or 29 Feb in a leap year
        (date(2024, 2, 29), date(2025, 2, 28), (1, 0, 0)),
        (date(2024, 2, 29), date(2025, 2, 27), (0, 11, 29)),
        (date(2024, 2, 29), date(2028, 2, 28), (3, 11, 30)),
        (date(2024, 2, 29), date(2028, 2, 29), (4, 0, 0)),
        (date(2025, 12, 31), date(2026, 1, 1), (0, 0, 1)),
    ],
)
def test_tenure_span(start, on, expected):
    assert tenure_span(start=start, on=on) == TenureSpan(*expected)


def test_tenure_span_unpacks_and_names_its_parts():
    years, months, days = tenure_span(start=date(2024, 7, 10), on=date(2026, 3, 12))
    assert (years, months, days) == (1, 8, 2)
    assert tenure_span(start=date(2024, 7, 10), on=date(2026, 3, 12)).months == 8


def test_tenure_span_refuses_an_end_before_the_start():
    with pytest.raises(ValueError):
        tenure_span(start=date(2025, 1, 2), on=date(2025, 1, 1))
