"""Appraisal rules: which years take a grade, and the eligibility rule that yearly grades feed."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from appraisal.choices import BAD_GRADES, Grade
from cadres.rules.eligibility import CadreFacts, Reason, TargetPost, eligibility_rule, make_reason
from cadres.rules.figures import SelectionFigures
from core.visibility import APPRAISAL_GRADES

APPRAISALS_FACT = "appraisals"  # the key of CadreFacts.extra this system fills: ((year, grade), ...)
YEAR_AHEAD = "year_ahead"


def appraisal_year_ahead(*, year: int, on: date) -> bool:
    """A year after `on`'s has not been appraised: the yearly appraisal closes the year it grades,
    so the current year may already be recorded (in December) but never a later one."""
    return year > on.year


@eligibility_rule("appraisal_below_competent", reveals=APPRAISAL_GRADES)
def appraisal_below_competent(
    *, facts: CadreFacts, target: TargetPost, on: date, figures: SelectionFigures
) -> list[Reason]:
    """基本称职 or 不称职 in the last N years (on.year - N .. on.year - 1), or already in on.year."""
    first = on.year - figures.appraisal_lookback_years
    return [
        make_reason(
            "appraisal_below_competent",
            _("Recent appraisal grades"),
            _("Appraised as %(grade_label)s in %(year)s, within the last %(lookback_years)s years."),
            {
                "year": year,
                "grade": grade,
                "grade_label": Grade(grade).label,
                "lookback_years": figures.appraisal_lookback_years,
            },
        )
        for year, grade in sorted(facts.extra.get(APPRAISALS_FACT, ()))
        if first <= year <= on.year and grade in BAD_GRADES
    ]
