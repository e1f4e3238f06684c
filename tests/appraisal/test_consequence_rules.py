"""能上能下 on its boundary sequences: the pure rule (appraisal.rules.consequences)."""

import pytest

from appraisal.choices import ConsequenceKind, ConsequenceOutcome
from appraisal.rules.consequences import consequences_called, outcome_allowed

E, C, B, INC, N = "excellent", "competent", "basically_competent", "incompetent", "not_graded"


def called(grades: dict[int, str]):
    return [(c.kind, c.year, c.grades) for c in consequences_called(grades=list(grades.items()))]


def test_incompetent_once_calls_for_an_adjustment_in_that_year():
    assert called({2024: C, 2025: INC}) == [(ConsequenceKind.INCOMPETENT, 2025, ((2025, INC),))]


def test_competent_years_call_for_nothing():
    assert called({2023: C, 2024: C, 2025: C}) == []


def test_basically_competent_once_calls_for_nothing():
    assert called({2024: C, 2025: B}) == []


def test_basically_competent_two_consecutive_years_calls_for_an_adjustment():
    assert called({2024: B, 2025: B}) == [(ConsequenceKind.BASIC_TWICE, 2025, ((2024, B), (2025, B)))]


def test_basically_competent_in_two_years_with_a_gap_calls_for_nothing():
    assert called({2023: B, 2024: C, 2025: B}) == []
    assert called({2023: B, 2025: B}) == []  # no grade in 2024: not consecutive
    assert called({2023: B, 2024: N, 2025: B}) == []  # 不定等次 breaks the run


def test_a_third_basically_competent_year_raises_another_adjustment():
    assert [year for _kind, year, _g in called({2023: B, 2024: B, 2025: B})] == [2024, 2025]


def test_excellent_three_years_running_is_flagged_for_commendation():
    assert called({2023: E, 2024: E, 2025: E}) == [
        (ConsequenceKind.EXCELLENT_THRICE, 2025, ((2023, E), (2024, E), (2025, E)))
    ]


def test_excellent_twice_or_with_a_gap_is_not_flagged():
    assert called({2024: E, 2025: E}) == []
    assert called({2022: E, 2023: E, 2024: C, 2025: E}) == []
    assert called({2021: E, 2022: E, 2024: E}) == []  # 2023 missing


def test_after_a_flag_the_count_of_excellent_years_starts_again():
    grades = dict.fromkeys(range(2020, 2026), E)  # six years
    assert [year for _k, year, _g in called(grades)] == [2022, 2025]
    assert called({2020: E, 2021: E, 2022: E, 2023: E}) == called({2020: E, 2021: E, 2022: E})


def test_order_of_the_input_does_not_matter():
    assert called({2025: B, 2024: B}) == called({2024: B, 2025: B})


@pytest.mark.parametrize(
    ("kind", "outcome", "allowed"),
    [
        (ConsequenceKind.INCOMPETENT, ConsequenceOutcome.ADJUSTED, True),
        (ConsequenceKind.INCOMPETENT, ConsequenceOutcome.TALKED_TO, True),
        (ConsequenceKind.INCOMPETENT, ConsequenceOutcome.COMMENDED, False),
        (ConsequenceKind.BASIC_TWICE, ConsequenceOutcome.COMMENDED, False),
        (ConsequenceKind.EXCELLENT_THRICE, ConsequenceOutcome.COMMENDED, True),
        (ConsequenceKind.EXCELLENT_THRICE, ConsequenceOutcome.ADJUSTED, False),
        (ConsequenceKind.EXCELLENT_THRICE, "nonsense", False),
    ],
)
def test_which_outcome_closes_which_kind(kind, outcome, allowed):
    assert outcome_allowed(kind=kind, outcome=outcome) is allowed
