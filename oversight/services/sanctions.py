"""Writes of oversight records."""

from django.db import transaction

from core.models import User
from core.services import record_save
from oversight.models import EffectPeriod, Sanction
from oversight.rules import effect_period_end, no_higher_post_end


def effect_period_months() -> tuple[dict[str, int], dict[str, int]]:
    """The administrator's figures: months without promotion, and without a higher post."""
    rows = EffectPeriod.objects.values_list("kind", "months", "no_higher_post_months")
    return {k: m for k, m, _h in rows}, {k: h for k, _m, h in rows if h is not None}


@transaction.atomic
def sanction_save(*, sanction: Sanction, acting_user: User) -> Sanction:
    """Record a sanction; its effect period end follows the effect-period table in force."""
    months, higher = effect_period_months()
    sanction.effect_end = effect_period_end(
        kind=sanction.kind, decision_date=sanction.decision_date, months=months
    )
    sanction.no_higher_post_end = no_higher_post_end(
        kind=sanction.kind, decision_date=sanction.decision_date, months=higher or None
    )
    return record_save(sanction, acting_user=acting_user, unit=sanction.cadre.unit, scope_field="cadre")
