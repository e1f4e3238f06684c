"""The eligibility engine: each rule at its boundaries, and the registry."""

from dataclasses import replace
from datetime import date

import pytest

from cadres.rules.eligibility import (
    RULES,
    Reason,
    RelativeFact,
    eligibility_rule,
    evaluate,
    unregister_rule,
)
from cadres.rules.figures import SelectionFigures
from tests.eligibility import (
    COLLEGE_DEPUTY,
    COLLEGE_PRINCIPAL,
    MIDDLE_DEPUTY,
    MIDDLE_PRINCIPAL,
    ON,
    SECTION,
    cadre,
    codes,
    held,
    post,
    reasons,
)
from training.rules import TRAINING_HOURS_FACT, TrainingFigures, TrainingHoursFact


def test_a_clean_cadre_is_eligible():
    result = evaluate(facts=cadre(), target=post(MIDDLE_PRINCIPAL), on=ON, figures=SelectionFigures())
    assert result.eligible
    assert result.reasons == []


def test_the_registered_codes():
    # cadres' own rules in order, then those appraisal and oversight register in ready().
    assert list(RULES)[:6] == [
        "deputy_tenure_short",
        "lower_principal_tenure_short",
        "work_years_short",
        "education_below",
        "age_limit",
        "recusal",
    ]
    assert {"training_hours_short", "appraisal_below_competent", "sanction_effect_period"} <= set(RULES)


# --- deputy_tenure_short ------------------------------------------------------------------


def test_deputy_tenure_day_before_and_on_the_second_anniversary():
    facts = cadre(appointments=(held(MIDDLE_DEPUTY, date(2024, 3, 1)),))
    [reason] = reasons("deputy_tenure_short", facts, on=date(2026, 2, 28))
    assert reason.severity == "block"
    assert reason.params["required_years"] == 2
    assert (reason.params["actual_years"], reason.params["actual_months"], reason.params["actual_days"]) == (
        1,
        11,
        27,
    )
    assert reasons("deputy_tenure_short", facts, on=date(2026, 3, 1)) == []


def test_deputy_tenure_one_year_eight_months():
    facts = cadre(appointments=(held(MIDDLE_DEPUTY, date(2024, 7, 1)),))
    [reason] = reasons("deputy_tenure_short", facts)
    assert (reason.params["actual_years"], reason.params["actual_months"], reason.params["actual_days"]) == (
        1,
        8,
        0,
    )


def test_deputy_tenure_from_a_leap_day():
    facts = cadre(appointments=(held(MIDDLE_DEPUTY, date(2024, 2, 29)),))
    assert codes(facts, on=date(2026, 2, 27)) == ["deputy_tenure_short"]
    assert codes(facts, on=date(2026, 2, 28)) == []


def test_deputy_tenure_adds_up_separate_periods():
    facts = cadre(
        appointments=(
            held(MIDDLE_DEPUTY, date(2021, 3, 1), date(2022, 3, 1)),
            held(SECTION, date(2022, 3, 1), date(2025, 3, 1)),
            held(MIDDLE_DEPUTY, date(2025, 3, 1)),
        )
    )
    assert codes(facts, on=date(2026, 2, 28)) == ["deputy_tenure_short"]
    assert codes(facts, on=date(2026, 3, 1)) == []


def test_deputy_tenure_counts_concurrent_deputy_posts_once():
    facts = cadre(
        appointments=(
            held(MIDDLE_DEPUTY, date(2025, 3, 1), post_id=2),
            held(MIDDLE_DEPUTY, date(2025, 3, 1), post_id=3),
            held(MIDDLE_DEPUTY, date(2025, 9, 1), date(2025, 10, 1), post_id=4),
        )
    )
    [reason] = reasons("deputy_tenure_short", facts)
    assert (reason.params["actual_years"], reason.params["actual_months"]) == (1, 0)


