"""Pure rules of publication, review requests and appeals, and team grades, at their boundaries."""

import datetime
from decimal import Decimal

from appraisal.rules.appeals import answer_due, filing_refusal
from appraisal.rules.publications import notice_days, publication_refusal, published_confirmation_refusals
from appraisal.rules.scoring import Thresholds
from appraisal.rules.teams import team_grade

D = datetime.date


def code(refusal):
    return None if refusal is None else refusal.error_dict[next(iter(refusal.error_dict))][0].code


def test_the_notice_runs_five_days_both_ends_counted():
    assert notice_days(starts_on=D(2026, 1, 5), ends_on=D(2026, 1, 9)) == 5
    assert publication_refusal(starts_on=D(2026, 1, 5), ends_on=D(2026, 1, 9)) is None
    assert code(publication_refusal(starts_on=D(2026, 1, 5), ends_on=D(2026, 1, 8))) == "notice_too_short"
    assert code(publication_refusal(starts_on=D(2026, 1, 5), ends_on=D(2026, 1, 4))) == "invalid_period"


def test_confirmation_after_a_publication():
    def codes(today, **kw):
        args = {"published": {1, 2}, "excellent": {1}, "pending": set(), "upheld": set()} | kw
        refusals = published_confirmation_refusals(today=today, ends_on=D(2026, 1, 9), **args)
        return [r.error_dict[next(iter(r.error_dict))][0].code for r in refusals]

    assert codes(D(2026, 1, 9)) == ["notice_running"]  # the last day still belongs to the notice
    assert codes(D(2026, 1, 10)) == []
    assert codes(D(2026, 1, 10), pending={2}) == ["objections_pending"]
    assert codes(D(2026, 1, 10), excellent={1, 3}) == ["not_published"]
    assert codes(D(2026, 1, 10), upheld={1}) == ["objection_upheld"]
    assert codes(D(2026, 1, 10), upheld={2}) == []  # upheld against someone not confirmed 优秀


def test_review_and_appeal_deadlines():
    told = D(2026, 2, 1)
    review = {"kind": "review", "told_on": told, "review_answered_on": None}
    assert filing_refusal(filed_on=D(2026, 3, 3), **review) is None  # day 30 after being told
    assert code(filing_refusal(filed_on=D(2026, 3, 4), **review)) == "filing_deadline_passed"
    assert code(filing_refusal(filed_on=D(2026, 1, 31), **review)) == "filed_before_told"
    assert (
        code(filing_refusal(filed_on=told, kind="review", told_on=None, review_answered_on=None))
        == "not_told"
    )
    appeal = {"kind": "appeal", "told_on": told}
    assert code(filing_refusal(filed_on=told, review_answered_on=None, **appeal)) == "review_first"
    answered = D(2026, 2, 20)
    assert filing_refusal(filed_on=D(2026, 3, 7), review_answered_on=answered, **appeal) is None  # day 15
    assert code(filing_refusal(filed_on=D(2026, 3, 8), review_answered_on=answered, **appeal)) == (
        "filing_deadline_passed"
    )
    assert answer_due(kind="review", filed_on=told) == D(2026, 3, 3)
    assert answer_due(kind="appeal", filed_on=told) == D(2026, 4, 2)


def test_team_grades_follow_the_thresholds():
    limits = Thresholds(Decimal(90), Decimal(70), Decimal(60))
    grades = [
        team_grade(composite=Decimal(v), thresholds=limits) for v in ("90", "89.99", "70", "60", "59.99")
    ]
    assert grades == ["good", "fairly_good", "fairly_good", "average", "poor"]
    assert team_grade(composite=None, thresholds=limits) == ""
