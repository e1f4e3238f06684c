"""Effect periods (影响期): [decision_date, end), months clamped to the month's end."""

from datetime import date, timedelta

import pytest

from oversight.choices import DEFAULT_EFFECT_MONTHS, SanctionKind
from oversight.rules import (
    effect_period_end,
    in_effect,
    no_higher_post_end,
    promotion_block_end,
)

DEFAULT_MONTHS = {
    "admonishment": (6, None),
    "party_warning": (12, None),
    "party_serious_warning": (18, None),
    "party_post_removal": (24, None),
    "gov_warning": (6, None),
    "gov_demerit": (12, None),
    "gov_major_demerit": (18, None),
    "gov_demotion": (24, None),
    "gov_dismissal": (24, None),
    "post_grade_lowering": (24, None),
    "transfer": (12, None),
    "ordered_resignation": (12, 24),
    "removal": (12, 24),
    "demotion": (24, None),
    "party_probation": (24, None),
    "party_expulsion": (60, None),
}


def test_the_default_table():
    assert dict(DEFAULT_EFFECT_MONTHS) == DEFAULT_MONTHS
    assert set(DEFAULT_EFFECT_MONTHS) == set(SanctionKind.values)


@pytest.mark.parametrize(("kind", "expected"), [(k, m) for k, (m, _) in DEFAULT_MONTHS.items()])
def test_effect_period_end_adds_the_kinds_months(kind, expected):
    decided = date(2025, 3, 15)
    end = effect_period_end(kind=kind, decision_date=decided)
    years, months = divmod(2 + expected, 12)
    assert end == date(2025 + years, 1 + months, 15)


def test_blocked_the_day_before_the_end_and_clear_on_it():
    decided = date(2025, 3, 15)
    end = effect_period_end(kind="party_warning", decision_date=decided)
    assert end == date(2026, 3, 15)
    assert in_effect(decision_date=decided, end=end, on=end - timedelta(days=1))
    assert not in_effect(decision_date=decided, end=end, on=end)
    assert in_effect(decision_date=decided, end=end, on=decided)
    assert not in_effect(decision_date=decided, end=end, on=decided - timedelta(days=1))
    assert not in_effect(decision_date=decided, end=None, on=decided)


@pytest.mark.parametrize(
    ("kind", "decided", "expected"),
    [
        ("admonishment", date(2024, 8, 31), date(2025, 2, 28)),
        ("admonishment", date(2023, 8, 31), date(2024, 2, 29)),  # leap year
        ("party_warning", date(2024, 2, 29), date(2025, 2, 28)),
        ("party_post_removal", date(2024, 2, 29), date(2026, 2, 28)),
        ("party_serious_warning", date(2024, 2, 29), date(2025, 8, 29)),
        ("gov_warning", date(2025, 12, 31), date(2026, 6, 30)),
        ("gov_demerit", date(2025, 12, 31), date(2026, 12, 31)),
    ],
)
def test_month_ends_and_leap_days_clamp(kind, decided, expected):
    assert effect_period_end(kind=kind, decision_date=decided) == expected


def test_override_months_by_code():
    decided = date(2025, 3, 15)
    assert effect_period_end(kind="admonishment", decision_date=decided, months={"admonishment": 3}) == date(
        2025, 6, 15
    )
    # An override for another code leaves this one at its default.
    assert effect_period_end(kind="admonishment", decision_date=decided, months={"transfer": 3}) == date(
        2025, 9, 15
    )


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        effect_period_end(kind="warning", decision_date=date(2025, 1, 1))


@pytest.mark.parametrize("kind", ["ordered_resignation", "removal"])
def test_ordered_resignation_and_removal_block_a_higher_post_for_24_months(kind):
    decided = date(2025, 3, 15)
    assert effect_period_end(kind=kind, decision_date=decided) == date(2026, 3, 15)
    assert no_higher_post_end(kind=kind, decision_date=decided) == date(2027, 3, 15)
    assert promotion_block_end(kind=kind, decision_date=decided) == date(2027, 3, 15)


def test_kinds_without_a_higher_post_period():
    decided = date(2025, 3, 15)
    assert no_higher_post_end(kind="demotion", decision_date=decided) is None
    assert promotion_block_end(kind="demotion", decision_date=decided) == date(2027, 3, 15)
    assert promotion_block_end(kind="transfer", decision_date=decided) == date(2026, 3, 15)


def test_promotion_block_end_takes_the_later_of_overridden_periods():
    decided = date(2025, 3, 15)
    end = promotion_block_end(
        kind="removal", decision_date=decided, months={"removal": 30}, no_higher_post_months={"removal": 24}
    )
    assert end == date(2027, 9, 15)
    end = promotion_block_end(kind="removal", decision_date=decided, no_higher_post_months={"removal": 36})
    assert end == date(2028, 3, 15)