def test_deputy_tenure_ignores_other_tiers_and_future_posts():
    facts = cadre(
        appointments=(
            held((60, "section", False), date(2013, 1, 1), date(2015, 1, 1)),
            held(SECTION, date(2015, 1, 1), date(2025, 9, 1)),
            held(MIDDLE_DEPUTY, date(2025, 9, 1)),
            held(MIDDLE_DEPUTY, date(2026, 6, 1), post_id=9),
        )
    )
    [reason] = reasons("deputy_tenure_short", facts)
    assert (reason.params["actual_years"], reason.params["actual_months"]) == (0, 6)


def test_deputy_tenure_with_no_deputy_post_at_all():
    [reason] = reasons("deputy_tenure_short", cadre(appointments=()))
    assert (reason.params["actual_years"], reason.params["actual_months"], reason.params["actual_days"]) == (
        0,
        0,
        0,
    )


def test_deputy_tenure_figure_is_a_parameter():
    facts = cadre(appointments=(held(MIDDLE_DEPUTY, date(2024, 3, 1)),))
    figures = SelectionFigures(principal_from_deputy_years=3)
    [reason] = reasons("deputy_tenure_short", facts, figures=figures)
    assert reason.params["required_years"] == 3


@pytest.mark.parametrize("level", [MIDDLE_PRINCIPAL, COLLEGE_DEPUTY, COLLEGE_PRINCIPAL])
def test_tenure_rules_give_nothing_when_the_level_is_already_held(level):
    facts = cadre(appointments=(held(level, date(2026, 1, 1)),))
    tenure = {"deputy_tenure_short", "lower_principal_tenure_short"}
    # Below the level held, below_current_level blocks instead (tested with that rule).
    assert tenure.isdisjoint(codes(facts))
    assert tenure.isdisjoint(codes(facts, target=post(MIDDLE_DEPUTY)))


def test_a_former_principal_between_posts_is_not_promoted():
    facts = cadre(appointments=(held(MIDDLE_PRINCIPAL, date(2020, 1, 1), date(2025, 1, 1)),))
    assert codes(facts) == []


def test_a_level_taken_up_after_the_day_does_not_count():
    facts = cadre(appointments=(held(MIDDLE_PRINCIPAL, date(2026, 3, 2)),))
    assert codes(facts) == ["deputy_tenure_short"]


def test_college_principal_needs_college_deputy_tenure():
    facts = cadre(appointments=(held(COLLEGE_DEPUTY, date(2024, 3, 2)),))
    assert codes(facts, target=post(COLLEGE_PRINCIPAL)) == ["deputy_tenure_short"]
    facts = cadre(appointments=(held(COLLEGE_DEPUTY, date(2024, 3, 1)),))
    assert codes(facts, target=post(COLLEGE_PRINCIPAL)) == []


# --- lower_principal_tenure_short ---------------------------------------------------------


def test_lower_principal_tenure_day_before_and_on_the_third_anniversary():
    facts = cadre(appointments=(held(SECTION, date(2023, 3, 1)),))
    target = post(MIDDLE_DEPUTY)
    [reason] = reasons("lower_principal_tenure_short", facts, target=target, on=date(2026, 2, 28))
    assert reason.severity == "block"
    assert reason.params["required_years"] == 3
    assert (reason.params["actual_years"], reason.params["actual_months"]) == (2, 11)
    assert codes(facts, target=target, on=date(2026, 3, 1)) == []


def test_college_deputy_needs_middle_principal_tenure():
    facts = cadre(
        appointments=(
            held(MIDDLE_DEPUTY, date(2015, 1, 1), date(2024, 1, 1)),
            held(MIDDLE_PRINCIPAL, date(2024, 1, 1)),
        )
    )
    target = post(COLLEGE_DEPUTY)
    assert codes(facts, target=target) == ["lower_principal_tenure_short"]
    assert codes(facts, target=target, on=date(2027, 1, 1)) == []


def test_lower_principal_tenure_does_not_apply_to_principal_posts_nor_the_lowest_tier():
    facts = cadre(appointments=())
    assert "lower_principal_tenure_short" not in codes(facts)
    assert codes(facts, target=post((60, "section", False))) == []


def test_deputy_tenure_does_not_apply_to_deputy_posts():
    facts = cadre(appointments=(held(SECTION, date(2020, 1, 1)),))
    assert codes(facts, target=post(MIDDLE_DEPUTY)) == []


