"""Anonymous democratic evaluation: issuing one-time codes and taking in ballots.

What is kept, and what is not (docs/architecture.md, "Anonymous ballots"): a code is stored only
as a keyed hash (HMAC with the SECRET_KEY) beside its group and a used flag, with no time; a
ballot keeps its cycle, group, the day and the scores, under a random id, with no reference to
the code, and neither table has a history. Nobody is recorded as holding a code.
"""

from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from appraisal.choices import GRADE_POINTS, CycleState, ScoringKind
from appraisal.models import AppraisalCycle, Ballot, BallotCode, BallotScore, RaterGroup, TeamScore
from appraisal.rules.ballot_codes import code_digest, new_code
from appraisal.services.cycles import lock_cycle
from core.errors import RuleViolation
from core.models import User
from core.scope import ensure_unit_in_scope

MAX_CODES_PER_ISSUE = 2000
ISSUABLE_STATES = frozenset({CycleState.DRAFT, CycleState.OPEN})
# Refusals that are conflicts with the state of things (HTTP 409), not bad input.
CONFLICT_CODES = frozenset({"ballot_used", "cycle_closed", "cycle_not_open"})


@transaction.atomic
def ballots_issue(*, cycle: AppraisalCycle, group: RaterGroup, count: int, acting_user: User) -> list[str]:
    """`count` new codes for `group`: returned once, here, and never again."""
    cycle = lock_cycle(cycle)
    ensure_unit_in_scope(acting_user, cycle.unit, field="cycle")
    if group.cycle_id != cycle.pk:
        raise RuleViolation("group", _("The rater group is not of this cycle."), "does_not_exist")
    if cycle.state not in ISSUABLE_STATES:
        raise RuleViolation("cycle", _("The cycle is closed: no more ballots."), "cycle_closed")
    if not 1 <= count <= MAX_CODES_PER_ISSUE:
        raise RuleViolation(
            "count", _("Issue between 1 and %(max)d codes.") % {"max": MAX_CODES_PER_ISSUE}, "out_of_range"
        )
    codes = [new_code() for _i in range(count)]
    BallotCode.objects.bulk_create(BallotCode(cycle=cycle, group=group, digest=code_digest(c)) for c in codes)
    return codes


def _state_refusal(cycle: AppraisalCycle) -> RuleViolation | None:
    if cycle.state == CycleState.OPEN:
        return None
    if cycle.state == CycleState.DRAFT:
        return RuleViolation("code", _("The evaluation has not opened yet."), "cycle_not_open")
    return RuleViolation("code", _("The evaluation is closed."), "cycle_closed")


def _score_rows(cycle: AppraisalCycle, scores: list[dict]) -> list[tuple[int, int | None, Decimal]]:
    """(participant id, indicator id or None, score), each checked; refused as field `scores`."""
    participants = dict(cycle.participants.filter(removed=False).values_list("cadre_id", "pk"))
    scores = [entry for entry in scores if entry.get("team") is None]
    indicators = set(cycle.indicators.values_list("pk", flat=True))
    points = {Decimal(p) for p in GRADE_POINTS.values()}
    seen: dict[int, set] = defaultdict(set)
    rows = []
    for entry in scores:
        participant = participants.get(entry["cadre"])
        indicator, score = entry.get("indicator"), Decimal(entry["score"])
        if participant is None:
            raise RuleViolation("scores", _("Not a participant of this cycle."), "not_a_participant")
        if indicator is not None and indicator not in indicators:
            raise RuleViolation("scores", _("Not an indicator of this cycle."), "unknown_indicator")
        if not Decimal(0) <= score <= Decimal(100):
            raise RuleViolation("scores", _("A score lies between 0 and 100."), "out_of_range")
        if cycle.scoring_kind == ScoringKind.GRADE and score not in points:
            raise RuleViolation("scores", _("Give one of the four grades' points."), "not_a_grade_point")
        if indicator in seen[participant]:
            raise RuleViolation(
                "scores", _("A participant is scored twice on one indicator."), "duplicate_score"
            )
        seen[participant].add(indicator)
        rows.append((participant, indicator, score))
    for marks in seen.values():
        if marks != {None} and marks != indicators:
            raise RuleViolation(
                "scores",
                _("Score every indicator of a participant, or give one overall score."),
                "incomplete_scores",
            )
    return rows


def _team_rows(cycle: AppraisalCycle, scores: list[dict]) -> list[tuple[int, Decimal]]:
    """(team id, score) of the entries that score a leadership team: one overall score each."""
    entries = [entry for entry in scores if entry.get("team") is not None]
    if not entries:
        return []
    teams = set(cycle.teams.values_list("pk", flat=True))
    points = {Decimal(p) for p in GRADE_POINTS.values()}
    rows: dict[int, Decimal] = {}
    for entry in entries:
        team, score = entry["team"], Decimal(entry["score"])
        if team not in teams:
            raise RuleViolation("scores", _("Not a leadership team of this cycle."), "not_a_team")
        if entry.get("indicator") is not None or entry.get("cadre") is not None:
            raise RuleViolation("scores", _("A team gets one overall score."), "team_overall_only")
        if not Decimal(0) <= score <= Decimal(100):
            raise RuleViolation("scores", _("A score lies between 0 and 100."), "out_of_range")
        if cycle.scoring_kind == ScoringKind.GRADE and score not in points:
            raise RuleViolation("scores", _("Give one of the four grades' points."), "not_a_grade_point")
        if team in rows:
            raise RuleViolation("scores", _("A team is scored twice."), "duplicate_score")
        rows[team] = score
    return list(rows.items())


@transaction.atomic
def ballot_submit(*, code: str, scores: list[dict], acting_user: User) -> None:
    """Take in one ballot for the code's group. A code counts once: the conditional UPDATE that
    claims it makes a second, concurrent submission wait for the first and then find it used."""
    row = BallotCode.objects.select_related("cycle").filter(digest=code_digest(code)).first()
    if row is None:
        raise RuleViolation("code", _("Unknown ballot code."), "ballot_invalid")
    refusal = _state_refusal(row.cycle)
    if refusal is not None:
        raise refusal
    if not BallotCode.objects.filter(pk=row.pk, used=False).update(used=True):
        raise RuleViolation("code", _("This ballot code has been used."), "ballot_used")
    rows = _score_rows(row.cycle, scores)  # a refusal here rolls the claim back
    team_rows = _team_rows(row.cycle, scores)
    ballot = Ballot.objects.create(
        cycle_id=row.cycle_id, group_id=row.group_id, submitted_on=timezone.localdate()
    )
    BallotScore.objects.bulk_create(
        BallotScore(ballot=ballot, participant_id=p, indicator_id=i, score=s) for p, i, s in rows
    )
    TeamScore.objects.bulk_create(TeamScore(ballot=ballot, team_id=t, score=s) for t, s in team_rows)
