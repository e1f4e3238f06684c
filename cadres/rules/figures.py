"""Default figures of the selection regulations (党政领导干部选拔任用工作条例, 2019, and related rules).

Every figure is a default: an administrator may change each one, and the caller loads the
current values (from the database) into a `SelectionFigures` before applying a rule.
"""

from dataclasses import dataclass

from cadres.choices import Education


@dataclass(frozen=True)
class SelectionFigures:
    principal_from_deputy_years: int = 2  # 正职 from ≥ 2 years as deputy
    deputy_from_lower_principal_years: int = 3  # 副职 from ≥ 3 years as the lower tier's principal
    min_work_years: int = 5
    min_education: str = "junior_college"  # 大学专科
    appraisal_lookback_years: int = 3
    notice_working_days: int = 5  # 任前公示
    probation_months: int = 12  # 试用期
    term_years: int = 4  # 任期
    rotation_years: int = 10  # 轮岗交流 after 10 consecutive years in one post
    key_post_rotation_years: int = 5  # 人事, 财务, 基建, 招生, 采购, 审计
    quorum_numerator: int = 2  # 讨论决定: ≥ 2/3 of members present
    quorum_denominator: int = 3


# The education ladder, lowest first (the order of the Education choices); the codes are
# stable, the labels are translated.
EDUCATION_LEVELS: dict[str, str] = dict(Education.choices)
_EDUCATION_RANKS = {code: rank for rank, code in enumerate(EDUCATION_LEVELS)}


def education_rank(code: str) -> int:
    """The position of an education code on the ladder (0 = lowest); ValueError for an unknown code."""
    try:
        return _EDUCATION_RANKS[code]
    except KeyError:
        raise ValueError(f"unknown education code {code!r}") from None
