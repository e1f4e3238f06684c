"""The dates of a cadre record checked against each other and today (三龄: birth, work start, party entry).

Two kinds of finding:

- **impossible** (refused): a date after today (`date_in_future`); a work start or party entry
  on or before the cadre's birth (`before_birth`, the database's own check);
- **implausible** (warned; saved once someone confirms, since real legacy files hold them):
  work start before 16 (`work_start_young`), party entry before 18 (`party_entry_young`), and a
  family member's birth far from the cadre's (`family_birth_implausible`): a parent or child
  aged under 16 or over 60 at the child's birth (one pair of figures for both directions, so
  the cadre's record and his father's would agree), a spouse more than 30 years apart.
  Other relations are not checked: a sibling or cousin may be any age.

Ages are completed years, a year after 29 February being 28 February (as in `tenure`). The
appointment form, .lrmx files and most rosters write year-months, stored as the 1st of the
month; a date on the 1st may therefore be any day of its month, and a warning is given only
when every day of that month would be implausible.
"""

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from cadres.choices import FamilyRelation
from cadres.rules.tenure import add_years

IMPOSSIBLE = "impossible"
IMPLAUSIBLE = "implausible"

DATE_IN_FUTURE = "date_in_future"
BEFORE_BIRTH = "before_birth"
WORK_START_YOUNG = "work_start_young"
PARTY_ENTRY_YOUNG = "party_entry_young"
FAMILY_BIRTH_IMPLAUSIBLE = "family_birth_implausible"

WORK_START_MIN_AGE = 16  # 劳动法: no employment under 16
PARTY_ENTRY_MIN_AGE = 18  # 党章: members are 18 or older
PARENT_MIN_AGE = 16  # a parent's age at the child's birth
PARENT_MAX_AGE = 60
SPOUSE_MAX_GAP_YEARS = 30

PARENTS = frozenset({FamilyRelation.FATHER, FamilyRelation.MOTHER})
CHILDREN = frozenset({FamilyRelation.SON, FamilyRelation.DAUGHTER})


@dataclass(frozen=True)
class FamilyBirth:
    """One family member's birth as the rule needs it; `field` names it in the findings."""

    field: str  # such as "family.0.birth_date"
    relation: str
    name: str
    birth_date: date | None


@dataclass(frozen=True)
class DateFinding:
    field: str
    code: str
    severity: str  # IMPOSSIBLE or IMPLAUSIBLE
    message: str
    value: date | None = None  # the date found wrong

    @property
    def impossible(self) -> bool:
        return self.severity == IMPOSSIBLE

    def as_dict(self) -> dict:
        return {"field": self.field, "code": self.code, "message": self.message}


def completed_years(*, born: date, on: date) -> int:
    """Whole years from `born` to `on` (negative when `on` is earlier)."""
    years = on.year - born.year
    if add_years(start=born, years=years) > on:
        years -= 1
    return years


def _latest(d: date) -> date:
    # The 1st may stand for a year-month: the latest day it may mean.
    return d.replace(day=calendar.monthrange(d.year, d.month)[1]) if d.day == 1 else d


def _age_range(*, born: date, on: date) -> tuple[int, int]:
    """The least and the most completed years from `born` to `on`, either possibly a year-month."""
    return completed_years(born=_latest(born), on=on), completed_years(born=born, on=_latest(on))


def _impossible(*, field: str, value: date, birth_date: date | None, on: date) -> DateFinding | None:
    if value > on:
        message = _("This date is after today (%(today)s).") % {"today": on.isoformat()}
        return DateFinding(field, DATE_IN_FUTURE, IMPOSSIBLE, message, value)
    if birth_date is not None and field != "birth_date" and value <= birth_date:
        message = _("This date is not after the date of birth (%(birth)s).") % {
            "birth": birth_date.isoformat()
        }
        return DateFinding(field, BEFORE_BIRTH, IMPOSSIBLE, message, value)
    return None


def _too_young(
    *, field: str, code: str, value: date, birth_date: date, minimum: int, message
) -> list[DateFinding]:
    most = _age_range(born=birth_date, on=value)[1]
    if most >= minimum:
        return []
    return [DateFinding(field, code, IMPLAUSIBLE, message % {"minimum": minimum, "age": most}, value)]


