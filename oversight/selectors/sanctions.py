"""Reads of oversight records: the facts and due items the cadres system asks for."""

import datetime

from cadres.models import Cadre
from cadres.selectors.due import DueItem
from core.scope import scoped
from oversight.models import Sanction
from oversight.rules import SanctionFact


def sanction_facts(*, cadre: Cadre, on: datetime.date) -> tuple[SanctionFact, ...]:
    """Every sanction of the cadre, for the effect-period eligibility rule."""
    rows = Sanction.objects.filter(cadre=cadre).values_list(
        "kind", "decision_date", "effect_end", "no_higher_post_end"
    )
    return tuple(SanctionFact(*row) for row in rows)


def sanction_facts_many(*, cadres: list[int], on: datetime.date) -> dict[int, tuple[SanctionFact, ...]]:
    """cadre id -> every sanction of the cadre, for many cadres in one query."""
    rows = Sanction.objects.filter(cadre_id__in=cadres).values_list(
        "cadre_id", "kind", "decision_date", "effect_end", "no_higher_post_end"
    )
    facts: dict[int, list[SanctionFact]] = {}
    for cadre_id, *row in rows.order_by("cadre_id", "decision_date", "pk"):
        facts.setdefault(cadre_id, []).append(SanctionFact(*row))
    return {cadre_id: tuple(found) for cadre_id, found in facts.items()}


def effect_periods_ending(*, user, on: datetime.date, days: int) -> list[DueItem]:
    rows = scoped(user, Sanction.objects.select_related("cadre__unit"))
    rows = rows.filter(effect_end__gt=on, effect_end__lte=on + datetime.timedelta(days=days))
    return [
        DueItem(
            "effect_period_ending",
            s.effect_end,
            s.cadre,
            s.cadre.unit_id,
            s.cadre.unit.name,
            s.get_kind_display(),
            s.pk,
        )
        for s in rows
    ]


def sanction_list(*, user, cadre: Cadre):
    return scoped(user, Sanction.objects.filter(cadre=cadre))
