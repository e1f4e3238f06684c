"""Derived facts of a cadre record, computed in one place for the record page, the API and rules."""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from cadres.models import Appointment, Cadre, PoliticalStatus
from cadres.rules.retirement import pre_reform_retirement_age
from cadres.rules.tenure import TenureSpan, format_tenure, tenure_span

PARTY_MEMBERS = (PoliticalStatus.CPC_MEMBER, PoliticalStatus.CPC_PROBATIONARY)
# A gap longer than this between two appointments at one level breaks "time at the level".
LEVEL_GAP = datetime.timedelta(days=31)


@dataclass(frozen=True)
class Span:
    """Whole years and months, from the tenure rule (cadres.rules.tenure) so both agree."""

    years: int
    months: int

    @classmethod
    def between(cls, start: datetime.date, end: datetime.date) -> "Span":
        if end < start:
            return cls(0, 0)
        span = tenure_span(start=start, on=end)
        return cls(span.years, span.months)

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months

    def __str__(self) -> str:
        return str(format_tenure(span=TenureSpan(self.years, self.months, 0)))


@dataclass(frozen=True)
class CadreProfile:
    age: int
    work_years: Span | None
    party_standing: Span | None
    current: list[Appointment]
    primary: Appointment | None
    in_current_post: Span | None
    at_current_level: Span | None
    retirement_date: datetime.date
    months_to_retirement: int
    pre_reform_age_limit: int | None  # 改革前任职年龄界限 of the retirement category


def age_on(birth_date: datetime.date, on: datetime.date) -> int:
    return relativedelta(on, birth_date).years


def is_current(appointment: Appointment, on: datetime.date) -> bool:
    return appointment.start_date <= on and (appointment.end_date is None or appointment.end_date > on)


def level_since(appointments: list[Appointment], primary: Appointment) -> datetime.date:
    """Start of the unbroken run of appointments at the primary post's level."""
    rank = primary.post.level.rank
    same_level = sorted(
        (a for a in appointments if a.post.level.rank == rank and a.start_date <= primary.start_date),
        key=lambda a: a.start_date,
        reverse=True,
    )
    since = primary.start_date
    for earlier in same_level:
        if earlier.end_date is None or earlier.end_date + LEVEL_GAP >= since:
            since = min(since, earlier.start_date)
        else:
            break
    return since


def cadre_profile(
    *, cadre: Cadre, on: datetime.date, appointments: list[Appointment] | None = None
) -> CadreProfile:
    """`appointments` should come prefetched with post__level; else they are read here."""
    if appointments is None:
        appointments = list(cadre.appointments.select_related("post__level", "post__unit"))
    current = sorted(
        (a for a in appointments if is_current(a, on)), key=lambda a: (not a.is_primary, a.start_date)
    )
    primary = next((a for a in current if a.is_primary), current[0] if current else None)
    party = cadre.party_join_date if cadre.political_status in PARTY_MEMBERS else None
    return CadreProfile(
        age=age_on(cadre.birth_date, on),
        work_years=Span.between(cadre.work_start_date, on) if cadre.work_start_date else None,
        party_standing=Span.between(party, on) if party else None,
        current=current,
        primary=primary,
        in_current_post=Span.between(primary.start_date, on) if primary else None,
        at_current_level=Span.between(level_since(appointments, primary), on) if primary else None,
        retirement_date=cadre.retirement_date,
        months_to_retirement=Span.between(on, cadre.retirement_date).total_months,
        pre_reform_age_limit=(
            pre_reform_retirement_age(category=cadre.retirement_category)
            if cadre.retirement_category
            else None
        ),
    )
