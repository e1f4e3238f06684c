"""Reads of commendations: the list, and the lines of the cadre record's 奖惩情况."""

from appraisal.choices import CommendationScope, CommendationTiming
from appraisal.models import Commendation
from cadres.models import Cadre
from core.scope import scoped


def commendation_list(*, user):
    return scoped(user, Commendation.objects.select_related("cadre", "unit"))


def commendation_line(commendation: Commendation) -> str:
    """One line of the form's 奖惩情况, the way the forms write it:
    2024.09 获示范职业技术学院“优秀教师”称号（示范院党〔2024〕12号，及时奖励）"""
    extra = [commendation.document_no] if commendation.document_no else []
    if commendation.timing == CommendationTiming.TIMELY:
        extra.append("及时奖励")
    suffix = f"（{'，'.join(extra)}）" if extra else ""
    return f"{commendation.awarded_on:%Y.%m} 获{commendation.issuing_body}“{commendation.title}”{suffix}"


def commendation_lines(*, cadre: Cadre) -> list[str]:
    """The cadre's individual commendations, oldest first (cadres.registry.RewardsSource)."""
    rows = Commendation.objects.filter(cadre=cadre, scope=CommendationScope.INDIVIDUAL).order_by(
        "awarded_on", "id"
    )
    return [commendation_line(c) for c in rows]
