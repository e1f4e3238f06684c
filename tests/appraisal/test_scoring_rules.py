"""The pure rules of cycles and scoring, at their boundaries."""

from datetime import date
from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from appraisal.choices import CeilingWhen, Grade
from appraisal.rules.ceilings import CeilingRule, ceiling_applies, grade_ceiling
from appraisal.rules.cycles import cycle_next_state, cycle_open_refusals
from appraisal.rules.scoring import (
    Entry,
    Thresholds,
    composite_score,
    confirmation_refusals,
    excellent_quota,
    proposed_grades,
    ranks,
    threshold_grade,
)
from core.errors import RuleViolation

T = Thresholds(D(90), D(70), D(60))


@pytest.mark.parametrize(
    ("state", "action", "to"),
    [("draft", "open", "open"), ("open", "close", "closed"), ("closed", "confirm", "confirmed")],
)
def test_each_step_of_the_state_machine(state, action, to):
    assert cycle_next_state(state=state, action=action) == to


@pytest.mark.parametrize(
    ("state", "action"),
    [("open", "open"), ("draft", "close"), ("open", "confirm"), ("confirmed", "close"), ("closed", "open")],
)
def test_a_step_out_of_order_is_refused(state, action):
    with pytest.raises(RuleViolation) as caught:
        cycle_next_state(state=state, action=action)
    assert caught.value.error_dict["state"][0].code == "invalid_transition"


@pytest.mark.parametrize(
    ("indicators", "groups", "codes"),
    [
        ([40, 60], [30, 30, 40], []),
        ([40, 59], [30, 30, 40], ["weights_not_100"]),
        ([40, 61], [30, 30, 40], ["weights_not_100"]),
        ([100], [30, 30, 41], ["weights_not_100"]),
        ([100], [30, 30, 39], ["weights_not_100"]),
        ([], [100], ["weights_not_100"]),
        ([99], [99], ["weights_not_100", "weights_not_100"]),
    ],
)
def test_opening_needs_both_weight_sums_at_exactly_100(indicators, groups, codes):
    refusals = cycle_open_refusals(indicator_weights=indicators, group_weights=groups, participant_count=1)
    assert [next(iter(r.error_dict.values()))[0].code for r in refusals] == codes


def test_opening_needs_a_participant():
    refusals = cycle_open_refusals(indicator_weights=[100], group_weights=[100], participant_count=0)
    assert refusals[0].error_dict["participants"][0].code == "no_participants"


def test_the_composite_is_the_weighted_sum_of_group_means():
    result = composite_score(
        group_means={1: D("90"), 2: D("80"), 3: D("70")}, group_weights={1: 30, 2: 30, 3: 40}
    )
    assert result.value == D("79.00")  # 27 + 24 + 28
    assert not result.reweighted


def test_a_group_without_ballots_shares_its_weight_out_pro_rata():
    # Staff (40) returned nothing: leaders and cadres count 30/60 each.
    result = composite_score(group_means={1: D("90"), 2: D("80")}, group_weights={1: 30, 2: 30, 3: 40})
    assert result.value == D("85.00")
    assert result.reweighted
    # Unequal remaining weights: 30 and 40 of 70.
    result = composite_score(group_means={1: D("90"), 3: D("76")}, group_weights={1: 30, 2: 30, 3: 40})
    assert result.value == D("82.00")  # (2700 + 3040) / 70


def test_no_ballots_at_all_is_no_composite():
    result = composite_score(group_means={}, group_weights={1: 30, 2: 70})
    assert result.value is None and not result.reweighted


def test_ranks_share_a_place_on_a_tie_and_skip_the_next():
    assert ranks(composites={"a": D(90), "b": D(85), "c": D(85), "d": D(80), "e": None}) == {
        "a": 1,
        "b": 2,
        "c": 2,
        "d": 4,
        "e": None,
    }


