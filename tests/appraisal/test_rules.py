"""The appraisal rule of the eligibility engine: grades below competent in the look-back years."""

from datetime import date

import pytest

from cadres.rules.figures import SelectionFigures
from tests.eligibility import cadre, codes, reasons


def graded(*grades):
    return cadre(extra={"appraisals": grades})


# --- appraisal_below_competent ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "grade", "blocked"),
    [
        (2022, "incompetent", False),  # outside the window 2023..2026
        (2023, "basically_competent", True),
        (2023, "incompetent", True),
        (2025, "basically_competent", True),
        (2026, "incompetent", True),  # this year's grade, if already given
        (2027, "incompetent", False),
        (2025, "competent", False),
        (2025, "excellent", False),
    ],
)
def test_appraisal_window(year, grade, blocked):
    facts = graded((year, grade))
    found = reasons("appraisal_below_competent", facts, on=date(2026, 5, 1))
    assert bool(found) is blocked
    if blocked:
        assert found[0].params == {
            "year": year,
            "grade": grade,
            "grade_label": found[0].params["grade_label"],
            "lookback_years": 3,
        }


def test_appraisal_window_edges_move_with_the_year_not_the_day():
    facts = graded((2023, "basically_competent"))
    assert codes(facts, on=date(2026, 12, 31)) == ["appraisal_below_competent"]
    assert codes(facts, on=date(2027, 1, 1)) == []


def test_appraisal_lookback_is_a_parameter_and_each_bad_year_is_a_reason():
    facts = graded((2023, "basically_competent"), (2024, "incompetent"))
    assert codes(facts) == ["appraisal_below_competent", "appraisal_below_competent"]
    assert codes(facts, figures=SelectionFigures(appraisal_lookback_years=2)) == ["appraisal_below_competent"]