# --- work_years_short, education_below ------------------------------------------------------


def test_work_years_day_before_and_on_the_fifth_anniversary():
    facts = cadre(work_start_date=date(2021, 3, 1))
    [reason] = reasons("work_years_short", facts, on=date(2026, 2, 28))
    assert reason.params["required_years"] == 5
    assert (reason.params["actual_years"], reason.params["actual_months"]) == (4, 11)
    assert codes(facts, on=date(2026, 3, 1)) == []


def test_work_years_unknown_start_blocks():
    [reason] = reasons("work_years_short", cadre(work_start_date=None))
    assert reason.params["work_start_date"] is None


def test_work_start_after_the_day_reads_as_nothing_served():
    [reason] = reasons("work_years_short", cadre(work_start_date=date(2026, 9, 1)))
    assert reason.params["actual_years"] == 0


@pytest.mark.parametrize(
    ("education", "blocked"),
    [
        ("below_high_school", True),
        ("high_school", True),
        ("junior_college", False),
        ("bachelor", False),
        ("master", False),
        ("doctor", False),
        (None, True),
        ("unknown", True),
    ],
)
def test_education(education, blocked):
    found = reasons("education_below", cadre(education=education))
    assert bool(found) is blocked
    if blocked:
        assert found[0].params["required"] == "junior_college"
        assert found[0].params["actual"] == education


def test_education_minimum_is_a_parameter():
    figures = SelectionFigures(min_education="bachelor")
    assert codes(cadre(education="junior_college"), figures=figures) == ["education_below"]
    assert codes(cadre(education="bachelor"), figures=figures) == []


# --- age_limit ------------------------------------------------------------------------------


def test_age_limit_day_before_and_on_the_birthday():
    facts = cadre(birth_date=date(1971, 6, 15))
    target = post(MIDDLE_PRINCIPAL, age_limit=55)
    assert codes(facts, target=target, on=date(2026, 6, 14)) == []
    [reason] = reasons("age_limit", facts, target=target, on=date(2026, 6, 15))
    assert reason.params == {"age_limit": 55, "age": 55}


def test_age_limit_for_a_leap_day_birth():
    facts = cadre(birth_date=date(1972, 2, 29))
    target = post(MIDDLE_PRINCIPAL, age_limit=54)
    assert codes(facts, target=target, on=date(2026, 2, 27)) == []
    assert codes(facts, target=target, on=date(2026, 2, 28)) == ["age_limit"]


def test_no_age_limit_no_reason_and_unknown_birth_blocks_a_limited_post():
    assert codes(cadre(birth_date=date(1950, 1, 1))) == []
    [reason] = reasons("age_limit", cadre(birth_date=None), target=post(MIDDLE_PRINCIPAL, age_limit=55))
    assert reason.params == {"age_limit": 55}


def test_retirement_date_blocks_on_and_after_it():
    facts = cadre(retirement_date=date(2026, 3, 2))
    assert codes(facts, on=date(2026, 3, 1)) == []
    [reason] = reasons("age_limit", facts, on=date(2026, 3, 2))
    assert reason.params == {"retirement_date": date(2026, 3, 2)}


# --- recusal ----------------------------------------------------------------------------------


@pytest.mark.parametrize("relation", ["spouse", "lineal", "collateral", "in_law"])
def test_recusal_same_team_for_each_relation(relation):
    facts = cadre(relatives=(RelativeFact(relation=relation, cadre_id=7, team_ids=frozenset({100})),))
    [reason] = reasons("recusal", facts)
    assert reason.severity == "block"
    assert (reason.params["relation"], reason.params["ground"], reason.params["cadre_id"]) == (
        relation,
        "same_team",
        7,
    )


def test_recusal_ignores_other_relations():
    facts = cadre(
        relatives=(RelativeFact(relation="other", team_ids=frozenset({100}), unit_ids=frozenset({10})),)
    )
    assert codes(facts) == []


