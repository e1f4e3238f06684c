"""Pure rules of the oversight system, by topic; importing the package registers the
eligibility rule of sanctions (oversight.rules.sanctions)."""

from oversight.rules.sanctions import (
    SANCTIONS_FACT,
    SanctionFact,
    effect_period_end,
    in_effect,
    no_higher_post_end,
    promotion_block_end,
    sanction_effect_period,
)

__all__ = [
    "SANCTIONS_FACT",
    "SanctionFact",
    "effect_period_end",
    "in_effect",
    "no_higher_post_end",
    "promotion_block_end",
    "sanction_effect_period",
]