@pytest.mark.parametrize(
    ("composite", "grade"),
    [
        (D("90"), Grade.EXCELLENT),
        (D("89.99"), Grade.COMPETENT),
        (D("70"), Grade.COMPETENT),
        (D("69.99"), Grade.BASICALLY_COMPETENT),
        (D("60"), Grade.BASICALLY_COMPETENT),
        (D("59.99"), Grade.INCOMPETENT),
    ],
)
def test_thresholds_are_the_lowest_composite_of_their_grade(composite, grade):
    assert threshold_grade(composite=composite, thresholds=T) == grade


@pytest.mark.parametrize(
    ("participants", "quota"), [(12, 2), (4, 0), (5, 1), (9, 1), (10, 2), (14, 2), (15, 3), (0, 0)]
)
def test_the_excellent_quota_is_20_percent_rounded_down(participants, quota):
    assert excellent_quota(participants=participants, percent=20) == quota


def _entries(*scores, **extra):
    return [Entry(key=i, composite=D(s), quota_group=extra.get("group", 1)) for i, s in enumerate(scores)]


def test_twelve_participants_get_at_most_two_excellent():
    entries = _entries(99, 98, 97, 96, 95, 80, 80, 80, 80, 80, 80, 80)
    proposals = proposed_grades(entries=entries, thresholds=T, quota_percent=20)
    assert [p.grade for p in proposals.values()][:5] == [
        "excellent",
        "excellent",
        "competent",
        "competent",
        "competent",
    ]
    assert proposals[2].reasons[0].code == "excellent_quota"


def test_a_four_person_team_gets_no_excellent():
    proposals = proposed_grades(entries=_entries(99, 98, 97, 96), thresholds=T, quota_percent=20)
    assert {p.grade for p in proposals.values()} == {"competent"}


def test_ties_at_the_cut_all_fall_below_it():
    # Quota 2; places 2 and 3 tie at 95: neither is proposed 优秀, the first is.
    entries = _entries(99, 95, 95, 80, 80, 80, 80, 80, 80, 80, 80, 80)
    proposals = proposed_grades(entries=entries, thresholds=T, quota_percent=20)
    assert [proposals[i].grade for i in range(3)] == ["excellent", "competent", "competent"]
    assert proposals[1].reasons[0].code == "tie_at_quota_cut"


def test_a_tie_inside_the_quota_keeps_both():
    entries = _entries(95, 95, 91, 80, 80, 80, 80, 80, 80, 80, 80, 80)
    proposals = proposed_grades(entries=entries, thresholds=T, quota_percent=20)
    assert [proposals[i].grade for i in range(3)] == ["excellent", "excellent", "competent"]


def test_the_quota_counts_per_unit_when_so_configured():
    entries = _entries(99, 98, 80, 80, 80, group="a") + [
        Entry(key=10 + i, composite=D(s), quota_group="b") for i, s in enumerate((99, 98, 80, 80))
    ]
    proposals = proposed_grades(entries=entries, thresholds=T, quota_percent=20)
    assert proposals[0].grade == "excellent" and proposals[1].grade == "competent"
    assert {proposals[10].grade, proposals[11].grade} == {"competent"}  # 4 in unit b → 0


def test_a_ceiling_caps_the_grade_and_frees_the_quota_place():
    entries = _entries(99, 98, 80, 80, 80, 80, 80, 80, 80, 80)  # quota 2
    entries[0] = Entry(key=0, composite=D(99), quota_group=1, ceiling="competent")
    proposals = proposed_grades(entries=entries, thresholds=T, quota_percent=20)
    assert proposals[0].grade == "competent" and proposals[1].grade == "excellent"


def test_not_graded_and_no_ballots_are_not_graded():
    entries = [
        Entry(key=0, composite=D(99), quota_group=1, not_graded=True),
        Entry(key=1, composite=None, quota_group=1),
    ]
    proposals = proposed_grades(entries=entries, thresholds=T, quota_percent=20)
    assert proposals[0].grade == proposals[1].grade == "not_graded"
    assert proposals[1].reasons[0].code == "no_ballots"


RULES = {
    "gov_warning": CeilingRule("gov_warning", "competent", CeilingWhen.DECIDED_IN_YEAR, "警告"),
    "gov_demerit": CeilingRule("gov_demerit", "basically_competent", CeilingWhen.IN_EFFECT, "记过"),
    "post_grade_lowering": CeilingRule(
        "post_grade_lowering", "incompetent", CeilingWhen.IN_EFFECT, "降低岗位等级"
    ),
}


