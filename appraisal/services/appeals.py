"""Telling a cadre his confirmed result, and his review request (复核) and appeal (申诉): filed
within their deadlines, answered by HR; an answer that changes the grade goes through the quota
and the ceilings like an override at confirmation, and an annual cycle's yearly grade follows."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from appraisal.choices import AppealKind, AppealOutcome, CycleKind, CycleState
from appraisal.models import Participant, ResultAppeal, ResultNotice
from appraisal.rules.appeals import answer_due, filing_refusal
from appraisal.rules.scoring import confirmation_refusals
from appraisal.selectors.results import cycle_results
from appraisal.services.cycles import lock_cycle
from appraisal.services.results import yearly_grade_write
from core.errors import RuleViolation
from core.models import User
from core.services import history_save, record_save


def _confirmed(participant: Participant):
    cycle = lock_cycle(participant.cycle)
    if cycle.state != CycleState.CONFIRMED or participant.removed:
        raise RuleViolation("participant", _("The result is not confirmed yet."), "cycle_not_confirmed")
    return cycle


def _not_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise RuleViolation(field, _("The day has not come yet."), "in_future")


@transaction.atomic
def result_notify(*, participant: Participant, told_on: datetime.date, acting_user: User) -> ResultNotice:
    """Record the day the cadre was told his result: the review deadline runs from it."""
    cycle = _confirmed(participant)
    _not_future(told_on, "told_on")
    notice = ResultNotice.objects.filter(participant=participant).first() or ResultNotice(
        participant=participant
    )
    notice.told_on = told_on
    return record_save(notice, acting_user=acting_user, unit=cycle.unit, scope_field="participant")


@transaction.atomic
def appeal_file(
    *, participant: Participant, kind: str, filed_on: datetime.date, grounds: str, acting_user: User
) -> ResultAppeal:
    """A review request within 30 days of being told; an appeal within 15 days of the review's answer."""
    cycle = _confirmed(participant)
    _not_future(filed_on, "filed_on")
    if not grounds.strip():
        raise RuleViolation("grounds", _("Say what is contested."), "required")
    notice = ResultNotice.objects.filter(participant=participant).first()
    review = participant.appeals.filter(kind=AppealKind.REVIEW).exclude(outcome=AppealOutcome.PENDING).first()
    refusal = filing_refusal(
        kind=kind,
        filed_on=filed_on,
        told_on=notice.told_on if notice else None,
        review_answered_on=review.answered_on if review else None,
    )
    if refusal is not None:
        raise refusal
    appeal = ResultAppeal(
        participant=participant,
        kind=kind,
        filed_on=filed_on,
        grounds=grounds.strip(),
        answer_due=answer_due(kind=kind, filed_on=filed_on),
        grade_before=participant.grade,
    )
    return record_save(appeal, acting_user=acting_user, unit=cycle.unit, scope_field="participant")


def _check_new_grade(participant: Participant, new_grade: str, answer: str) -> None:
    if not new_grade or new_grade == participant.grade:
        raise RuleViolation("new_grade", _("Name the grade it changes to."), "required")
    results = cycle_results(cycle=participant.cycle)
    finals = {row.participant.pk: row.participant.grade for row in results.rows}
    finals[participant.pk] = new_grade
    refusals = confirmation_refusals(
        entries=results.entries,
        finals=finals,
        override_reasons={participant.pk: answer},
        quota_percent=results.quota_percent,
    )
    if refusals:
        raise refusals[0]


@transaction.atomic
def appeal_answer(
    *,
    appeal: ResultAppeal,
    outcome: str,
    answer: str,
    answered_on: datetime.date,
    acting_user: User,
    new_grade: str = "",
) -> ResultAppeal:
    """Keep the grade, or change it (within the quota and the ceilings, `new_grade`)."""
    appeal = ResultAppeal.objects.select_for_update().get(pk=appeal.pk)
    participant = Participant.objects.select_related("cycle", "cadre").get(pk=appeal.participant_id)
    cycle = _confirmed(participant)
    if appeal.outcome != AppealOutcome.PENDING:
        raise RuleViolation("outcome", _("This request has been answered."), "already_answered")
    if outcome not in (AppealOutcome.KEPT, AppealOutcome.CHANGED):
        raise RuleViolation("outcome", _("Keep the grade or change it."), "invalid_choice")
    if not answer.strip():
        raise RuleViolation("answer", _("Give the answer."), "required")
    _not_future(answered_on, "answered_on")
    if answered_on < appeal.filed_on:
        raise RuleViolation("answered_on", _("Answered before it was filed."), "answered_before_filed")
    if outcome == AppealOutcome.CHANGED:
        _check_new_grade(participant, new_grade, answer)
        participant.grade, participant.grade_reason = new_grade, answer.strip()[:200]
        history_save(participant, acting_user=acting_user, update_fields=["grade", "grade_reason"])
        if cycle.kind == CycleKind.ANNUAL:
            yearly_grade_write(participant, acting_user, cycle.year, cycle)
    appeal.outcome, appeal.answer, appeal.answered_on = outcome, answer.strip(), answered_on
    appeal.new_grade = new_grade if outcome == AppealOutcome.CHANGED else ""
    return record_save(appeal, acting_user=acting_user, unit=cycle.unit, scope_field="appeal")
