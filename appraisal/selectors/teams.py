"""Reads of the leadership teams appraised beside their members: group means and results."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg

from appraisal.models import AppraisalCycle, LeadershipTeam, Participant, TeamScore
from appraisal.rules.scoring import CENT, composite_score
from appraisal.rules.teams import team_grade
from appraisal.selectors.cycles import appraisal_figures, thresholds


def team_list(*, cycle: AppraisalCycle) -> list[LeadershipTeam]:
    return list(LeadershipTeam.objects.filter(cycle=cycle).select_related("unit"))


def team_means(*, cycle: AppraisalCycle) -> dict[int, dict[int, Decimal]]:
    """team id → rater group id → mean score (one query)."""
    rows = (
        TeamScore.objects.filter(ballot__cycle=cycle)
        .order_by()
        .values_list("team_id", "ballot__group_id")
        .annotate(mean=Avg("score"))
    )
    means: dict[int, dict[int, Decimal]] = {}
    for team, group, mean in rows:
        means.setdefault(team, {})[group] = Decimal(mean).quantize(CENT)
    return means


@dataclass(frozen=True)
class TeamResult:
    team: LeadershipTeam
    composite: Decimal | None
    group_means: dict[int, Decimal]
    reweighted: bool
    proposed_grade: str
    members: list[Participant]


def team_results(*, cycle: AppraisalCycle, participants: list[Participant] | None = None) -> list[TeamResult]:
    """Each team's composite by the cycle's group weights, its proposed grade, and its members
    (the participants serving in the team's unit or under it)."""
    teams = team_list(cycle=cycle)
    if not teams:
        return []
    weights = dict(cycle.rater_groups.values_list("pk", "weight"))
    means = team_means(cycle=cycle)
    limits = thresholds(appraisal_figures())
    if participants is None:
        participants = list(cycle.participants.filter(removed=False).select_related("cadre", "unit"))
    out = []
    for team in teams:
        composite = composite_score(group_means=means.get(team.pk, {}), group_weights=weights)
        members = [p for p in participants if p.unit.path.startswith(team.unit.path)]
        out.append(
            TeamResult(
                team,
                composite.value,
                means.get(team.pk, {}),
                composite.reweighted,
                team_grade(composite=composite.value, thresholds=limits),
                members,
            )
        )
    return out
