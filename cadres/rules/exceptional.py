"""Exceptional promotion (破格提拔, 2019 regulations): which blocks may be relaxed, and the limits
the regulations set on relaxing them.

Only qualifications may be relaxed — years of work, tenure at the lower level, education,
training. Legal requirements, the party standing of a party post, effect periods, the age
limit, appraisal below competent and recusal never. Which codes are relaxable is an
admin-edited table seeded from `RELAXABLE_DEFAULTS`; the codes in `NEVER_RELAXABLE` can never
be made relaxable there. The limits on 破格 itself (`break_rule_*`) are checked only when an
override is requested: not on probation or within a year of a promotion, not on tenure twice
in a row, never skipping two levels.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from cadres.rules.eligibility import Reason, make_reason
from cadres.rules.tenure import add_years

TENURE_CODES = frozenset({"deputy_tenure_short", "lower_principal_tenure_short"})

# Qualifications the regulations let the higher organisation department relax.
RELAXABLE_DEFAULTS: dict[str, str] = {
    "work_years_short": _("Years of work"),
    "deputy_tenure_short": _("Tenure as deputy before a principal post"),
    "lower_principal_tenure_short": _("Tenure as principal of the lower level before a deputy post"),
    "education_below": _("Education"),
    "training_hours_short": _("Training hours"),
}
# Never relaxable, whatever the table says: legal requirements, party standing, effect periods,
# age, appraisal, recusal, and rules that are no qualification at all.
NEVER_RELAXABLE: dict[str, str] = {
    "sanction_effect_period": _("Effect period of a sanction"),
    "age_limit": _("Age limit of the post"),
    "appraisal_below_competent": _("Appraisal below competent"),
    "recusal": _("Recusal"),
    "party_membership_required": _("Party membership for a party post"),
    "family_abroad": _("Spouse and children settled abroad"),
    "holds_this_post": _("Already holds this post"),
    "below_current_level": _("Below the current level"),
}


def code_label(code: str) -> str:
    """The rule's name for a reason code (the code itself when it is unknown)."""
    return str(RELAXABLE_DEFAULTS.get(code) or NEVER_RELAXABLE.get(code) or code)


def relaxable_refusal(*, code: str, relaxable: bool) -> str | None:
    """Why a row of the relaxable table may not say `relaxable`, or None when it may."""
    if relaxable and code in NEVER_RELAXABLE:
        return str(_("The regulations forbid relaxing %(rule)s in an exceptional promotion.")) % {
            "rule": code_label(code)
        }
    return None


def not_relaxable(*, blocks: Iterable[str], relaxable: Iterable[str]) -> list[str]:
    """The block codes an override cannot relax, in order, once each."""
    allowed = set(relaxable) - set(NEVER_RELAXABLE)
    return list(dict.fromkeys(code for code in blocks if code not in allowed))


@dataclass(frozen=True)
class PromotionFact:
    """A promotion: an appointment to a level more senior than any held before."""

    start: date
    level_rank: int
    relaxed_codes: frozenset[str] = frozenset()  # what its 破格, if any, relaxed


@dataclass(frozen=True)
class ExceptionalFacts:
    current_rank: int | None  # the most senior level held; None for a cadre with no post yet
    probation_end: date | None = None  # end of a probation not reversed
    last_promotion: PromotionFact | None = None
    level_ranks: tuple[int, ...] = ()  # every active PostLevel rank


def on_probation_or_recent(*, facts: ExceptionalFacts, on: date) -> list[Reason]:
    """任职试用期未满或者提拔任职不满一年的，不得破格提拔: a full year on the anniversary."""
    rule = _("Exceptional promotion: probation and recent promotion")
    if facts.probation_end is not None and on < facts.probation_end:
        message = _("On probation until %(probation_end)s: no exceptional promotion.")
        return [make_reason("break_rule_probation", rule, message, {"probation_end": facts.probation_end})]
    last = facts.last_promotion
    if last is not None and on < add_years(start=last.start, years=1):
        message = _("Promoted on %(promoted)s, less than a year ago: no exceptional promotion.")
        return [make_reason("break_rule_probation", rule, message, {"promoted": last.start})]
    return []


def tenure_twice(*, facts: ExceptionalFacts, relaxing: Iterable[str]) -> list[Reason]:
    """不得在任职年限上连续破格: this override and the previous promotion both relax tenure."""
    last = facts.last_promotion
    if last is None or not (TENURE_CODES & set(relaxing)) or not (TENURE_CODES & last.relaxed_codes):
        return []
    message = _(
        "The promotion on %(promoted)s already relaxed the tenure: no second exceptional "
        "promotion on tenure in a row."
    )
    rule = _("Exceptional promotion: tenure twice in a row")
    return [make_reason("break_rule_twice", rule, message, {"promoted": last.start})]


def skipped_levels(*, current_rank: int | None, target_rank: int, level_ranks: Iterable[int]) -> int:
    """Levels strictly between the current one and the target (all below the target without a post)."""
    return sum(
        1 for rank in set(level_ranks) if target_rank < rank and (current_rank is None or rank < current_rank)
    )


def two_levels(*, facts: ExceptionalFacts, target_rank: int) -> list[Reason]:
    """不得越两级提拔: skipping one level is the most 破格 allows."""
    skipped = skipped_levels(
        current_rank=facts.current_rank, target_rank=target_rank, level_ranks=facts.level_ranks
    )
    if skipped < 2:
        return []
    message = _("The target skips %(skipped)s levels above the current one: at most one may be skipped.")
    rule = _("Exceptional promotion: skipping two levels")
    return [make_reason("break_rule_two_levels", rule, message, {"skipped": skipped})]


def break_rule_reasons(
    *, facts: ExceptionalFacts, target_rank: int, relaxing: Iterable[str], on: date
) -> list[Reason]:
    """Every limit of the regulations an override for `relaxing` on `on` would break."""
    relaxing = frozenset(relaxing)
    return [
        *on_probation_or_recent(facts=facts, on=on),
        *tenure_twice(facts=facts, relaxing=relaxing),
        *two_levels(facts=facts, target_rank=target_rank),
    ]
