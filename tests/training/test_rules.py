"""The training rules at their boundaries: monthly study owed, credits, the hours ledger, the
eligibility warning and the search tokens."""

from datetime import date
from decimal import Decimal

import pytest

from cadres.rules.eligibility import evaluate
from tests.eligibility import MIDDLE_PRINCIPAL, SECTION, cadre, post
from training import rules
from training.choices import SessionKind, WindowMode

D = Decimal
FIGURES = rules.TrainingFigures()
OWING = ("functional", "college", "direct")


def unit(pk=1, kind="college", **kwargs):
    return rules.UnitFact(pk, kind, **kwargs)


# --- monthly study --------------------------------------------------------------------------


def missing(units, held=(), month=date(2026, 3, 1), exempt=(2, 8)):
    return rules.missing_monthly_study(
        units=units, held_unit_ids=held, month=month, owing_kinds=OWING, exempt_months=exempt
    )


def test_a_unit_without_a_session_is_missing_and_one_with_a_session_is_not():
    assert missing([unit(1), unit(2)], held=[2]) == [1]


@pytest.mark.parametrize(
    ("established", "owes"),
    [
        (None, True),
        (date(2026, 2, 28), True),
        (date(2026, 3, 1), True),
        (date(2026, 3, 2), False),
        (date(2026, 3, 31), False),
    ],
)
def test_a_unit_created_mid_month_owes_nothing_that_month(established, owes):
    assert missing([unit(established_on=established)]) == ([1] if owes else [])
    # ... and owes the next month
    assert missing([unit(established_on=established)], month=date(2026, 4, 1)) == [1]


def test_exempt_months_and_unit_kinds_and_inactive_units_owe_nothing():
    assert missing([unit()], month=date(2026, 8, 15)) == []
    assert missing([unit()], month=date(2026, 8, 15), exempt=()) == [1]
    assert missing([unit(kind="sub_unit"), unit(2, kind="institution"), unit(3, active=False)]) == []


def test_month_bounds_cover_leap_february_and_december():
    assert rules.month_bounds(month=date(2028, 2, 10)) == (date(2028, 2, 1), date(2028, 2, 29))
    assert rules.month_bounds(month=date(2026, 12, 31)) == (date(2026, 12, 1), date(2026, 12, 31))


# --- what a source credits ------------------------------------------------------------------


@pytest.mark.parametrize(("attendance", "credit"), [("present", D(3)), ("excused", D(0)), ("absent", D(0))])
def test_only_those_present_are_credited(attendance, credit):
    assert rules.session_credit(attendance=attendance, hours=D(3)) == credit


@pytest.mark.parametrize(
    ("completed", "absent", "credit"),
    [(True, D(0), D(70)), (True, D(10), D(70)), (True, D("10.1"), D(0)), (False, D(0), D(0))],
)
def test_absence_over_one_seventh_or_no_completion_credits_nothing(completed, absent, credit):
    # 70 hours: 10 hours of leave is exactly 1/7 and still completes; 10.1 is 退学.
    assert (
        rules.programme_credit(completed=completed, hours=D(70), absent_hours=absent, credited=None) == credit
    )


def test_a_participant_may_be_credited_fewer_hours_than_the_programme():
    assert rules.programme_credit(completed=True, hours=D(70), absent_hours=D(0), credited=D(60)) == D(60)


# --- the hours ledger -----------------------------------------------------------------------


def entry(on, hours, source="capability", year=True, five=True, **kwargs):
    return rules.HoursEntry(
        source, on, D(hours), counts_toward_year=year, counts_toward_five_year=five, **kwargs
    )


@pytest.mark.parametrize(("hours", "ok"), [("90", True), ("89.5", False)])
def test_a_section_level_cadre_at_exactly_90_and_at_89_5_hours(hours, ok):
    summary = rules.hours_summary(
        entries=[entry(date(2026, 5, 1), hours)], on=date(2026, 12, 31), tier="section", figures=FIGURES
    )
    assert (summary.year_hours, summary.year_required, summary.year_compliant) == (D(hours), D(90), ok)
    assert (summary.five_year_hours, summary.five_year_required, summary.five_year_compliant) == (
        None,
        None,
        None,
    )


def test_the_yearly_figure_counts_this_year_only_and_nothing_after_on():
    entries = [entry(date(2025, 12, 31), 50), entry(date(2026, 1, 1), 40), entry(date(2026, 6, 2), 50)]
    summary = rules.hours_summary(entries=entries, on=date(2026, 6, 1), tier="section", figures=FIGURES)
    assert summary.year_hours == D(40)


def test_twelve_days_meet_the_yearly_rule_too():
    entries = [entry(date(2026, 3, 12), 40, days=12)]
    assert rules.hours_summary(
        entries=entries, on=date(2026, 4, 1), tier=None, figures=FIGURES
    ).year_compliant


ON = date(2026, 3, 10)


@pytest.mark.parametrize(
    ("day", "counted"),
    [
        (date(2021, 3, 10), False),
        (date(2021, 3, 11), True),
        (date(2026, 3, 10), True),
        (date(2026, 3, 11), False),
    ],
)
def test_the_rolling_five_year_window_first_and_last_day(day, counted):
    summary = rules.hours_summary(entries=[entry(day, 550)], on=ON, tier="middle", figures=FIGURES)
    assert summary.five_year_start == date(2021, 3, 11)
    assert summary.five_year_hours == (D(550) if counted else D(0))
    assert summary.five_year_compliant is counted
    assert (summary.year_hours, summary.year_required, summary.year_compliant) == (None, None, None)


