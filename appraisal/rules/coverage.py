"""The talks the party committee owes each year (谈心谈话全覆盖). Pure: who holds which
leadership post in, who talked with whom out.

Owed each year, once per pair (either of the two may have led the talk):
- the secretary with every committee member;
- committee members among themselves;
- each committee member with the heads (principal posts) of the units their post oversees (分管);
- each unit's heads with its deputies.
A pair owed for two reasons is owed once, under the first of these.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from appraisal.choices import CoveragePairKind


@dataclass(frozen=True)
class Member:
    """A committee member: the cadre, whether they hold the secretary's post, the units overseen."""

    cadre: int
    secretary: bool = False
    oversees: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class OwedPair:
    kind: str  # CoveragePairKind
    senior: int  # cadre id of the one who owes the talk
    junior: int  # cadre id of the one it is owed to
    unit: int | None  # the unit of the junior's post (None for committee pairs)
    talked: bool


def pair_key(a: int, b: int) -> frozenset[int]:
    return frozenset((a, b))


def owed_pairs(
    *,
    members: Iterable[Member],
    heads: dict[int, list[int]],
    deputies: dict[int, list[int]],
    talked: set[frozenset[int]],
    committee_unit: int | None = None,
) -> list[OwedPair]:
    """Every pair owed a talk, with whether the two talked (`talked`: pair_key of each talk)."""
    members = sorted(members, key=lambda m: (not m.secretary, m.cadre))
    wanted: list[tuple[str, int, int, int | None]] = []
    for senior, junior in combinations(members, 2):
        kind = CoveragePairKind.SECRETARY_MEMBER if senior.secretary else CoveragePairKind.MEMBER_MEMBER
        wanted.append((kind, senior.cadre, junior.cadre, committee_unit))
    for member in members:
        for unit in sorted(member.oversees):
            wanted += [
                (CoveragePairKind.MEMBER_HEAD, member.cadre, head, unit) for head in heads.get(unit, [])
            ]
    for unit in sorted(heads):
        for head in heads[unit]:
            wanted += [(CoveragePairKind.HEAD_DEPUTY, head, d, unit) for d in deputies.get(unit, [])]
    seen: set[frozenset[int]] = set()
    pairs = []
    for kind, senior, junior, unit in wanted:
        key = pair_key(senior, junior)
        if senior == junior or key in seen:
            continue
        seen.add(key)
        pairs.append(OwedPair(kind, senior, junior, unit, key in talked))
    return pairs
