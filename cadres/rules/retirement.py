"""Statutory retirement age and date (NPC Standing Committee decision, in force 2025-01-01)."""

import datetime
import enum
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta


class RetirementCategory(enum.StrEnum):
    MALE = "male"
    FEMALE_CADRE = "female_cadre"
    FEMALE_WORKER = "female_worker"


@dataclass(frozen=True)
class RetirementSchedule:
    """Base age, the first birth month that retires later, and how the extra months grow."""

    base_years: int
    rising_from: tuple[int, int]
    birth_months_per_step: int
    max_extra_months: int


SCHEDULES: dict[RetirementCategory, RetirementSchedule] = {
    RetirementCategory.MALE: RetirementSchedule(60, (1965, 1), 4, 36),
    RetirementCategory.FEMALE_CADRE: RetirementSchedule(55, (1970, 1), 4, 36),
    RetirementCategory.FEMALE_WORKER: RetirementSchedule(50, (1975, 1), 2, 60),
}


def _extra_months(birth_date: datetime.date, schedule: RetirementSchedule) -> int:
    start_year, start_month = schedule.rising_from
    months_after_start = (birth_date.year - start_year) * 12 + birth_date.month - start_month
    if months_after_start < 0:
        return 0
    # The first birth month of the reform already counts as one step.
    steps = months_after_start // schedule.birth_months_per_step + 1
    return min(steps, schedule.max_extra_months)


def retirement_age(*, birth_date: datetime.date, category: str) -> tuple[int, int]:
    """Statutory retirement age as (years, months); raises ValueError for an unknown category."""
    schedule = SCHEDULES[RetirementCategory(category)]
    total_months = schedule.base_years * 12 + _extra_months(birth_date, schedule)
    years, months = divmod(total_months, 12)
    return years, months


def retirement_date(
    *, birth_date: datetime.date, category: str, override: datetime.date | None = None
) -> datetime.date:
    """Birth date plus the retirement age (day kept, clamped to month end); an override wins."""
    if override is not None:
        return override
    years, months = retirement_age(birth_date=birth_date, category=category)
    return birth_date + relativedelta(years=years, months=months)


def pre_reform_retirement_age(*, category: str) -> int:
    """The age limit before the 2025 reform (60 men, 55 women cadres, 50 women workers).

    The .lrmx form still carries it (改革前任职年龄界限); raises ValueError for an unknown category.
    """
    return SCHEDULES[RetirementCategory(category)].base_years


def default_retirement_category(*, gender: str) -> RetirementCategory:
    """A record without a category: men as men, women as cadres (the college's women are cadres)."""
    return RetirementCategory.MALE if gender == "male" else RetirementCategory.FEMALE_CADRE
