"""Writes of the oversight system, by topic (oversight.services.complaints, ...); the sanction
services stay importable from here."""

from oversight.services.sanctions import effect_period_months, sanction_save

__all__ = ["effect_period_months", "sanction_save"]
