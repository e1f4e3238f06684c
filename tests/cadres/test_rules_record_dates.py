"""The record date rule at its boundaries: today, the birth day, the 16th and 18th birthdays,
leap days, year-month dates (the 1st of the month), and the family figures."""

import datetime

import pytest
from django.utils import translation

from cadres.rules.record_dates import (
    BEFORE_BIRTH,
    DATE_IN_FUTURE,
    FAMILY_BIRTH_IMPLAUSIBLE,
    IMPLAUSIBLE,
    IMPOSSIBLE,
    PARTY_ENTRY_YOUNG,
    WORK_START_YOUNG,
    FamilyBirth,
    completed_years,
    record_date_findings,
)

D = datetime.date
TODAY = D(2026, 12, 3)
BORN = D(1975, 6, 15)


def findings(*, birth=BORN, work=None, party=None, family=(), on=TODAY):
    return record_date_findings(
        birth_date=birth, work_start_date=work, party_join_date=party, family=family, on=on
    )


def codes(**kwargs):
    return [(f.field, f.code, f.severity) for f in findings(**kwargs)]


def member(relation, born, name="李梅", order=0):
    return FamilyBirth(f"family.{order}.birth_date", relation, name, born)


# ---------------------------------------------------------------- impossible


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("birth_date", {"birth": TODAY}),
        ("work_start_date", {"work": TODAY}),
        ("party_join_date", {"party": TODAY}),
    ],
)
def test_today_is_not_in_the_future(field, kwargs):
    assert not [f for f in findings(**kwargs) if f.code == DATE_IN_FUTURE]


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("birth_date", {"birth": D(2026, 12, 4)}),
        ("work_start_date", {"work": D(2026, 12, 4)}),
        ("party_join_date", {"party": D(2026, 12, 4)}),
        ("work_start_date", {"work": D(2040, 1, 1)}),
    ],
)
def test_tomorrow_is_in_the_future(field, kwargs):
    assert (field, DATE_IN_FUTURE, IMPOSSIBLE) in codes(**kwargs)


def test_a_future_birth_is_refused_and_nothing_is_measured_from_it():
    assert codes(birth=D(2029, 1, 1), work=D(2020, 1, 1), family=[member("son", D(2020, 1, 1))]) == [
        ("birth_date", DATE_IN_FUTURE, IMPOSSIBLE)
    ]


@pytest.mark.parametrize("field", ["work_start_date", "party_join_date"])
@pytest.mark.parametrize("value", [BORN, D(1975, 6, 14), D(1960, 1, 1)])
def test_on_or_before_birth_is_impossible(field, value):
    kwargs = {"work": value} if field == "work_start_date" else {"party": value}
    assert codes(**kwargs) == [(field, BEFORE_BIRTH, IMPOSSIBLE)]


def test_a_future_date_is_not_also_before_birth_or_young():
    assert codes(birth=BORN, work=D(2030, 1, 1)) == [("work_start_date", DATE_IN_FUTURE, IMPOSSIBLE)]


def test_no_dates_no_findings():
    assert findings(birth=None) == []
    assert findings() == []


def test_the_future_message_names_today():
    with translation.override("zh-hans"):
        (finding,) = findings(work=D(2040, 1, 1))
    assert "2026-12-03" in finding.message


# ---------------------------------------------------------------- work start and party entry


def test_work_start_on_the_16th_birthday_is_plausible():
    assert findings(work=D(1991, 6, 15)) == []


def test_work_start_the_day_before_the_16th_birthday_is_implausible():
    assert codes(work=D(1991, 6, 14)) == [("work_start_date", WORK_START_YOUNG, IMPLAUSIBLE)]


def test_the_warning_names_the_figure_and_the_age_in_chinese():
    with translation.override("zh-hans"):
        (finding,) = findings(work=D(1989, 9, 1))
    assert finding.message == "参加工作时未满 16 周岁（14 岁）"


def test_party_entry_on_the_18th_birthday_is_plausible():
    assert findings(party=D(1993, 6, 15)) == []


def test_party_entry_the_day_before_the_18th_birthday_is_implausible():
    (finding,) = findings(party=D(1993, 6, 14))
    assert (finding.field, finding.code, finding.severity) == (
        "party_join_date",
        PARTY_ENTRY_YOUNG,
        IMPLAUSIBLE,
    )
    with translation.override("zh-hans"):
        (finding,) = findings(party=D(1993, 6, 14))
    assert finding.message == "入党时未满 18 周岁（17 岁）"


@pytest.mark.parametrize(
    ("work", "young"),
    [
        (D(2016, 2, 28), True),  # born on a leap day: 16 on 29 February 2016, a leap year
        (D(2016, 2, 29), False),
    ],
)
def test_leap_day_birth_in_a_leap_year(work, young):
    assert bool(findings(birth=D(2000, 2, 29), work=work)) is young


@pytest.mark.parametrize(
    ("party", "young"),
    [
        (D(2018, 2, 27), True),  # 18 in 2018, no 29 February: 28 February, as tenure counts years
        (D(2018, 2, 28), False),
        (D(2018, 3, 1), False),
    ],
)
def test_leap_day_birth_in_a_common_year(party, young):
    assert bool(findings(birth=D(2000, 2, 29), party=party)) is young


def test_completed_years_of_a_leap_day_birth():
    assert completed_years(born=D(2000, 2, 29), on=D(2001, 2, 27)) == 0
    assert completed_years(born=D(2000, 2, 29), on=D(2001, 2, 28)) == 1
    assert completed_years(born=D(2000, 2, 29), on=D(1999, 3, 1)) == -1


