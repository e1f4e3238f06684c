"""The grade of a leadership team (领导班子) from its composite: the cycle's thresholds, read as
好 / 较好 / 一般 / 差. A team is not counted in the 优秀 quota of the cadres."""

from decimal import Decimal

from appraisal.choices import TeamGrade
from appraisal.rules.scoring import Thresholds


def team_grade(*, composite: Decimal | None, thresholds: Thresholds) -> str:
    """ "" when no ballot scored the team."""
    if composite is None:
        return ""
    if composite >= thresholds.excellent:
        return TeamGrade.GOOD
    if composite >= thresholds.competent:
        return TeamGrade.FAIRLY_GOOD
    if composite >= thresholds.basically_competent:
        return TeamGrade.AVERAGE
    return TeamGrade.POOR
