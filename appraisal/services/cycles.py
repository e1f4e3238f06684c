"""Writes of appraisal cycles: set-up in draft, then open → closed (→ confirmed, services.results)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from appraisal.choices import DEFAULT_GROUP_WEIGHTS, CycleKind, CycleState
from appraisal.models import AppraisalCycle, BallotCode, Indicator, IndicatorTemplate, Participant, RaterGroup
from appraisal.rules.ceilings import grade_ceiling
from appraisal.rules.cycles import EDITABLE_STATES, GRADING_STATES, cycle_next_state, cycle_open_refusals
from appraisal.selectors.cycles import appraisal_figures, ceiling_rules, common_ancestor, serving_cadres
from cadres.models import Cadre, OrgUnit
from cadres.registry import FACT_LOADERS, FACT_LOADERS_MANY
from core.errors import RuleViolation
from core.models import User
from core.scope import ensure_unit_in_scope
from core.services import history_save, record_save

SANCTIONS_FACT = "sanctions"  # oversight's fact loader (cadres.registry), when installed


def lock_cycle(cycle: AppraisalCycle) -> AppraisalCycle:
    # Lock the cycle row: a state change racing a set-up change would open a cycle mid-edit.
    return AppraisalCycle.objects.select_for_update().select_related("unit").get(pk=cycle.pk)


def _ensure_state(cycle: AppraisalCycle, states, *, code: str = "cycle_not_editable") -> None:
    if cycle.state not in states:
        raise RuleViolation(
            "state",
            _("The cycle is %(state)s: this can no longer be changed.")
            % {"state": cycle.get_state_display()},
            code,
        )


def _check_units(units: list[OrgUnit], organiser: OrgUnit, acting_user: User) -> None:
    if not units:
        raise RuleViolation("units", _("Name at least one unit."), "required")
    for unit in units:
        ensure_unit_in_scope(acting_user, unit, field="units")
        if not unit.path.startswith(organiser.path):
            raise RuleViolation(
                "units",
                _("%(unit)s is not under the organising unit.") % {"unit": unit},
                "unit_outside_cycle",
            )


def _default_groups(cycle: AppraisalCycle, acting_user: User) -> None:
    figures = appraisal_figures()
    weights = (figures.leaders_weight, figures.middle_cadres_weight, figures.staff_weight)
    names = (_("College leaders"), _("Middle-level cadres"), _("Staff representatives"))
    for (_english, _default), name, weight in zip(DEFAULT_GROUP_WEIGHTS, names, weights, strict=True):
        if weight:
            history_save(RaterGroup(cycle=cycle, name=name, weight=weight), acting_user=acting_user)


def _copy_template(cycle: AppraisalCycle, template: IndicatorTemplate, acting_user: User) -> None:
    for row in template.indicators.all():
        indicator = Indicator(
            cycle=cycle, dimension=row.dimension, name=row.name, weight=row.weight, order=row.order
        )
        history_save(indicator, acting_user=acting_user)


@transaction.atomic
def cycle_create(
    *,
    kind: str,
    year: int,
    name: str,
    units: list[OrgUnit],
    on: datetime.date,
    acting_user: User,
    unit: OrgUnit | None = None,
    quarter: int | None = None,
    closes_on: datetime.date | None = None,
    template: IndicatorTemplate | None = None,
) -> AppraisalCycle:
    """A draft cycle over `units` with the default rater groups, the template's indicators and the
    cadres serving in the units on `on` as participants; the organiser defaults to the units'
    deepest common unit."""
    units = list(dict.fromkeys(units))
    organiser = unit or common_ancestor(units)
    if organiser is None:
        raise RuleViolation("units", _("Name at least one unit."), "required")
    if kind == CycleKind.ROUTINE and quarter is None:
        raise RuleViolation("quarter", _("A routine appraisal names its quarter."), "required")
    cycle = AppraisalCycle(
        unit=organiser,
        kind=kind,
        year=year,
        name=name,
        on=on,
        quarter=quarter,
        closes_on=closes_on,
        template=template,
        scoring_kind=template.scoring_kind if template else "score",
    )
    record_save(cycle, acting_user=acting_user, unit=organiser, scope_field="units")
    _check_units(units, organiser, acting_user)
    cycle.units.set(units)
    _default_groups(cycle, acting_user)
    if template is not None:
        _copy_template(cycle, template, acting_user)
    _derive_participants(cycle, units, acting_user)
    return cycle


def _derive_participants(cycle: AppraisalCycle, units: list[OrgUnit], acting_user: User) -> None:
    serving = serving_cadres(units=units, on=cycle.on)
    kept = set(Participant.objects.filter(cycle=cycle).values_list("cadre_id", flat=True))
    for cadre_id, unit_id in serving.items():
        if cadre_id not in kept:
            history_save(
                Participant(cycle=cycle, cadre_id=cadre_id, unit_id=unit_id), acting_user=acting_user
            )


@transaction.atomic
def participant_add(*, cycle: AppraisalCycle, cadre: Cadre, reason: str, acting_user: User) -> Participant:
    """HR adds a cadre who does not serve in the units on the as-of date, with a reason."""
    cycle = lock_cycle(cycle)
    _ensure_state(cycle, EDITABLE_STATES)
    ensure_unit_in_scope(acting_user, cycle.unit, field="cycle")
    ensure_unit_in_scope(acting_user, cadre.unit, field="cadre")
    if not reason.strip():
        raise RuleViolation("reason", _("Say why the participant is added."), "reason_required")
    participant = Participant.objects.filter(cycle=cycle, cadre=cadre).first()
    if participant is not None and not participant.removed:
        raise RuleViolation("cadre", _("The cadre already takes part in this cycle."), "already_participant")
    participant = participant or Participant(cycle=cycle, cadre=cadre, unit=cadre.unit)
    participant.removed, participant.added_by_hr, participant.reason = False, True, reason
    return record_save(participant, acting_user=acting_user, unit=cycle.unit, scope_field="cycle")


@transaction.atomic
def participant_remove(*, participant: Participant, reason: str, acting_user: User) -> Participant:
    """HR removes a participant, with a reason; the row stays, marked removed."""
    _ensure_state(lock_cycle(participant.cycle), EDITABLE_STATES)
    if not reason.strip():
        raise RuleViolation("reason", _("Say why the participant is removed."), "reason_required")
    participant.removed, participant.reason = True, reason
    return record_save(participant, acting_user=acting_user, unit=participant.cycle.unit, scope_field="cycle")


@transaction.atomic
def participant_facts_save(
    *, participant: Participant, under_investigation: bool, absent_over_half_year: bool, acting_user: User
) -> Participant:
    """Record what makes a participant not graded (不定等次) while the cycle is not yet confirmed."""
    _ensure_state(lock_cycle(participant.cycle), GRADING_STATES)
    participant.under_investigation = under_investigation
    participant.absent_over_half_year = absent_over_half_year
    record_save(participant, acting_user=acting_user, unit=participant.cycle.unit, scope_field="cycle")
    _refresh_ceilings(participant.cycle, [participant], acting_user)
    return participant


@transaction.atomic
def indicator_add(
    *, cycle: AppraisalCycle, dimension: str, name: str, weight: int, acting_user: User
) -> Indicator:
    cycle = lock_cycle(cycle)
    _ensure_state(cycle, EDITABLE_STATES)
    order = cycle.indicators.count()
    indicator = Indicator(cycle=cycle, dimension=dimension, name=name, weight=weight, order=order)
    return record_save(indicator, acting_user=acting_user, unit=cycle.unit, scope_field="cycle")


@transaction.atomic
def rater_group_add(*, cycle: AppraisalCycle, name: str, weight: int, acting_user: User) -> RaterGroup:
    cycle = lock_cycle(cycle)
    _ensure_state(cycle, EDITABLE_STATES)
    return record_save(
        RaterGroup(cycle=cycle, name=name, weight=weight),
        acting_user=acting_user,
        unit=cycle.unit,
        scope_field="cycle",
    )


@transaction.atomic
def rater_group_remove(*, group: RaterGroup, acting_user: User) -> None:
    _ensure_state(lock_cycle(group.cycle), EDITABLE_STATES)
    ensure_unit_in_scope(acting_user, group.cycle.unit, field="cycle")
    group._history_user = acting_user
    group.delete()


def _sanctions_of(cadre_ids: list[int], on: datetime.date) -> dict[int, tuple]:
    """cadre id -> sanctions, in one query when oversight answers for many (cadres' registry)."""
    many = FACT_LOADERS_MANY.get(SANCTIONS_FACT)
    if many is not None:
        return many(cadres=cadre_ids, on=on)
    loader = FACT_LOADERS.get(SANCTIONS_FACT)
    if loader is None:
        return {}
    return {cadre.pk: loader(cadre=cadre, on=on) for cadre in Cadre.objects.filter(pk__in=cadre_ids)}


def _refresh_ceilings(cycle: AppraisalCycle, participants, acting_user: User) -> None:
    """Store each participant's ceiling for the cycle's year; the sanctions of all of them are
    read at once, and only the rows whose ceiling changed are written (with their history)."""
    participants = list(participants)
    rules = ceiling_rules()
    sanctions = _sanctions_of([p.cadre_id for p in participants], datetime.date(cycle.year, 12, 31))
    changed = []
    for participant in participants:
        ceiling = grade_ceiling(
            year=cycle.year,
            sanctions=sanctions.get(participant.cadre_id, ()),
            rules=rules,
            under_investigation=participant.under_investigation,
            absent_over_half_year=participant.absent_over_half_year,
        )
        grade, reasons = ceiling.grade or "", [r.as_dict() for r in ceiling.reasons]
        if (participant.ceiling, participant.ceiling_reasons) != (grade, reasons) or participant.pk is None:
            participant.ceiling, participant.ceiling_reasons = grade, reasons
            changed.append(participant)
    if changed:
        bulk_update_with_history(
            changed, Participant, ["ceiling", "ceiling_reasons"], default_user=acting_user, batch_size=500
        )


def cycle_refresh_ceilings(cycle: AppraisalCycle, acting_user: User) -> None:
    participants = cycle.participants.filter(removed=False)
    _refresh_ceilings(cycle, participants, acting_user)


@transaction.atomic
def cycle_open(*, cycle: AppraisalCycle, acting_user: User) -> AppraisalCycle:
    """draft → open: refused with `weights_not_100` when either set of weights is off 100."""
    cycle = lock_cycle(cycle)
    ensure_unit_in_scope(acting_user, cycle.unit, field="cycle")
    state = cycle_next_state(state=cycle.state, action="open")
    refusals = cycle_open_refusals(
        indicator_weights=list(cycle.indicators.values_list("weight", flat=True)),
        group_weights=list(cycle.rater_groups.values_list("weight", flat=True)),
        participant_count=cycle.participants.filter(removed=False).count(),
    )
    if refusals:
        raise ValidationError({k: v for r in refusals for k, v in r.error_dict.items()})
    cycle.state = state
    history_save(cycle, acting_user=acting_user, update_fields=["state"])
    cycle_refresh_ceilings(cycle, acting_user)
    return cycle


@transaction.atomic
def cycle_close(*, cycle: AppraisalCycle, acting_user: User) -> AppraisalCycle:
    """open → closed: no more ballots; the ceilings are read again for the results."""
    cycle = lock_cycle(cycle)
    ensure_unit_in_scope(acting_user, cycle.unit, field="cycle")
    cycle.state = cycle_next_state(state=cycle.state, action="close")
    history_save(cycle, acting_user=acting_user, update_fields=["state"])
    # Rewrite every code row of the cycle in this one transaction: PostgreSQL's row versions
    # (xmin, position) of a claimed code would otherwise match those of its ballot.
    BallotCode.objects.filter(cycle=cycle).update(used=F("used"))
    cycle_refresh_ceilings(cycle, acting_user)
    return cycle


def cycles_close_due(*, on: datetime.date, acting_user: User) -> list[AppraisalCycle]:
    """Close the open cycles whose last day (`closes_on`) is before `on`; a second run closes none."""
    due = AppraisalCycle.objects.filter(state=CycleState.OPEN, closes_on__lt=on)
    return [cycle_close(cycle=cycle, acting_user=acting_user) for cycle in due]


@transaction.atomic
def cycle_save(*, cycle: AppraisalCycle, acting_user: User) -> AppraisalCycle:
    """Save a cycle's name and last day (the admin's change form); refused once confirmed."""
    locked = lock_cycle(cycle)
    _ensure_state(locked, GRADING_STATES)
    cycle.state = locked.state
    return record_save(cycle, acting_user=acting_user, unit=cycle.unit)
