"""Effect periods of sanctions and organisational measures (处分 / 组织处理的影响期), and the
eligibility rule they feed.

Convention: an effect period runs from the decision date up to, but not including, its end
date. A 12-month period decided on 2025-03-15 ends on 2026-03-15: the cadre is still blocked on
2026-03-14 and clear on 2026-03-15. Months are calendar months clamped to the month's end
(6 months after 2024-08-31 is 2025-02-28).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from cadres.rules.eligibility import CadreFacts, Reason, TargetPost, eligibility_rule, make_reason
from cadres.rules.figures import SelectionFigures
from cadres.rules.tenure import add_months
from core.visibility import SANCTIONS
from oversight.choices import DEFAULT_EFFECT_MONTHS, SanctionKind

SANCTIONS_FACT = "sanctions"  # the key of CadreFacts.extra this system fills


@dataclass(frozen=True)
class SanctionFact:
    kind: str
    decision_date: date
    effect_end: date  # from effect_period_end
    no_higher_post_end: date | None = None  # 责令辞职/免职 only


def _default_months(kind: str) -> tuple[int, int | None]:
    try:
        return DEFAULT_EFFECT_MONTHS[kind]
    except KeyError:
        raise ValueError(f"unknown sanction kind {kind!r}") from None


def effect_period_end(*, kind: str, decision_date: date, months: Mapping[str, int] | None = None) -> date:
    """The first day the effect period no longer applies; `months` overrides the defaults by code."""
    period = (months or {}).get(kind, _default_months(kind)[0])
    return add_months(start=decision_date, months=period)


def no_higher_post_end(
    *, kind: str, decision_date: date, months: Mapping[str, int] | None = None
) -> date | None:
    """For 责令辞职/免职, the first day a post higher than the former one is allowed again; else None."""
    period = (months or {}).get(kind, _default_months(kind)[1])
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


def _is_higher_post(*, facts: CadreFacts, target: TargetPost, on: date) -> bool:
    """Whether the target is above every level held on `on` (the day of the decision; its last day counts)."""
    ranks = [a.level_rank for a in facts.appointments if a.start <= on and (a.end is None or on <= a.end)]
    return not ranks or target.level_rank < min(ranks)


@eligibility_rule("sanction_effect_period", reveals=SANCTIONS)
def sanction_effect_period(
    *, facts: CadreFacts, target: TargetPost, on: date, figures: SelectionFigures
) -> list[Reason]:
    reasons = []
    rule = _("Effect period of a sanction")
    for s in facts.extra.get(SANCTIONS_FACT, ()):
        label = SanctionKind(s.kind).label if s.kind in SanctionKind.values else s.kind
        params = {"kind": s.kind, "kind_label": label, "decision_date": s.decision_date}
        if in_effect(decision_date=s.decision_date, end=s.effect_end, on=on):
            message = _("A %(kind_label)s decided on %(decision_date)s is in effect until %(effect_end)s.")
            reasons.append(
                make_reason("sanction_effect_period", rule, message, params | {"effect_end": s.effect_end})
            )
        elif in_effect(decision_date=s.decision_date, end=s.no_higher_post_end, on=on) and _is_higher_post(
            facts=facts, target=target, on=s.decision_date
        ):
            message = _(
                "After a %(kind_label)s decided on %(decision_date)s, no higher post until %(effect_end)s."
            )
            params |= {"effect_end": s.no_higher_post_end}
            reasons.append(make_reason("sanction_effect_period", rule, message, params))
    return reasons
