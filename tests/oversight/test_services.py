"""Oversight writes: the effect period follows the table in force, the history names who wrote."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from oversight.models import EffectPeriod, Sanction
from oversight.rules import effect_period_end
from oversight.services import sanction_save
from tests.factories import CadreFactory
from tests.oversight.factories import SanctionFactory

D = datetime.date


def test_the_history_names_the_actor(users, tree):
    sanction = SanctionFactory(cadre=CadreFactory(unit=tree.a), acting_user=users.discipline)
    assert sanction.history.get().history_user == users.discipline


def test_the_effect_period_comes_from_the_edited_table(users, tree):
    EffectPeriod.objects.filter(kind="admonishment").update(months=9)
    sanction = SanctionFactory(cadre=CadreFactory(unit=tree.a), decision_date=D(2026, 1, 31))
    assert sanction.effect_end == D(2026, 10, 31)
    assert effect_period_end(kind="admonishment", decision_date=D(2026, 1, 31)) == D(2026, 7, 31)


def test_a_clerk_cannot_sanction_a_cadre_of_another_unit(users, tree):
    other = CadreFactory(unit=tree.b)
    with pytest.raises(ValidationError) as caught:
        sanction_save(
            sanction=Sanction(cadre=other, kind="admonishment", decision_date=D(2026, 1, 1)),
            acting_user=users.clerk,
        )
    assert caught.value.error_dict["cadre"][0].code == "out_of_scope"
    assert not Sanction.objects.exists()


def test_the_seeded_effect_periods_are_the_default_table(db):
    from oversight.choices import DEFAULT_EFFECT_MONTHS

    seeded = {
        k: (m, h) for k, m, h in EffectPeriod.objects.values_list("kind", "months", "no_higher_post_months")
    }
    assert seeded == dict(DEFAULT_EFFECT_MONTHS)
