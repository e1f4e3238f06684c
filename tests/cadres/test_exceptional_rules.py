"""The rules of exceptional promotion (破格提拔) and the one-seat cut, at their boundaries."""

import datetime

import pytest

from cadres.rules.decision import seat_cut
from cadres.rules.exceptional import (
    NEVER_RELAXABLE,
    RELAXABLE_DEFAULTS,
    ExceptionalFacts,
    PromotionFact,
    break_rule_reasons,
    not_relaxable,
    on_probation_or_recent,
    relaxable_refusal,
    skipped_levels,
    tenure_twice,
    two_levels,
)

D = datetime.date
RANKS = (10, 20, 30, 40, 50)  # college principal, college deputy, middle principal, middle deputy, section


def codes(reasons):
    return [r.code for r in reasons]


class TestRelaxable:
    def test_only_codes_the_table_allows_and_the_regulations_do_not_forbid(self):
        table = {"work_years_short", "deputy_tenure_short", "age_limit"}  # a wrong row for age_limit
        assert not_relaxable(blocks=["work_years_short", "deputy_tenure_short"], relaxable=table) == []
        assert not_relaxable(blocks=["deputy_tenure_short", "age_limit"], relaxable=table) == ["age_limit"]
        assert not_relaxable(blocks=["recusal", "recusal", "new_rule"], relaxable=table) == [
            "recusal",
            "new_rule",  # absent from the table: not relaxable
        ]

    @pytest.mark.parametrize("code", sorted(NEVER_RELAXABLE))
    def test_forbidden_codes_can_never_be_made_relaxable(self, code):
        assert relaxable_refusal(code=code, relaxable=True)
        assert relaxable_refusal(code=code, relaxable=False) is None

    def test_qualifications_may_be_made_relaxable(self):
        assert all(relaxable_refusal(code=code, relaxable=True) is None for code in RELAXABLE_DEFAULTS)
        assert not set(RELAXABLE_DEFAULTS) & set(NEVER_RELAXABLE)


class TestProbationAndRecentPromotion:
    def facts(self, promoted=None, probation_end=None):
        promotion = PromotionFact(start=promoted, level_rank=40) if promoted else None
        return ExceptionalFacts(current_rank=40, probation_end=probation_end, last_promotion=promotion)

    @pytest.mark.parametrize(
        ("on", "refused"),
        [(D(2026, 3, 14), True), (D(2026, 3, 15), False), (D(2026, 3, 16), False)],
    )
    def test_a_full_year_since_the_promotion(self, on, refused):
        reasons = on_probation_or_recent(facts=self.facts(promoted=D(2025, 3, 15)), on=on)
        assert codes(reasons) == (["break_rule_probation"] if refused else [])

    @pytest.mark.parametrize(
        ("on", "refused"),
        [(D(2027, 6, 30), True), (D(2027, 7, 1), False)],
    )
    def test_on_probation_until_its_end(self, on, refused):
        facts = self.facts(promoted=D(2020, 1, 1), probation_end=D(2027, 7, 1))
        assert codes(on_probation_or_recent(facts=facts, on=on)) == (
            ["break_rule_probation"] if refused else []
        )

    def test_never_promoted(self):
        assert on_probation_or_recent(facts=self.facts(), on=D(2026, 1, 1)) == []


class TestTenureTwice:
    def facts(self, relaxed):
        return ExceptionalFacts(
            current_rank=40,
            last_promotion=PromotionFact(start=D(2020, 1, 1), level_rank=40, relaxed_codes=relaxed),
        )

    def test_tenure_relaxed_at_the_previous_promotion_and_now(self):
        facts = self.facts(frozenset({"lower_principal_tenure_short"}))
        assert codes(tenure_twice(facts=facts, relaxing=["deputy_tenure_short"])) == ["break_rule_twice"]

    def test_previous_promotion_relaxed_something_else(self):
        facts = self.facts(frozenset({"education_below"}))
        assert tenure_twice(facts=facts, relaxing=["deputy_tenure_short"]) == []

    def test_this_override_relaxes_no_tenure(self):
        facts = self.facts(frozenset({"deputy_tenure_short"}))
        assert tenure_twice(facts=facts, relaxing=["work_years_short"]) == []

    def test_no_previous_promotion(self):
        assert tenure_twice(facts=ExceptionalFacts(current_rank=None), relaxing=["deputy_tenure_short"]) == []


class TestTwoLevels:
    @pytest.mark.parametrize(
        ("current", "target", "skipped"),
        [
            (40, 30, 0),  # middle deputy → middle principal
            (40, 20, 1),  # middle deputy → college deputy: one level skipped, allowed
            (50, 20, 2),  # section → college deputy: two levels skipped
            (None, 50, 0),  # no post yet → section
            (None, 40, 1),
            (None, 30, 2),
        ],
    )
    def test_levels_between(self, current, target, skipped):
        assert skipped_levels(current_rank=current, target_rank=target, level_ranks=RANKS) == skipped

    def test_one_level_allowed_two_refused(self):
        one = ExceptionalFacts(current_rank=40, level_ranks=RANKS)
        two = ExceptionalFacts(current_rank=50, level_ranks=RANKS)
        assert two_levels(facts=one, target_rank=20) == []
        assert codes(two_levels(facts=two, target_rank=20)) == ["break_rule_two_levels"]


def test_break_rule_reasons_collects_every_limit():
    facts = ExceptionalFacts(
        current_rank=50,
        last_promotion=PromotionFact(
            start=D(2026, 1, 1), level_rank=50, relaxed_codes=frozenset({"deputy_tenure_short"})
        ),
        level_ranks=RANKS,
    )
    reasons = break_rule_reasons(
        facts=facts, target_rank=20, relaxing=["deputy_tenure_short"], on=D(2026, 6, 1)
    )
    assert codes(reasons) == ["break_rule_probation", "break_rule_twice", "break_rule_two_levels"]


class TestSeatCut:
    def test_one_passing_takes_the_seat(self):
        assert seat_cut(passing=[("a", 7)]).approved == ("a",)

    def test_most_votes_wins_others_not_approved(self):
        cut = seat_cut(passing=[("a", 6), ("b", 8), ("c", 7)])
        assert cut.ok and cut.approved == ("b",) and cut.not_approved == ("c", "a")  # most votes first

    def test_tie_at_the_cut(self):
        cut = seat_cut(passing=[("a", 7), ("b", 7)])
        assert not cut and cut.code == "tie_at_cut" and cut.params["votes_for"] == 7

    def test_tie_below_the_cut_is_no_tie(self):
        cut = seat_cut(passing=[("a", 6), ("b", 8), ("c", 6)])
        assert cut.approved == ("b",)

    def test_two_seats(self):
        assert seat_cut(passing=[("a", 6), ("b", 8), ("c", 7)], seats=2).approved == ("b", "c")
        assert seat_cut(passing=[("a", 7), ("b", 8), ("c", 7)], seats=2).code == "tie_at_cut"