def sanction(kind, decided, end):
    return SimpleNamespace(kind=kind, decision_date=decided, effect_end=end)


@pytest.mark.parametrize(
    ("decided", "applies"),
    [
        (date(2025, 1, 1), True),
        (date(2025, 12, 31), True),
        (date(2024, 12, 31), False),
        (date(2026, 1, 1), False),
    ],
)
def test_a_warning_caps_only_the_year_it_is_given(decided, applies):
    rule = RULES["gov_warning"]
    assert (
        ceiling_applies(rule=rule, decision_date=decided, effect_end=date(2027, 1, 1), year=2025) is applies
    )


@pytest.mark.parametrize(
    ("decided", "end", "applies"),
    [
        (date(2024, 3, 1), date(2025, 1, 2), True),  # its last day of effect is 1 January
        (date(2024, 3, 1), date(2025, 1, 1), False),  # ended before the year began
        (date(2025, 12, 31), date(2026, 12, 31), True),
        (date(2026, 1, 1), date(2027, 1, 1), False),
    ],
)
def test_a_demerit_caps_a_year_its_effect_period_touches(decided, end, applies):
    assert (
        ceiling_applies(rule=RULES["gov_demerit"], decision_date=decided, effect_end=end, year=2025)
        is applies
    )


def test_each_ceiling_and_the_worst_wins_with_its_reasons():
    warning = sanction("gov_warning", date(2025, 5, 1), date(2025, 11, 1))
    demerit = sanction("gov_demerit", date(2024, 6, 1), date(2025, 6, 1))
    lowering = sanction("post_grade_lowering", date(2025, 2, 1), date(2027, 2, 1))
    assert grade_ceiling(year=2025, sanctions=[warning], rules=RULES).grade == "competent"
    assert grade_ceiling(year=2025, sanctions=[warning, demerit], rules=RULES).grade == "basically_competent"
    ceiling = grade_ceiling(year=2025, sanctions=[warning, demerit, lowering], rules=RULES)
    assert ceiling.grade == "incompetent"
    assert [r.message for r in ceiling.reasons] == ["警告", "记过", "降低岗位等级"]
    assert (
        grade_ceiling(year=2025, sanctions=[sanction("unknown", date(2025, 1, 1), None)], rules=RULES).grade
        is None
    )


def test_an_investigation_or_a_long_absence_means_not_graded():
    for flags in ({"under_investigation": True}, {"absent_over_half_year": True}):
        ceiling = grade_ceiling(year=2025, sanctions=[], rules=RULES, **flags)
        assert ceiling.not_graded and ceiling.grade == "not_graded"


def _codes(refusals):
    return [r.error_dict["grades"][0].code for r in refusals]


def test_confirmation_refuses_over_the_quota_and_above_a_ceiling_and_without_a_reason():
    entries = _entries(99, 98, 80, 80, 80, 80, 80, 80, 80, 80)  # quota 2
    finals = {e.key: "competent" for e in entries} | {0: "excellent", 1: "excellent"}
    assert confirmation_refusals(entries=entries, finals=finals, override_reasons={}, quota_percent=20) == []
    finals[2] = "excellent"
    assert _codes(
        confirmation_refusals(entries=entries, finals=finals, override_reasons={2: "x"}, quota_percent=20)
    ) == ["excellent_quota_exceeded"]
    assert _codes(
        confirmation_refusals(
            entries=entries, finals=finals | {2: "competent"}, override_reasons={2: " "}, quota_percent=20
        )
    ) == ["reason_required"]
    capped = [Entry(key=0, composite=D(80), quota_group=1, ceiling="basically_competent")]
    assert _codes(
        confirmation_refusals(
            entries=capped, finals={0: "competent"}, override_reasons={0: "x"}, quota_percent=20
        )
    ) == ["above_ceiling"]
    assert (
        confirmation_refusals(
            entries=capped, finals={0: "incompetent"}, override_reasons={0: "x"}, quota_percent=20
        )
        == []
    )
