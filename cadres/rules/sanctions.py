"""Effect periods of sanctions and organisational measures (处分 / 组织处理的影响期).

Convention: an effect period runs from the decision date up to, but not including, its end
date. A 12-month period decided on 2025-03-15 ends on 2026-03-15: the cadre is still blocked on
2026-03-14 and clear on 2026-03-15. Months are calendar months clamped to the month's end
(6 months after 2024-08-31 is 2025-02-28).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from cadres.rules.tenure import add_months


@dataclass(frozen=True)
class SanctionKind:
    code: str
    label: str
    months: int  # the effect period: no promotion (or, for 责令辞职/免职, no post at all)
    no_higher_post_months: int | None = None  # 责令辞职/免职: no post higher than the former one


SANCTION_KINDS: dict[str, SanctionKind] = {
    kind.code: kind
    for kind in (
        SanctionKind("admonishment", _("Admonishment"), 6),  # 诫勉
        SanctionKind("party_warning", _("Party warning"), 12),  # 党内警告
        SanctionKind("party_serious_warning", _("Serious party warning"), 18),  # 党内严重警告
        SanctionKind("party_post_removal", _("Removal from party posts"), 24),  # 撤销党内职务
        SanctionKind("gov_warning", _("Administrative warning"), 6),  # 政务警告
        SanctionKind("gov_demerit", _("Demerit"), 12),  # 记过
        SanctionKind("gov_major_demerit", _("Major demerit"), 18),  # 记大过
        SanctionKind("gov_demotion", _("Demotion in grade"), 24),  # 降级
        SanctionKind("gov_dismissal", _("Dismissal from post"), 24),  # 撤职
        SanctionKind("post_grade_lowering", _("Lowering of post grade"), 24),  # 降低岗位等级
        SanctionKind("transfer", _("Transfer from post"), 12),  # 调离岗位
        SanctionKind("ordered_resignation", _("Ordered resignation"), 12, 24),  # 责令辞职
        SanctionKind("removal", _("Removal from post"), 12, 24),  # 免职
        SanctionKind("demotion", _("Demotion"), 24),  # 降职
    )
}


def sanction_kind(code: str) -> SanctionKind:
    try:
        return SANCTION_KINDS[code]
    except KeyError:
        raise ValueError(f"unknown sanction kind {code!r}") from None


def effect_period_end(*, kind: str, decision_date: date, months: Mapping[str, int] | None = None) -> date:
    """The first day the effect period no longer applies; `months` overrides the defaults by code."""
    period = (months or {}).get(kind, sanction_kind(kind).months)
    return add_months(start=decision_date, months=period)


def no_higher_post_end(
    *, kind: str, decision_date: date, months: Mapping[str, int] | None = None
) -> date | None:
    """For 责令辞职/免职, the first day a post higher than the former one is allowed again; else None."""
    period = (months or {}).get(kind, sanction_kind(kind).no_higher_post_months)
    return None if period is None else add_months(start=decision_date, months=period)


def promotion_block_end(
    *,
    kind: str,
    decision_date: date,
    months: Mapping[str, int] | None = None,
    no_higher_post_months: Mapping[str, int] | None = None,
) -> date:
    """The first day a promotion is possible again: the later of the two periods."""
    end = effect_period_end(kind=kind, decision_date=decision_date, months=months)
    higher = no_higher_post_end(kind=kind, decision_date=decision_date, months=no_higher_post_months)
    return max(end, higher) if higher else end


def in_effect(*, decision_date: date, end: date | None, on: date) -> bool:
    """Whether a period [decision_date, end) is running on `on`."""
    return end is not None and decision_date <= on < end