def test_recusal_other_team_is_fine():
    facts = cadre(relatives=(RelativeFact(relation="spouse", team_ids=frozenset({101})),))
    assert codes(facts) == []
    facts = cadre(relatives=(RelativeFact(relation="spouse", team_ids=frozenset({None})),))
    assert codes(facts, target=post(MIDDLE_PRINCIPAL, team_id=None)) == []


@pytest.mark.parametrize("relation", ["spouse", "lineal", "collateral", "in_law"])
def test_recusal_target_supervises_the_relatives_unit(relation):
    facts = cadre(relatives=(RelativeFact(relation=relation, unit_ids=frozenset({20})),))
    target = post(MIDDLE_PRINCIPAL, supervises_unit_ids=frozenset({20, 21}))
    [reason] = reasons("recusal", facts, target=target)
    assert reason.params["ground"] == "supervision"
    assert codes(facts, target=post(MIDDLE_PRINCIPAL, supervises_unit_ids=frozenset({21}))) == []


def test_recusal_relative_supervises_the_targets_unit():
    facts = cadre(relatives=(RelativeFact(relation="lineal", supervision_unit_ids=frozenset({10})),))
    [reason] = reasons("recusal", facts)
    assert reason.params["ground"] == "supervision"
    assert codes(facts, target=post(MIDDLE_PRINCIPAL, unit_id=11)) == []


@pytest.mark.parametrize("relation", ["spouse", "lineal", "collateral", "in_law"])
def test_recusal_sensitive_office_of_a_unit_the_relative_leads(relation):
    facts = cadre(relatives=(RelativeFact(relation=relation, unit_ids=frozenset({30})),))
    target = post(MIDDLE_DEPUTY, unit_id=31, team_id=None, sensitive_office=True, office_of_unit_id=30)
    assert codes(facts, target=target) == ["recusal"]
    [reason] = reasons("recusal", facts, target=target)
    assert reason.params["ground"] == "sensitive_office"
    plain_office = replace(target, sensitive_office=False)
    assert reasons("recusal", facts, target=plain_office) == []
    other_unit = replace(target, office_of_unit_id=32)
    assert reasons("recusal", facts, target=other_unit) == []


def test_recusal_gives_one_reason_per_relative_and_ground():
    facts = cadre(
        relatives=(
            RelativeFact(relation="spouse", team_ids=frozenset({100}), supervision_unit_ids=frozenset({10})),
            RelativeFact(relation="in_law", unit_ids=frozenset({20})),
        )
    )
    target = post(MIDDLE_PRINCIPAL, supervises_unit_ids=frozenset({20}))
    found = reasons("recusal", facts, target=target)
    assert [(r.params["relation"], r.params["ground"]) for r in found] == [
        ("spouse", "same_team"),
        ("spouse", "supervision"),
        ("in_law", "supervision"),
    ]


# training_hours_short is the training system's rule: tests/training/test_rules.py.


# --- the engine -------------------------------------------------------------------------------


def test_blocks_make_the_cadre_ineligible_and_are_all_reported():
    short = TrainingHoursFact(entries=(), figures=TrainingFigures())
    facts = cadre(
        education="high_school", work_start_date=date(2024, 1, 1), extra={TRAINING_HOURS_FACT: (short,)}
    )
    result = evaluate(facts=facts, target=post(MIDDLE_PRINCIPAL), on=ON)
    assert not result.eligible
    assert [r.code for r in result.blocks] == ["work_years_short", "education_below"]
    assert [r.code for r in result.warnings] == ["training_hours_short"]


def test_evaluate_defaults_figures_and_can_run_chosen_rules():
    facts = cadre(education="high_school", work_start_date=None)
    result = evaluate(facts=facts, target=post(MIDDLE_PRINCIPAL), on=ON, codes=["education_below"])
    assert [r.code for r in result.reasons] == ["education_below"]