def test_the_planning_window_starts_on_the_periods_first_january():
    figures = rules.TrainingFigures(window_mode=WindowMode.PLANNING, planning_start_year=2023)
    assert rules.five_year_window(on=ON, mode=figures.window_mode, planning_start_year=2023) == (
        date(2023, 1, 1),
        ON,
    )
    assert rules.five_year_window(on=date(2028, 1, 1), mode="planning", planning_start_year=2023)[0] == date(
        2028, 1, 1
    )
    entries = [entry(date(2022, 12, 31), 300), entry(date(2023, 1, 1), 300)]
    assert rules.hours_summary(entries=entries, on=ON, tier="middle", figures=figures).five_year_hours == D(
        300
    )


def test_hours_that_do_not_count_toward_five_years_are_left_out():
    # a non-recognised institution's programme reaches the ledger with counts_toward_five_year False
    entries = [entry(date(2025, 1, 1), 400), entry(date(2025, 6, 1), 200, five=False)]
    summary = rules.hours_summary(entries=entries, on=ON, tier="middle", figures=FIGURES)
    assert (summary.five_year_hours, summary.five_year_compliant) == (D(400), False)


def test_monthly_study_credits_neither_figure_by_default():
    from training.choices import DEFAULT_CREDITS

    assert DEFAULT_CREDITS[SessionKind.UNIT_MONTHLY] == (False, False)
    assert DEFAULT_CREDITS[SessionKind.COMMITTEE_FIRST_ITEM] == (False, False)


def test_a_recent_promotion_has_a_grace_year():
    summary = rules.hours_summary(
        entries=[], on=ON, tier="middle", figures=FIGURES, promoted_on=date(2025, 3, 11)
    )
    assert summary.grace_until == date(2026, 3, 11)
    assert not rules.behind_pace(summary=summary, on=ON)
    later = rules.hours_summary(
        entries=[], on=date(2026, 3, 11), tier="middle", figures=FIGURES, promoted_on=date(2025, 3, 11)
    )
    assert later.grace_until is None and rules.behind_pace(summary=later, on=date(2026, 3, 11))


def test_behind_the_yearly_pace():
    on = date(2026, 7, 2)  # day 183 of 365: pace 45.1
    assert rules.year_pace(required=D(90), on=on) == D("45.1")
    ahead = rules.hours_summary(
        entries=[entry(date(2026, 1, 5), "45.1")], on=on, tier="section", figures=FIGURES
    )
    behind = rules.hours_summary(
        entries=[entry(date(2026, 1, 5), 45)], on=on, tier="section", figures=FIGURES
    )
    assert not rules.behind_pace(summary=ahead, on=on) and rules.behind_pace(summary=behind, on=on)


def test_online_hours_have_their_own_figure():
    entries = [entry(date(2026, 2, 1), 30, source="online", year=False, five=False, online=True)]
    summary = rules.hours_summary(entries=entries, on=ON, tier="section", figures=FIGURES)
    assert (summary.online_hours, summary.online_required, summary.year_hours) == (D(30), D(50), D(0))


# --- the eligibility warning ----------------------------------------------------------------


def facts_with(*entries):
    fact = rules.TrainingHoursFact(entries=tuple(entries), figures=FIGURES)
    return cadre(extra={rules.TRAINING_HOURS_FACT: (fact,)})


def test_the_five_year_warning_gives_the_figures_applied():
    result = evaluate(facts=facts_with(entry(date(2024, 1, 1), 412)), target=post(MIDDLE_PRINCIPAL), on=ON)
    [reason] = result.warnings
    assert result.eligible and reason.code == "training_hours_short"
    assert reason.params == {"hours": D(412), "required_hours": D(550)}
    assert "412" in str(reason.message) and "550" in str(reason.message)


def test_the_yearly_warning_looks_at_last_year():
    ok = facts_with(entry(date(2025, 12, 31), 90))
    short = facts_with(entry(date(2025, 12, 31), "89.5"), entry(date(2026, 1, 1), 100))
    assert evaluate(facts=ok, target=post(SECTION), on=ON).warnings == []
    [reason] = evaluate(facts=short, target=post(SECTION), on=ON).warnings
    assert reason.params == {"hours": D("89.5"), "required_hours": D(90), "year": 2025}


def test_no_ledger_no_warning():
    assert evaluate(facts=cadre(), target=post(MIDDLE_PRINCIPAL), on=ON).warnings == []


def test_search_tokens_are_words_and_cjk_bigrams():
    assert rules.search_tokens(text="干部教育 2023年 条例") == ["2023", "干部", "部教", "教育", "年", "条例"]


def test_hours_buckets_put_the_line_in_the_top_band():
    values = [D(0), D("29.9"), D(30), D("89.5"), D(90), D(200)]
    assert rules.hours_buckets(values=values, line=D(90)) == [
        ("0–30", 2),
        ("30–60", 1),
        ("60–90", 1),
        ("≥ 90", 2),
    ]
    assert rules.hours_buckets(values=[D(0)], line=D(0))[-1] == ("≥ 0", 1)
