"""Reads of appraisal cycles: lists, participants, who serves in the units, ballot progress."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from appraisal.models import (
    AppraisalCycle,
    AppraisalSettings,
    BallotCode,
    GradeCeiling,
    Participant,
    RaterGroup,
)
from appraisal.rules.ballot_codes import code_digest
from appraisal.rules.ceilings import CeilingRule
from appraisal.rules.scoring import Thresholds
from cadres.models import Appointment, OrgUnit
from cadres.selectors.appointments import held_on
from core.scope import scoped


def appraisal_figures() -> AppraisalSettings:
    row, _created = AppraisalSettings.objects.get_or_create(pk=1)
    return row


def thresholds(figures: AppraisalSettings) -> Thresholds:
    return Thresholds(figures.excellent_min, figures.competent_min, figures.basically_competent_min)


def ceiling_rules() -> dict[str, CeilingRule]:
    return {
        row.sanction_kind: CeilingRule(row.sanction_kind, row.ceiling, row.applies, row.reason)
        for row in GradeCeiling.objects.all()
    }


def cycle_list(*, user):
    return (
        scoped(user, AppraisalCycle.objects.select_related("unit"))
        .annotate(
            participant_count=Count("participants", filter=Q(participants__removed=False), distinct=True)
        )
        .order_by("-year", "-id")
    )


def cycle_get(*, user, pk: int) -> AppraisalCycle:
    return scoped(user, AppraisalCycle.objects.select_related("unit")).get(pk=pk)


def participant_list(*, cycle: AppraisalCycle, include_removed: bool = True):
    rows = Participant.objects.filter(cycle=cycle).select_related("cadre", "unit")
    return rows if include_removed else rows.filter(removed=False)


def serving_cadres(*, units, on: datetime.date) -> dict[int, int]:
    """cadre id → unit id of the cadres whose primary post on `on` lies in one of `units` or under it."""
    paths = Q()
    for unit in units:
        paths |= Q(post__unit__path__startswith=unit.path)
    if not paths:
        return {}
    rows = Appointment.objects.filter(held_on(on), paths, is_primary=True).values_list(
        "cadre_id", "post__unit_id"
    )
    return dict(rows.order_by("cadre_id", "start_date"))


def common_ancestor(units: list[OrgUnit]) -> OrgUnit | None:
    """The deepest unit that all `units` lie in or under (by the materialized paths)."""
    if not units:
        return None
    parts = [u.path.strip("/").split("/") for u in units]
    common = []
    for column in zip(*parts, strict=False):
        if len(set(column)) != 1:
            break
        common.append(column[0])
    return OrgUnit.objects.get(path="/" + "/".join(common) + "/") if common else None


@dataclass(frozen=True)
class GroupProgress:
    group: RaterGroup
    issued: int
    returned: int


def ballot_progress(*, cycle: AppraisalCycle) -> list[GroupProgress]:
    """Per rater group: codes issued and ballots returned (used codes), never which ones."""
    rows = (
        BallotCode.objects.filter(cycle=cycle)
        .order_by()
        .values_list("group_id")
        .annotate(n=Count("id"), used=Count("id", filter=Q(used=True)))
    )
    counts = {group: (issued, used) for group, issued, used in rows}
    return [GroupProgress(g, *counts.get(g.pk, (0, 0))) for g in cycle.rater_groups.all()]


def ballot_cycle(*, code: str) -> tuple[AppraisalCycle, list[Participant]] | None:
    """The open cycle an unused code belongs to, with the participants to score; None otherwise
    (the ballot page says no more than that the code is not valid now)."""
    row = (
        BallotCode.objects.select_related("cycle")
        .filter(digest=code_digest(code), used=False, cycle__state="open")
        .first()
    )
    if row is None:
        return None
    return row.cycle, list(participant_list(cycle=row.cycle, include_removed=False))
