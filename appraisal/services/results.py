"""Confirming a cycle's results; an annual cycle writes the yearly grades (AppraisalResult)."""

from django.db import transaction
from django.utils.translation import gettext as _

from appraisal.choices import CycleKind
from appraisal.models import AppraisalCycle, AppraisalResult
from appraisal.rules.cycles import cycle_next_state
from appraisal.rules.scoring import confirmation_refusals
from appraisal.selectors.results import cycle_results
from appraisal.services.cycles import cycle_refresh_ceilings, lock_cycle
from appraisal.services.grades import appraisal_result_save
from appraisal.services.publications import publication_confirmation_refusals
from appraisal.services.teams import teams_confirm
from core.errors import RuleViolation
from core.models import User
from core.scope import ensure_unit_in_scope
from core.services import history_save


def _overrides(rows, grades: list[dict]) -> dict[int, tuple[str, str]]:
    """participant id → (grade, reason) of the overrides, given by cadre id."""
    by_cadre = {row.participant.cadre_id: row.participant.pk for row in rows}
    overrides = {}
    for entry in grades:
        participant = by_cadre.get(entry["cadre"])
        if participant is None:
            raise RuleViolation("grades", _("Not a participant of this cycle."), "not_a_participant")
        overrides[participant] = (entry["grade"], entry.get("reason") or "")
    return overrides


def yearly_grade_write(participant, acting_user: User, year: int, cycle: AppraisalCycle) -> None:
    """The yearly grade row: a row typed earlier is replaced, its history kept."""
    result = AppraisalResult.objects.filter(cadre=participant.cadre, year=year).first()
    result = result or AppraisalResult(cadre=participant.cadre, year=year)
    result.grade = participant.grade
    result.note = _("Confirmed in %(cycle)s") % {"cycle": cycle.name}
    appraisal_result_save(result=result, acting_user=acting_user)


@transaction.atomic
def cycle_confirm(
    *, cycle: AppraisalCycle, grades: list[dict], acting_user: User, teams: list[dict] | None = None
) -> AppraisalCycle:
    """closed → confirmed: the overrides (`grades`, each with a reason) and the proposed grades for
    the others, refused over the quota (`excellent_quota_exceeded`) or a ceiling (`above_ceiling`);
    after a publication, refused while its notice runs or an objection is open, and for a 优秀 not
    published or objected to with success. The leadership teams take their grades (`teams`)."""
    cycle = lock_cycle(cycle)
    ensure_unit_in_scope(acting_user, cycle.unit, field="cycle")
    state = cycle_next_state(state=cycle.state, action="confirm")
    cycle_refresh_ceilings(cycle, acting_user)  # a sanction recorded since the close counts
    results = cycle_results(cycle=cycle)
    overrides = _overrides(results.rows, grades)
    finals = {row.participant.pk: row.proposed_grade for row in results.rows}
    finals |= {pk: grade for pk, (grade, _reason) in overrides.items()}
    refusals = confirmation_refusals(
        entries=results.entries,
        finals=finals,
        override_reasons={pk: reason for pk, (_grade, reason) in overrides.items()},
        quota_percent=results.quota_percent,
    )
    refusals += publication_confirmation_refusals(cycle=cycle, finals=finals)
    if refusals:
        raise refusals[0]
    teams_confirm(cycle=cycle, overrides=teams or [], acting_user=acting_user)
    for row in results.rows:
        participant = row.participant
        participant.grade = finals[participant.pk]
        participant.composite = row.composite
        participant.grade_reason = overrides.get(participant.pk, ("", ""))[1]
        history_save(
            participant, acting_user=acting_user, update_fields=["grade", "composite", "grade_reason"]
        )
        if cycle.kind == CycleKind.ANNUAL:
            yearly_grade_write(participant, acting_user, cycle.year, cycle)
    cycle.state = state
    history_save(cycle, acting_user=acting_user, update_fields=["state"])
    return cycle
