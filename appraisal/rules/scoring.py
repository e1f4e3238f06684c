"""Democratic evaluation scores: composites with re-weighting, ranks, thresholds and the 优秀 quota.

The tie rule at the quota's cut: participants are ordered by composite; when the last place
within the quota is shared by a participant beyond it, none of those tied at the cut is
proposed 优秀 (称职 instead, reason `tie_at_quota_cut`), so the quota is never exceeded by a
proposal; the committee may then confirm one of them 优秀 with a reason, within the quota.
"""

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from appraisal.choices import GRADE_ORDER, Grade
from core.errors import RuleViolation

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Composite:
    value: Decimal | None  # None: no group returned a ballot for the participant
    reweighted: bool  # a group with a weight returned none, its weight shared out pro rata


def composite_score(
    *, group_means: Mapping[Hashable, Decimal | None], group_weights: Mapping[Hashable, int]
) -> Composite:
    """Σ group weight × group mean over the groups that returned ballots, the weights of those
    that did not shared out among the others in proportion to their own weights."""
    present = {g: group_means[g] for g in group_weights if group_means.get(g) is not None}
    total = sum(group_weights[g] for g in present)
    if not present or total == 0:
        return Composite(None, False)
    value = sum(Decimal(group_weights[g]) * Decimal(mean) for g, mean in present.items()) / total
    return Composite(value.quantize(CENT, ROUND_HALF_UP), len(present) < len(group_weights))


def ranks(*, composites: Mapping[Hashable, Decimal | None]) -> dict[Hashable, int | None]:
    """Competition ranking (1, 2, 2, 4) by composite, best first; no composite, no rank."""
    scored = sorted((v for v in composites.values() if v is not None), reverse=True)
    first_place = {}
    for place, value in enumerate(scored, start=1):
        first_place.setdefault(value, place)
    return {key: (None if v is None else first_place[v]) for key, v in composites.items()}


@dataclass(frozen=True)
class Thresholds:
    excellent: Decimal
    competent: Decimal
    basically_competent: Decimal


def threshold_grade(*, composite: Decimal, thresholds: Thresholds) -> str:
    """The grade a composite reaches: each threshold is the lowest composite of its grade."""
    if composite >= thresholds.excellent:
        return Grade.EXCELLENT
    if composite >= thresholds.competent:
        return Grade.COMPETENT
    if composite >= thresholds.basically_competent:
        return Grade.BASICALLY_COMPETENT
    return Grade.INCOMPETENT


def excellent_quota(*, participants: int, percent: int) -> int:
    """At most `percent` % of the participants, rounded down: 12 at 20 % → 2; 4 → 0."""
    return participants * percent // 100


def worse_grade(a: str, b: str) -> str:
    return GRADE_ORDER[max(GRADE_ORDER.index(a), GRADE_ORDER.index(b))]


@dataclass(frozen=True)
class Reason:
    code: str
    message: str

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class Entry:
    """A participant as the proposal sees it."""

    key: Hashable
    composite: Decimal | None
    quota_group: Hashable  # the cycle, or the participant's unit
    ceiling: str | None = None  # the best grade allowed, None: no ceiling
    not_graded: bool = False  # under investigation, absent over half the year
    ceiling_reasons: tuple[Reason, ...] = ()


@dataclass
class Proposal:
    grade: str
    reasons: list[Reason] = field(default_factory=list)


def _first_grade(entry: Entry, thresholds: Thresholds) -> Proposal:
    if entry.not_graded:
        return Proposal(Grade.NOT_GRADED, list(entry.ceiling_reasons))
    if entry.composite is None:
        return Proposal(Grade.NOT_GRADED, [Reason("no_ballots", _("No ballot scored this participant."))])
    grade = threshold_grade(composite=entry.composite, thresholds=thresholds)
    if entry.ceiling is not None and worse_grade(grade, entry.ceiling) != grade:
        return Proposal(entry.ceiling, list(entry.ceiling_reasons))
    return Proposal(grade, [])


def _apply_quota(candidates: list[Entry], quota: int, proposals: dict) -> None:
    candidates.sort(key=lambda e: e.composite, reverse=True)
    if len(candidates) <= quota:
        return
    cut = candidates[quota - 1].composite if quota else None
    tied_beyond = quota > 0 and candidates[quota].composite == cut
    for index, entry in enumerate(candidates):
        if tied_beyond and entry.composite == cut:
            reason = Reason(
                "tie_at_quota_cut", _("Tied at the 优秀 quota's cut: none of the tied is proposed 优秀.")
            )
        elif index >= quota:
            reason = Reason("excellent_quota", _("Beyond the 优秀 quota of %(quota)d.") % {"quota": quota})
        else:
            continue
        proposals[entry.key] = Proposal(Grade.COMPETENT, [*proposals[entry.key].reasons, reason])


def proposed_grades(
    *, entries: Sequence[Entry], thresholds: Thresholds, quota_percent: int
) -> dict[Hashable, Proposal]:
    """Each participant's proposed grade: the threshold grade, capped by the ceiling, then the
    优秀 quota of its quota group (counted over all its participants) with the tie rule above."""
    proposals = {entry.key: _first_grade(entry, thresholds) for entry in entries}
    groups: dict[Hashable, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.quota_group, []).append(entry)
    for members in groups.values():
        quota = excellent_quota(participants=len(members), percent=quota_percent)
        candidates = [e for e in members if proposals[e.key].grade == Grade.EXCELLENT]
        _apply_quota(candidates, quota, proposals)
    return proposals


def quota_counts(*, entries: Sequence[Entry], quota_percent: int) -> dict[Hashable, int]:
    """The 优秀 quota of each quota group."""
    sizes: dict[Hashable, int] = {}
    for entry in entries:
        sizes[entry.quota_group] = sizes.get(entry.quota_group, 0) + 1
    return {g: excellent_quota(participants=n, percent=quota_percent) for g, n in sizes.items()}


def confirmation_refusals(
    *,
    entries: Sequence[Entry],
    finals: Mapping[Hashable, str],
    override_reasons: Mapping[Hashable, str],
    quota_percent: int,
) -> list[RuleViolation]:
    """What refuses a confirmation: an override without a reason (`reason_required`), a grade for
    someone who cannot be graded (`not_gradable`) or above the ceiling (`above_ceiling`), more 优秀
    than a quota group's quota (`excellent_quota_exceeded`)."""
    refusals = []
    for entry in entries:
        if entry.key not in override_reasons:
            continue
        grade = finals[entry.key]
        if not override_reasons[entry.key].strip():
            refusals.append(RuleViolation("grades", _("An override needs a reason."), "reason_required"))
        elif grade == Grade.NOT_GRADED:
            continue
        elif entry.not_graded:
            refusals.append(RuleViolation("grades", _("This participant cannot be graded."), "not_gradable"))
        elif entry.ceiling is not None and worse_grade(grade, entry.ceiling) != grade:
            refusals.append(
                RuleViolation("grades", _("The grade is above the participant's ceiling."), "above_ceiling")
            )
    quotas = quota_counts(entries=entries, quota_percent=quota_percent)
    excellent: dict[Hashable, int] = {}
    for entry in entries:
        if finals[entry.key] == Grade.EXCELLENT:
            excellent[entry.quota_group] = excellent.get(entry.quota_group, 0) + 1
    for group, count in excellent.items():
        if count > quotas[group]:
            refusals.append(
                RuleViolation(
                    "grades",
                    _("%(count)d 优秀 exceed the quota of %(quota)d.")
                    % {"count": count, "quota": quotas[group]},
                    "excellent_quota_exceeded",
                )
            )
    return refusals
