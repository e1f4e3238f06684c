"""Writes of oversight records."""

from django.db import transaction

from cadres.rules.sanctions import effect_period_end, no_higher_post_end
from core.scope import ensure_unit_in_scope
from oversight.models import EffectPeriod, Sanction


def effect_period_months() -> tuple[dict[str, int], dict[str, int]]:
    """The administrator's figures: months without promotion, and without a higher post."""
    rows = EffectPeriod.objects.values_list("kind", "months", "no_higher_post_months")
    return {k: m for k, m, _h in rows}, {k: h for k, _m, h in rows if h is not None}


@transaction.atomic
def sanction_save(*, sanction: Sanction, acting_user=None) -> Sanction:
    """Record a sanction; its effect period end follows the effect-period table in force."""
    ensure_unit_in_scope(acting_user, sanction.cadre.unit, field="cadre")
    months, higher = effect_period_months()
    sanction.effect_end = effect_period_end(
        kind=sanction.kind, decision_date=sanction.decision_date, months=months
    )
    sanction.no_higher_post_end = no_higher_post_end(
        kind=sanction.kind, decision_date=sanction.decision_date, months=higher or None
    )
    sanction.full_clean()
    sanction._history_user = acting_user
    sanction.save()
    return sanction
