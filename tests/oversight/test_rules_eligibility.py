"""The oversight rule of the eligibility engine: a sanction's effect period blocks promotion."""

from datetime import date

from oversight.rules import SanctionFact, effect_period_end, no_higher_post_end
from tests.eligibility import COLLEGE_DEPUTY, MIDDLE_PRINCIPAL, SECTION, cadre, codes, held, post, reasons


def sanctioned(*, sanctions, **kwargs):
    return cadre(extra={"sanctions": sanctions}, **kwargs)


# --- sanction_effect_period -----------------------------------------------------------------


def sanction(kind, decided):
    return SanctionFact(
        kind=kind,
        decision_date=decided,
        effect_end=effect_period_end(kind=kind, decision_date=decided),
        no_higher_post_end=no_higher_post_end(kind=kind, decision_date=decided),
    )


def test_sanction_blocks_until_the_day_before_its_end():
    facts = sanctioned(sanctions=(sanction("party_warning", date(2025, 3, 15)),))
    [reason] = reasons("sanction_effect_period", facts, on=date(2026, 3, 14))
    assert reason.severity == "block"
    assert reason.params["kind"] == "party_warning"
    assert reason.params["effect_end"] == date(2026, 3, 15)
    assert codes(facts, on=date(2026, 3, 15)) == []
    assert "sanction_effect_period" in codes(facts, on=date(2025, 3, 15))
    assert "sanction_effect_period" not in codes(facts, on=date(2025, 3, 14))


def test_removal_blocks_any_post_then_only_a_higher_post():
    facts = sanctioned(
        appointments=(held(MIDDLE_PRINCIPAL, date(2020, 1, 1), date(2025, 3, 15)),),
        sanctions=(sanction("removal", date(2025, 3, 15)),),
    )
    same, higher = post(MIDDLE_PRINCIPAL), post(COLLEGE_DEPUTY)
    [reason] = reasons("sanction_effect_period", facts, target=same, on=date(2026, 3, 14))
    assert reason.params["effect_end"] == date(2026, 3, 15)
    assert reasons("sanction_effect_period", facts, target=same, on=date(2026, 3, 15)) == []
    [reason] = reasons("sanction_effect_period", facts, target=higher, on=date(2026, 3, 15))
    assert reason.params["effect_end"] == date(2027, 3, 15)
    assert reasons("sanction_effect_period", facts, target=higher, on=date(2027, 3, 14))
    assert reasons("sanction_effect_period", facts, target=higher, on=date(2027, 3, 15)) == []


def test_ordered_resignation_without_a_recorded_post_treats_any_post_as_higher():
    facts = sanctioned(appointments=(), sanctions=(sanction("ordered_resignation", date(2025, 3, 15)),))
    assert reasons("sanction_effect_period", facts, target=post(SECTION), on=date(2026, 6, 1))


def test_every_running_sanction_is_a_reason():
    facts = sanctioned(
        sanctions=(sanction("admonishment", date(2025, 12, 1)), sanction("gov_demerit", date(2025, 6, 1)))
    )
    assert codes(facts) == ["sanction_effect_period", "sanction_effect_period"]
    assert codes(facts, on=date(2026, 6, 1)) == []
