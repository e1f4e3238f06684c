"""Facts from the database for the rules of exceptional promotion (cadres.rules.exceptional)."""

import datetime

from cadres.models import Appointment, Cadre, PostLevel, ProbationResult, RelaxableReason, SelectionCandidate
from cadres.rules.exceptional import NEVER_RELAXABLE, ExceptionalFacts, PromotionFact


def relaxable_codes() -> frozenset[str]:
    """The codes the admin-edited table lets an override relax; never one the regulations forbid."""
    codes = RelaxableReason.objects.filter(relaxable=True, locked=False).values_list("code", flat=True)
    return frozenset(codes) - frozenset(NEVER_RELAXABLE)


def _last_promotion(appointments: list[Appointment]) -> Appointment | None:
    """The latest appointment to a level more senior than every one held before it."""
    last, best = None, None
    for appointment in sorted(appointments, key=lambda a: (a.start_date, a.pk)):
        if best is None or appointment.post.level.rank < best:
            last, best = appointment, appointment.post.level.rank
    return last


def _relaxed_by(appointment: Appointment) -> frozenset[str]:
    candidate = SelectionCandidate.objects.filter(
        cadre_id=appointment.cadre_id, process__appointment=appointment
    ).first()
    return frozenset(candidate.relaxed_codes) if candidate else frozenset()


def exceptional_facts(*, cadre: Cadre, on: datetime.date) -> ExceptionalFacts:
    appointments = [a for a in cadre.appointments.select_related("post__level") if a.start_date <= on]
    held = [a for a in appointments if a.end_date is None or on < a.end_date]
    probations = [
        a.probation_end
        for a in held
        if a.probation_end is not None and a.probation_result != ProbationResult.REVERSED
    ]
    last = _last_promotion(appointments)
    promotion = None
    if last is not None:
        promotion = PromotionFact(
            start=last.start_date, level_rank=last.post.level.rank, relaxed_codes=_relaxed_by(last)
        )
    return ExceptionalFacts(
        # The most senior level held; without a post now, the most senior one ever held.
        current_rank=min((a.post.level.rank for a in held or appointments), default=None),
        probation_end=max(probations, default=None),
        last_promotion=promotion,
        level_ranks=tuple(PostLevel.objects.filter(active=True).values_list("rank", flat=True)),
    )
