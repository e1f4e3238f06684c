"""Reads of the oversight system, by topic; the sanction reads stay importable from here."""

from oversight.selectors.sanctions import (
    effect_periods_ending,
    sanction_facts,
    sanction_facts_many,
    sanction_list,
)

__all__ = ["effect_periods_ending", "sanction_facts", "sanction_facts_many", "sanction_list"]