# A year-month (stored as the 1st) may be any day of its month: warned only when all of it is young.


def test_year_month_work_start_in_the_month_of_the_16th_birthday_is_plausible():
    assert findings(work=D(1991, 6, 1)) == []


def test_year_month_work_start_the_month_before_is_implausible():
    (finding,) = findings(work=D(1991, 5, 1))
    assert finding.code == WORK_START_YOUNG
    with translation.override("zh-hans"):
        assert findings(work=D(1991, 5, 1))[0].message == "参加工作时未满 16 周岁（15 岁）"


def test_year_month_birth_and_work_start_in_the_same_month_16_years_on():
    assert findings(birth=D(1975, 6, 1), work=D(1991, 6, 1)) == []
    assert findings(birth=D(1975, 6, 1), work=D(1991, 5, 1))[0].code == WORK_START_YOUNG


def test_year_month_party_entry_of_a_leap_day_birth():
    # February 2018 holds the 18th birthday (28 February) of a cadre born 29 February 2000.
    assert findings(birth=D(2000, 2, 29), party=D(2018, 2, 1)) == []
    assert findings(birth=D(2000, 2, 29), party=D(2018, 1, 1))[0].code == PARTY_ENTRY_YOUNG


def test_year_month_date_in_the_current_month_is_not_in_the_future():
    assert findings(birth=D(2008, 1, 1), work=D(2026, 12, 1)) == []


def test_year_month_in_the_birth_month_is_before_birth():
    assert codes(work=D(1975, 6, 1)) == [("work_start_date", BEFORE_BIRTH, IMPOSSIBLE)]


# ---------------------------------------------------------------- family


@pytest.mark.parametrize(
    ("relation", "born", "implausible"),
    [
        ("son", D(1991, 6, 15), False),  # the cadre is 16 that day
        ("son", D(1991, 6, 14), True),
        ("daughter", D(2035, 6, 14), None),  # in the future: impossible, not implausible
        ("daughter", D(2026, 6, 14), False),  # the cadre is 51
        ("son", D(1975, 6, 15), True),  # born the same day as the cadre
        ("son", D(1970, 1, 1), True),  # born before the cadre
        ("father", D(1959, 6, 15), False),  # 16 at the cadre's birth
        ("father", D(1959, 6, 16), True),
        ("mother", D(1914, 6, 16), False),  # 60 at the cadre's birth
        ("mother", D(1914, 6, 15), True),  # 61 at the cadre's birth
        ("father", D(1980, 1, 1), True),  # born after the cadre
        ("spouse", D(1944, 6, 16), False),  # 30 whole years apart
        ("spouse", D(1944, 6, 15), True),  # 31
        ("spouse", D(2006, 6, 14), False),
        ("spouse", D(2006, 6, 15), True),
        ("sibling", D(1940, 1, 1), False),  # not checked
        ("uncle_aunt", D(2000, 1, 1), False),
    ],
)
def test_family_birth_boundaries(relation, born, implausible):
    found = [(f.field, f.code, f.severity) for f in findings(family=[member(relation, born)])]
    if implausible is None:
        assert found == [("family.0.birth_date", DATE_IN_FUTURE, IMPOSSIBLE)]
    elif implausible:
        assert found == [("family.0.birth_date", FAMILY_BIRTH_IMPLAUSIBLE, IMPLAUSIBLE)]
    else:
        assert found == []


@pytest.mark.parametrize(
    ("born", "implausible"),
    [(D(2035, 6, 14), False), (D(2036, 6, 14), False), (D(2036, 6, 15), True)],
)
def test_child_at_the_upper_figure(born, implausible):
    # The cadre is 60 from 2035-06-15 to 2036-06-14 and over 60 (61) from 2036-06-15.
    assert bool(findings(family=[member("son", born)], on=D(2040, 1, 1))) is implausible


def test_year_month_family_births_have_the_benefit_of_the_doubt():
    # Father born 1959-06 (any day): he may have turned 16 by 1975-06-15.
    assert findings(family=[member("father", D(1959, 6, 1))]) == []
    assert findings(family=[member("father", D(1959, 7, 1))])
    # Spouse born 1944-06: as late as 1944-06-30, 30 whole years before the cadre.
    assert findings(family=[member("spouse", D(1944, 6, 1))]) == []
    assert findings(family=[member("spouse", D(1944, 5, 1))])


def test_family_messages_name_the_member_and_the_figure():
    family = [
        member("son", D(1989, 6, 14), name="张小明", order=0),
        member("father", D(1970, 1, 1), name="张大山", order=1),
        member("spouse", D(1940, 1, 1), name="李梅", order=2),
        member("mother", D(1978, 1, 1), name="王芳", order=3),
    ]
    with translation.override("zh-hans"):
        messages = {f.field: f.message for f in findings(family=family)}
    assert messages == {
        "family.0.birth_date": "张小明出生时干部未满 16 周岁（13 岁）",
        "family.1.birth_date": "张大山在干部出生时未满 16 周岁（5 岁）",
        "family.2.birth_date": "李梅与干部出生相差超过 30 年（35 年）",
        "family.3.birth_date": "王芳出生晚于干部本人",
    }


def test_family_without_birth_dates_or_without_the_cadres_birth():
    assert findings(family=[member("son", None)]) == []
    assert findings(birth=None, family=[member("son", D(1990, 1, 1))]) == []
    assert codes(birth=None, family=[member("son", D(2030, 1, 1))]) == [
        ("family.0.birth_date", DATE_IN_FUTURE, IMPOSSIBLE)
    ]
