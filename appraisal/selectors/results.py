"""The results of a cycle: group means, composites, ranks and the proposed grades."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Sum, Value
from django.db.models.functions import Coalesce

from appraisal.choices import QuotaBasis
from appraisal.models import AppraisalCycle, BallotScore, Participant
from appraisal.rules.scoring import CENT, Entry, Reason, composite_score, proposed_grades, quota_counts, ranks
from appraisal.selectors.cycles import appraisal_figures, participant_list, thresholds


def group_means(*, cycle: AppraisalCycle) -> dict[int, dict[int, Decimal]]:
    """participant id → rater group id → mean of the ballots' overall scores (one query).

    A ballot's overall score for a participant is Σ indicator weight × score / 100, or its one
    overall score when it scored no indicators."""
    rows = (
        BallotScore.objects.filter(ballot__cycle=cycle)
        .order_by()
        .values_list("participant_id", "ballot__group_id")
        .annotate(
            total=Sum(F("score") * Coalesce(F("indicator__weight"), Value(100))),
            ballots=Count("ballot_id", distinct=True),
        )
    )
    means: dict[int, dict[int, Decimal]] = {}
    for participant, group, total, ballots in rows:
        means.setdefault(participant, {})[group] = (Decimal(total) / 100 / ballots).quantize(CENT)
    return means


@dataclass(frozen=True)
class ResultRow:
    participant: Participant
    composite: Decimal | None
    rank: int | None
    proposed_grade: str
    group_means: dict[int, Decimal]
    reweighted: bool
    reasons: list[Reason]
    quota_group: int


def _entries(participants, composites, basis: str) -> list[Entry]:
    return [
        Entry(
            key=p.pk,
            composite=composites[p.pk].value,
            quota_group=p.unit_id if basis == QuotaBasis.UNIT else p.cycle_id,
            ceiling=p.ceiling if p.ceiling and p.ceiling != "not_graded" else None,
            not_graded=p.ceiling == "not_graded",
            ceiling_reasons=tuple(Reason(r["code"], r["message"]) for r in p.ceiling_reasons),
        )
        for p in participants
    ]


@dataclass(frozen=True)
class CycleResults:
    rows: list[ResultRow]
    entries: list[Entry]
    quotas: dict[int, int]
    quota_percent: int
    quota_basis: str


def cycle_results(*, cycle: AppraisalCycle) -> CycleResults:
    figures = appraisal_figures()
    participants = list(participant_list(cycle=cycle, include_removed=False))
    weights = dict(cycle.rater_groups.values_list("pk", "weight"))
    means = group_means(cycle=cycle)
    composites = {
        p.pk: composite_score(group_means=means.get(p.pk, {}), group_weights=weights) for p in participants
    }
    entries = _entries(participants, composites, figures.quota_basis)
    proposals = proposed_grades(
        entries=entries, thresholds=thresholds(figures), quota_percent=figures.excellent_quota_percent
    )
    places = ranks(composites={k: c.value for k, c in composites.items()})
    rows = [
        ResultRow(
            participant=p,
            composite=composites[p.pk].value,
            rank=places[p.pk],
            proposed_grade=proposals[p.pk].grade,
            group_means=means.get(p.pk, {}),
            reweighted=composites[p.pk].reweighted,
            reasons=proposals[p.pk].reasons,
            quota_group=entry.quota_group,
        )
        for p, entry in zip(participants, entries, strict=True)
    ]
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.participant.cadre.name))
    quotas = quota_counts(entries=entries, quota_percent=figures.excellent_quota_percent)
    return CycleResults(rows, entries, quotas, figures.excellent_quota_percent, figures.quota_basis)


@dataclass(frozen=True)
class PayRow:
    cadre: str
    unit: str
    grade: str
    coefficient: Decimal | None


def pay_coefficients(*, cycle: AppraisalCycle) -> list[PayRow]:
    """Each confirmed participant's grade and its performance-pay coefficient (settings row)."""
    figures = appraisal_figures()
    return [
        PayRow(p.cadre.name, p.unit.name, p.get_grade_display(), figures.pay_coefficient(p.grade))
        for p in participant_list(cycle=cycle, include_removed=False).exclude(grade="")
    ]
