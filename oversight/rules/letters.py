"""Which responsibility letters a year needs, from plain facts of the org tree and the leadership
posts: the secretary signs with every other committee member, each member (the secretary too) with
each unit the member's post oversees; what cannot be generated is a gap."""

from dataclasses import dataclass

from oversight.choices import LetterGap, LetterTier


@dataclass(frozen=True)
class LeaderPost:
    post_id: int
    holder_id: int | None  # the cadre holding it, None when vacant
    is_secretary: bool
    oversees: tuple[int, ...]  # unit ids (Post.supervised_units)


@dataclass(frozen=True)
class UnitFact:
    unit_id: int
    principal_post_id: int | None  # the unit's first principal post
    principal_id: int | None  # who holds it


@dataclass(frozen=True)
class PlannedLetter:
    tier: str
    issuer_post_id: int
    signatory_post_id: int | None
    unit_id: int
    issuer_id: int | None
    signatory_id: int | None


@dataclass(frozen=True)
class Gap:
    code: str
    post_id: int | None = None
    unit_id: int | None = None


@dataclass(frozen=True)
class LetterPlan:
    letters: tuple[PlannedLetter, ...]
    gaps: tuple[Gap, ...]


def letter_plan(
    *, leaders: list[LeaderPost], units: list[UnitFact], leadership_unit_id: int | None
) -> LetterPlan:
    """`units`: every unit that must sign (the institution's first-level units). A unit no
    leader oversees is a gap, as is a vacant leadership post and a unit without a principal post."""
    letters: list[PlannedLetter] = []
    gaps: list[Gap] = []
    secretary = next((p for p in leaders if p.is_secretary), None)
    if secretary is None:
        gaps.append(Gap(LetterGap.NO_SECRETARY))
    for post in leaders:
        if post.holder_id is None:
            gaps.append(Gap(LetterGap.VACANT_ISSUER, post_id=post.post_id))
        if secretary is not None and post is not secretary and leadership_unit_id is not None:
            letters.append(
                PlannedLetter(
                    LetterTier.MEMBER,
                    secretary.post_id,
                    post.post_id,
                    leadership_unit_id,
                    secretary.holder_id,
                    post.holder_id,
                )
            )
    by_id = {u.unit_id: u for u in units}
    overseen: set[int] = set()
    for post in leaders:
        for unit_id in post.oversees:
            unit = by_id.get(unit_id)
            if unit is None:  # a unit that signs with nobody (inactive, or below the first level)
                continue
            overseen.add(unit_id)
            letters.append(
                PlannedLetter(
                    LetterTier.UNIT,
                    post.post_id,
                    unit.principal_post_id,
                    unit_id,
                    post.holder_id,
                    unit.principal_id,
                )
            )
    for unit in units:
        if unit.unit_id not in overseen:
            gaps.append(Gap(LetterGap.NO_OVERSEER, unit_id=unit.unit_id))
        if unit.principal_post_id is None:
            gaps.append(Gap(LetterGap.NO_PRINCIPAL, unit_id=unit.unit_id))
    return LetterPlan(tuple(letters), tuple(gaps))