def test_a_new_rule_plugs_in_and_out():
    @eligibility_rule("test_no_mondays")
    def no_mondays(*, facts, target, on, figures):
        if on.weekday() != 0:
            return []
        return [Reason(code="test_no_mondays", severity="block", rule="r", message="m", params={"on": on})]

    try:
        assert RULES["test_no_mondays"] is no_mondays
        assert codes(cadre(), on=date(2026, 3, 2)) == ["test_no_mondays"]
        assert codes(cadre(), on=date(2026, 3, 3)) == []
        with pytest.raises(ValueError):
            eligibility_rule("test_no_mondays")(no_mondays)
    finally:
        unregister_rule("test_no_mondays")
    assert "test_no_mondays" not in RULES
    assert codes(cadre(), on=date(2026, 3, 2)) == []


def test_reasons_are_lazy_and_carry_rule_and_message():
    [reason] = reasons("education_below", cadre(education="high_school"))
    assert reason.rule is not None
    assert reason.message is not None
    assert reason.params["required"] == "junior_college"


def test_the_rules_added_for_party_posts_family_and_current_post_are_registered():
    assert {"party_membership_required", "family_abroad", "holds_this_post", "below_current_level"} <= set(
        RULES
    )


# --- party_membership_required ------------------------------------------------------------


def party_post(level=MIDDLE_PRINCIPAL, years=3):
    return post(level, category="party", party_standing_years=years)


@pytest.mark.parametrize(
    "status", ["cpc_probationary", "democratic_party", "non_party", "masses", "cyl_member"]
)
def test_a_party_post_refuses_anyone_but_a_full_member(status):
    facts = cadre(political_status=status, party_join_date=None)
    [reason] = reasons("party_membership_required", facts, target=party_post())
    assert reason.severity == "block"
    assert reason.params["political_status"] == status
    assert reason.params["required_years"] == 3


@pytest.mark.parametrize("category", ["administrative", "academic"])
def test_other_posts_do_not_ask_for_membership(category):
    facts = cadre(political_status="non_party")
    assert reasons("party_membership_required", facts, target=post(MIDDLE_PRINCIPAL, category=category)) == []


def test_party_standing_counts_from_the_end_of_the_probation_year():
    # Joined 2022-03-01, full member from 2023-03-01: three years on 2026-03-01.
    facts = cadre(political_status="cpc_member", party_join_date=date(2022, 3, 1))
    [reason] = reasons("party_membership_required", facts, target=party_post(), on=date(2026, 2, 28))
    assert reason.params["required_years"] == 3
    assert reason.params["standing_since"] == date(2023, 3, 1)
    assert reason.params["actual_years"] == 2
    assert reasons("party_membership_required", facts, target=party_post(), on=date(2026, 3, 1)) == []
    assert reasons("party_membership_required", facts, target=party_post(), on=date(2026, 3, 2)) == []


def test_party_standing_required_is_the_levels_figure():
    facts = cadre(political_status="cpc_member", party_join_date=date(2019, 3, 1))  # full since 2020-03-01
    target = party_post(COLLEGE_DEPUTY, years=5)
    assert reasons("party_membership_required", facts, target=target, on=date(2025, 2, 28))
    assert reasons("party_membership_required", facts, target=target, on=date(2025, 3, 1)) == []
    [reason] = reasons("party_membership_required", facts, target=party_post(COLLEGE_DEPUTY, years=7))
    assert reason.params["required_years"] == 7


def test_no_standing_required_needs_only_full_membership():
    target = party_post(SECTION, years=None)
    assert reasons("party_membership_required", cadre(political_status="cpc_member"), target=target) == []
    facts = cadre(political_status="cpc_member", party_join_date=date(2026, 2, 1))
    assert reasons("party_membership_required", facts, target=target) == []
    assert reasons("party_membership_required", cadre(political_status="cpc_probationary"), target=target)


def test_a_full_member_without_a_join_date_is_refused_when_standing_counts():
    facts = cadre(political_status="cpc_member", party_join_date=None)
    [reason] = reasons("party_membership_required", facts, target=party_post())
    assert "入党时间" in str(reason.message)


# --- family_abroad ------------------------------------------------------------------------


def test_a_spouse_settled_abroad_blocks_a_leadership_post():
    facts = cadre(has_spouse=True, spouse_abroad=True, children=1, children_abroad=0)
    [reason] = reasons("family_abroad", facts)
    assert reason.severity == "block"
    assert reason.params == {"spouse_abroad": True, "children": 1, "children_abroad": 0}
    assert reasons("family_abroad", facts, target=post(COLLEGE_PRINCIPAL))


