"""Publication (公示) of a closed cycle's 优秀 list for a notice period, and the objections
received during it; confirmation then waits for the notice's end (services.results)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from appraisal.choices import CycleState, Grade, ObjectionOutcome
from appraisal.models import AppraisalCycle, Objection, Participant, Publication
from appraisal.rules.publications import publication_refusal, published_confirmation_refusals
from appraisal.rules.scoring import confirmation_refusals
from appraisal.selectors.results import cycle_results
from appraisal.services.cycles import lock_cycle
from cadres.models import Cadre
from core.errors import RuleViolation
from core.models import User
from core.services import record_save


def _ensure_closed(cycle: AppraisalCycle) -> None:
    if cycle.state != CycleState.CLOSED:
        raise RuleViolation(
            "state",
            _("The 优秀 list is published between the close and the confirmation."),
            "cycle_not_closed",
        )


def _listed(cycle: AppraisalCycle, cadres: list[Cadre] | None) -> list[Participant]:
    """The participants to publish: the proposed 优秀, or those HR names within the quota and ceilings."""
    results = cycle_results(cycle=cycle)
    if cadres is None:
        return [r.participant for r in results.rows if r.proposed_grade == Grade.EXCELLENT]
    by_cadre = {r.participant.cadre_id: r for r in results.rows}
    wanted = {c.pk for c in cadres}
    if wanted - set(by_cadre):
        raise RuleViolation("excellent", _("Not a participant of this cycle."), "not_a_participant")
    finals, reasons = {}, {}
    for cadre_id, row in by_cadre.items():
        grade = Grade.EXCELLENT if cadre_id in wanted else row.proposed_grade
        if cadre_id not in wanted and grade == Grade.EXCELLENT:
            grade = Grade.COMPETENT
        finals[row.participant.pk] = grade
        if grade != row.proposed_grade:
            reasons[row.participant.pk] = _("Published as 优秀 by HR")
    refusals = confirmation_refusals(
        entries=results.entries, finals=finals, override_reasons=reasons, quota_percent=results.quota_percent
    )
    if refusals:
        raise refusals[0]
    return [by_cadre[c].participant for c in wanted]


@transaction.atomic
def publication_publish(
    *,
    cycle: AppraisalCycle,
    starts_on: datetime.date,
    ends_on: datetime.date,
    acting_user: User,
    note: str = "",
    excellent: list[Cadre] | None = None,
) -> Publication:
    """Publish (or publish again, with a new period) the 优秀 list of a closed cycle: the proposed
    优秀, or the cadres HR names (`excellent`) within the quota and the ceilings."""
    cycle = lock_cycle(cycle)
    _ensure_closed(cycle)
    refusal = publication_refusal(starts_on=starts_on, ends_on=ends_on)
    if refusal is not None:
        raise refusal
    listed = _listed(cycle, excellent)
    publication = Publication.objects.filter(cycle=cycle).first() or Publication(cycle=cycle)
    publication.starts_on, publication.ends_on, publication.note = starts_on, ends_on, note
    record_save(publication, acting_user=acting_user, unit=cycle.unit, scope_field="cycle")
    publication.participants.set(listed)
    return publication


@transaction.atomic
def objection_record(
    *, publication: Publication, cadre: Cadre, content: str, received_on: datetime.date, acting_user: User
) -> Objection:
    """An objection to a published name, received during the notice."""
    cycle = lock_cycle(publication.cycle)
    _ensure_closed(cycle)
    participant = publication.participants.filter(cadre=cadre).first()
    if participant is None:
        raise RuleViolation("cadre", _("The cadre is not on the published list."), "not_published")
    if not publication.starts_on <= received_on <= publication.ends_on:
        raise RuleViolation("received_on", _("Received outside the notice period."), "outside_notice")
    if received_on > timezone.localdate():
        raise RuleViolation("received_on", _("The day has not come yet."), "in_future")
    objection = Objection(
        publication=publication, participant=participant, content=content, received_on=received_on
    )
    return record_save(objection, acting_user=acting_user, unit=cycle.unit, scope_field="publication")


@transaction.atomic
def objection_answer(*, objection: Objection, outcome: str, answer: str, acting_user: User) -> Objection:
    """Upheld: the cadre cannot be confirmed 优秀; dismissed: nothing changes."""
    cycle = lock_cycle(objection.publication.cycle)
    _ensure_closed(cycle)
    if outcome not in (ObjectionOutcome.UPHELD, ObjectionOutcome.DISMISSED):
        raise RuleViolation("outcome", _("Uphold or dismiss the objection."), "invalid_choice")
    if not answer.strip():
        raise RuleViolation("answer", _("Say what the check found."), "required")
    objection.outcome, objection.answer = outcome, answer.strip()
    return record_save(objection, acting_user=acting_user, unit=cycle.unit, scope_field="objection")


def publication_confirmation_refusals(
    *, cycle: AppraisalCycle, finals: dict[int, str]
) -> list[RuleViolation]:
    """What the cycle's publication, if any, refuses in a confirmation with these grades."""
    publication = Publication.objects.filter(cycle=cycle).first()
    if publication is None:
        return []
    outcomes = list(publication.objections.values_list("participant_id", "outcome"))
    return published_confirmation_refusals(
        today=timezone.localdate(),
        ends_on=publication.ends_on,
        published=set(publication.participants.values_list("pk", flat=True)),
        excellent={pk for pk, grade in finals.items() if grade == Grade.EXCELLENT},
        pending={p for p, o in outcomes if o == ObjectionOutcome.PENDING},
        upheld={p for p, o in outcomes if o == ObjectionOutcome.UPHELD},
    )
