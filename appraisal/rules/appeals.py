"""Review requests (复核) and appeals (申诉) of a confirmed result: who may file, until when, and
when the answer is due. A review is asked within REVIEW_FILE_DAYS of being told the result; an
appeal only against a review's answer, within APPEAL_FILE_DAYS of it (both ends counted)."""

import datetime

from django.utils.translation import gettext as _

from appraisal.choices import (
    APPEAL_ANSWER_DAYS,
    APPEAL_FILE_DAYS,
    REVIEW_ANSWER_DAYS,
    REVIEW_FILE_DAYS,
    AppealKind,
)
from core.errors import RuleViolation

DAY = datetime.timedelta(days=1)


def answer_due(*, kind: str, filed_on: datetime.date) -> datetime.date:
    days = REVIEW_ANSWER_DAYS if kind == AppealKind.REVIEW else APPEAL_ANSWER_DAYS
    return filed_on + days * DAY


def filing_refusal(
    *,
    kind: str,
    filed_on: datetime.date,
    told_on: datetime.date | None,
    review_answered_on: datetime.date | None,
) -> RuleViolation | None:
    """`not_told` (no result told yet), `review_first` (an appeal before the review's answer),
    `filing_deadline_passed`, `filed_before_told`."""
    if told_on is None:
        return RuleViolation("participant", _("The cadre has not been told the result yet."), "not_told")
    if kind == AppealKind.REVIEW:
        start, days = told_on, REVIEW_FILE_DAYS
    else:
        if review_answered_on is None:
            return RuleViolation(
                "kind", _("An appeal follows the answer to a review request."), "review_first"
            )
        start, days = review_answered_on, APPEAL_FILE_DAYS
    if filed_on < start:
        return RuleViolation("filed_on", _("Filed before the result it contests."), "filed_before_told")
    if filed_on > start + days * DAY:
        return RuleViolation(
            "filed_on",
            _("Filed after the deadline of %(days)d days.") % {"days": days},
            "filing_deadline_passed",
        )
    return None