def test_one_of_two_children_abroad_does_not_block():
    assert reasons("family_abroad", cadre(children=2, children_abroad=1)) == []


def test_every_child_abroad_without_a_spouse_blocks():
    [reason] = reasons("family_abroad", cadre(children=2, children_abroad=2))
    assert reason.params["children_abroad"] == 2


def test_every_child_abroad_with_a_spouse_at_home_does_not_block():
    # The regulations: "没有配偶，子女均已移居国（境）外".
    assert reasons("family_abroad", cadre(has_spouse=True, children=2, children_abroad=2)) == []


def test_no_children_and_no_spouse_abroad_does_not_block():
    assert reasons("family_abroad", cadre()) == []
    assert reasons("family_abroad", cadre(has_spouse=True)) == []


def test_family_abroad_applies_to_leadership_tiers_only():
    facts = cadre(has_spouse=True, spouse_abroad=True)
    assert reasons("family_abroad", facts, target=post(SECTION)) == []
    assert reasons("family_abroad", facts, target=post(MIDDLE_DEPUTY))


# --- holds_this_post and below_current_level ------------------------------------------------


def test_the_post_held_is_not_offered_while_held():
    facts = cadre(appointments=(held(MIDDLE_PRINCIPAL, date(2024, 3, 1), date(2026, 3, 1), post_id=1),))
    [reason] = reasons("holds_this_post", facts, on=date(2026, 2, 28))
    assert reason.params == {"post_id": 1}
    assert reasons("holds_this_post", facts, on=date(2026, 3, 1)) == []  # ended that day
    assert reasons("holds_this_post", facts, on=date(2024, 2, 29)) == []  # not yet started
    assert reasons("holds_this_post", facts, target=post(MIDDLE_PRINCIPAL, post_id=9)) == []


def test_a_lower_post_than_the_primary_one_is_not_offered():
    facts = cadre(appointments=(held(MIDDLE_PRINCIPAL, date(2024, 3, 1), post_id=2),))
    [reason] = reasons("below_current_level", facts, target=post(MIDDLE_DEPUTY))
    assert reason.params == {"current_rank": 30, "target_rank": 40}
    assert reasons("below_current_level", facts, target=post(MIDDLE_PRINCIPAL)) == []  # lateral
    assert reasons("below_current_level", facts, target=post(COLLEGE_DEPUTY)) == []  # promotion


def test_only_the_open_primary_appointment_sets_the_current_level():
    concurrent = held(MIDDLE_PRINCIPAL, date(2024, 3, 1), post_id=3, is_primary=False)
    primary = held(MIDDLE_DEPUTY, date(2024, 3, 1), post_id=2)
    assert (
        reasons("below_current_level", cadre(appointments=(primary, concurrent)), target=post(MIDDLE_DEPUTY))
        == []
    )
    ended = held(MIDDLE_PRINCIPAL, date(2020, 1, 1), date(2026, 3, 1), post_id=4)
    facts = cadre(appointments=(ended,))
    assert reasons("below_current_level", facts, target=post(MIDDLE_DEPUTY), on=date(2026, 2, 28))
    assert reasons("below_current_level", facts, target=post(MIDDLE_DEPUTY), on=date(2026, 3, 1)) == []


# --- the reserve level ------------------------------------------------------------------------


def test_a_reserve_level_is_reached_by_the_level_or_a_more_senior_one():
    from cadres.rules.eligibility import level_reached

    appointments = (held(MIDDLE_DEPUTY, date(2024, 3, 1), date(2025, 3, 1)),)
    assert level_reached(appointments=appointments, level_rank=40, on=ON)  # held, now ended
    assert level_reached(appointments=appointments, level_rank=50, on=ON)  # passed
    assert not level_reached(appointments=appointments, level_rank=30, on=ON)  # one level up
    assert not level_reached(appointments=appointments, level_rank=40, on=date(2024, 2, 29))
