import datetime

import pytest

from cadres.rules.retirement import (
    RetirementCategory,
    default_retirement_category,
    pre_reform_retirement_age,
    retirement_age,
    retirement_date,
)

MALE = RetirementCategory.MALE
FEMALE_CADRE = RetirementCategory.FEMALE_CADRE
FEMALE_WORKER = RetirementCategory.FEMALE_WORKER


def age(year: int, month: int, category: str) -> tuple[int, int]:
    return retirement_age(birth_date=datetime.date(year, month, 15), category=category)


def test_worked_example_man_born_1965_03():
    assert age(1965, 3, MALE) == (60, 1)
    assert retirement_date(birth_date=datetime.date(1965, 3, 10), category=MALE) == datetime.date(2025, 4, 10)


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        (1950, 6, (60, 0)),
        (1964, 12, (60, 0)),
        (1965, 1, (60, 1)),
        (1965, 4, (60, 1)),
        (1965, 5, (60, 2)),
        (1965, 8, (60, 2)),
        (1965, 9, (60, 3)),
        (1966, 1, (60, 4)),
        (1968, 12, (61, 0)),
        (1976, 4, (62, 10)),
        (1976, 5, (62, 11)),
        (1976, 8, (62, 11)),
        (1976, 9, (63, 0)),
        (1980, 1, (63, 0)),
        (2000, 12, (63, 0)),
    ],
)
def test_men(year, month, expected):
    assert age(year, month, MALE) == expected


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        (1960, 1, (55, 0)),
        (1969, 12, (55, 0)),
        (1970, 1, (55, 1)),
        (1970, 4, (55, 1)),
        (1970, 5, (55, 2)),
        (1981, 8, (57, 11)),
        (1981, 9, (58, 0)),
        (1990, 6, (58, 0)),
    ],
)
def test_female_cadres(year, month, expected):
    assert age(year, month, FEMALE_CADRE) == expected


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        (1960, 1, (50, 0)),
        (1974, 12, (50, 0)),
        (1975, 1, (50, 1)),
        (1975, 2, (50, 1)),
        (1975, 3, (50, 2)),
        (1975, 4, (50, 2)),
        (1975, 5, (50, 3)),
        (1976, 1, (50, 7)),
        (1984, 9, (54, 11)),
        (1984, 10, (54, 11)),
        (1984, 11, (55, 0)),
        (1990, 1, (55, 0)),
    ],
)
def test_female_workers(year, month, expected):
    assert age(year, month, FEMALE_WORKER) == expected


@pytest.mark.parametrize(
    ("birth", "category", "expected"),
    [
        ((1964, 12, 31), MALE, (2024, 12, 31)),
        ((1965, 1, 1), MALE, (2025, 2, 1)),
        ((1965, 3, 31), MALE, (2025, 4, 30)),  # day 31 clamped to April's end
        ((1965, 4, 30), MALE, (2025, 5, 30)),
        ((1965, 5, 31), MALE, (2025, 7, 31)),
        ((1976, 8, 31), MALE, (2039, 7, 31)),
        ((1976, 9, 1), MALE, (2039, 9, 1)),
        ((1981, 8, 31), FEMALE_CADRE, (2039, 7, 31)),
        ((1981, 9, 30), FEMALE_CADRE, (2039, 9, 30)),
        ((1974, 12, 31), FEMALE_WORKER, (2024, 12, 31)),
        ((1975, 1, 31), FEMALE_WORKER, (2025, 2, 28)),
        ((1975, 3, 31), FEMALE_WORKER, (2025, 5, 31)),
        ((1984, 10, 31), FEMALE_WORKER, (2039, 9, 30)),
        ((1984, 11, 30), FEMALE_WORKER, (2039, 11, 30)),
    ],
)
def test_retirement_dates(birth, category, expected):
    assert retirement_date(birth_date=datetime.date(*birth), category=category) == datetime.date(*expected)


@pytest.mark.parametrize(
    ("birth", "category", "expected"),
    [
        ((1960, 2, 29), MALE, (2020, 2, 29)),  # 60 years on: a leap year again
        ((1964, 2, 29), MALE, (2024, 2, 29)),
        ((1968, 2, 29), MALE, (2028, 12, 29)),  # 60 years 10 months
        ((1972, 2, 29), FEMALE_WORKER, (2022, 2, 28)),  # 50 years, not a leap year
        ((1976, 2, 29), FEMALE_WORKER, (2026, 9, 29)),  # 50 years 7 months
        ((1984, 2, 29), FEMALE_CADRE, (2042, 2, 28)),  # capped at 58: not a leap year
        ((1980, 2, 29), MALE, (2043, 2, 28)),  # capped at 63: not a leap year
    ],
)
def test_leap_day_births(birth, category, expected):
    assert retirement_date(birth_date=datetime.date(*birth), category=category) == datetime.date(*expected)


def test_override_wins():
    override = datetime.date(2030, 1, 1)
    born = datetime.date(1965, 3, 10)
    assert retirement_date(birth_date=born, category=MALE, override=override) == override


def test_plain_string_categories_are_accepted():
    assert retirement_age(birth_date=datetime.date(1965, 3, 1), category="male") == (60, 1)
    assert retirement_age(birth_date=datetime.date(1975, 3, 1), category="female_worker") == (50, 2)


def test_unknown_category_is_refused():
    with pytest.raises(ValueError, match="nobody"):
        retirement_age(birth_date=datetime.date(1965, 3, 1), category="nobody")


@pytest.mark.parametrize(("category", "age"), [(MALE, 60), (FEMALE_CADRE, 55), (FEMALE_WORKER, 50)])
def test_pre_reform_age_is_the_base_of_the_schedule(category, age):
    assert pre_reform_retirement_age(category=category) == age
    # Born before the reform's first birth month: the pre-reform age still applies.
    assert retirement_age(birth_date=datetime.date(1950, 1, 1), category=category) == (age, 0)


def test_pre_reform_age_of_an_unknown_category_is_refused():
    with pytest.raises(ValueError):
        pre_reform_retirement_age(category="senior_expert")


def test_default_category():
    assert default_retirement_category(gender="male") == MALE
    assert default_retirement_category(gender="female") == FEMALE_CADRE