def _parent_message(*, name: str, parent_born: date, child_born: date, parent_is_cadre: bool) -> str | None:
    values = {"name": name, "minimum": PARENT_MIN_AGE, "maximum": PARENT_MAX_AGE}
    if child_born <= parent_born:
        if parent_is_cadre:
            return _("%(name)s was born before the cadre.") % values
        return _("%(name)s was born after the cadre.") % values
    least, most = _age_range(born=parent_born, on=child_born)
    if most < PARENT_MIN_AGE:
        if parent_is_cadre:
            message = _("%(name)s was born when the cadre was under %(minimum)s (%(age)s).")
        else:
            message = _("%(name)s was under %(minimum)s when the cadre was born (%(age)s).")
        return message % (values | {"age": most})
    if least > PARENT_MAX_AGE:
        if parent_is_cadre:
            message = _("%(name)s was born when the cadre was over %(maximum)s (%(age)s).")
        else:
            message = _("%(name)s was over %(maximum)s when the cadre was born (%(age)s).")
        return message % (values | {"age": least})
    return None


def _family_message(member: FamilyBirth, *, cadre_birth: date) -> str | None:
    if member.relation in CHILDREN:
        return _parent_message(
            name=member.name, parent_born=cadre_birth, child_born=member.birth_date, parent_is_cadre=True
        )
    if member.relation in PARENTS:
        return _parent_message(
            name=member.name, parent_born=member.birth_date, child_born=cadre_birth, parent_is_cadre=False
        )
    if member.relation == FamilyRelation.SPOUSE:
        earlier, later = sorted((member.birth_date, cadre_birth))
        least = _age_range(born=earlier, on=later)[0]
        if least > SPOUSE_MAX_GAP_YEARS:
            message = _("%(name)s and the cadre were born more than %(maximum)s years apart (%(gap)s).")
            return message % {"name": member.name, "maximum": SPOUSE_MAX_GAP_YEARS, "gap": least}
    return None


def family_findings(
    *, cadre_birth: date | None, family: Sequence[FamilyBirth], on: date
) -> list[DateFinding]:
    """Family members' births: after today is impossible, far from the cadre's implausible."""
    findings = []
    for member in family:
        if member.birth_date is None:
            continue
        if member.birth_date > on:
            finding = _impossible(field=member.field, value=member.birth_date, birth_date=None, on=on)
            findings.append(finding)
            continue
        message = _family_message(member, cadre_birth=cadre_birth) if cadre_birth else None
        if message:
            findings.append(
                DateFinding(member.field, FAMILY_BIRTH_IMPLAUSIBLE, IMPLAUSIBLE, message, member.birth_date)
            )
    return findings


def record_date_findings(
    *,
    birth_date: date | None,
    work_start_date: date | None,
    party_join_date: date | None,
    family: Sequence[FamilyBirth] = (),
    on: date,
) -> list[DateFinding]:
    """Every impossible and implausible date of a cadre record as of `on` (today), impossible first
    for each field; a field with an impossible date is not also warned about."""
    findings: list[DateFinding] = []
    dates = {"birth_date": birth_date, "work_start_date": work_start_date, "party_join_date": party_join_date}
    known_birth = birth_date if birth_date is not None and birth_date <= on else None
    for field, value in dates.items():
        if value is not None and (
            found := _impossible(field=field, value=value, birth_date=known_birth, on=on)
        ):
            findings.append(found)
    refused = {finding.field for finding in findings}
    if birth_date is not None and "birth_date" not in refused:
        if work_start_date is not None and "work_start_date" not in refused:
            message = _("Started work before the age of %(minimum)s (%(age)s).")
            findings += _too_young(
                field="work_start_date",
                code=WORK_START_YOUNG,
                value=work_start_date,
                birth_date=birth_date,
                minimum=WORK_START_MIN_AGE,
                message=message,
            )
        if party_join_date is not None and "party_join_date" not in refused:
            message = _("Joined the party before the age of %(minimum)s (%(age)s).")
            findings += _too_young(
                field="party_join_date",
                code=PARTY_ENTRY_YOUNG,
                value=party_join_date,
                birth_date=birth_date,
                minimum=PARTY_ENTRY_MIN_AGE,
                message=message,
            )
    cadre_birth = birth_date if "birth_date" not in refused else None
    return findings + family_findings(cadre_birth=cadre_birth, family=family, on=on)
