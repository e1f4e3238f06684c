"""The party committee's decision (讨论决定): quorum and majority.

At least 2/3 of the members must be present; a decision needs more than half of the members
who should attend, not of those present. Integer arithmetic only, so 2/3 of 10 is never
rounded: 7 present is enough (7 × 3 ≥ 10 × 2), 6 is not.
"""

from dataclasses import dataclass, field

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _


def _interpolate(template: str, params: dict) -> str:
    return str(template) % params


_render = lazy(_interpolate, str)


@dataclass(frozen=True)
class RuleResult:
    ok: bool
    code: str = ""
    message: str = ""  # lazy; rendered with params
    params: dict = field(default_factory=dict)

    def __bool__(self) -> bool:
        return self.ok


def _fail(code: str, template: str, params: dict) -> RuleResult:
    return RuleResult(ok=False, code=code, message=_render(template, params), params=params)


def _ceil_fraction(total: int, numerator: int, denominator: int) -> int:
    return -(-total * numerator // denominator)


def check_quorum(
    *, members_total: int, members_present: int, numerator: int = 2, denominator: int = 3
) -> RuleResult:
    params = {
        "members_total": members_total,
        "members_present": members_present,
        "numerator": numerator,
        "denominator": denominator,
    }
    if min(members_present, numerator) < 0 or members_total < 1 or denominator < 1:
        return _fail("invalid_counts", _("The member counts are not valid."), params)
    if members_present > members_total:
        return _fail("invalid_counts", _("More members are present than the committee has."), params)
    params["required"] = _ceil_fraction(members_total, numerator, denominator)
    if members_present * denominator < members_total * numerator:
        return _fail(
            "quorum_not_met",
            _(
                "%(members_present)s of %(members_total)s members are present; "
                "at least %(required)s (%(numerator)s/%(denominator)s) must be."
            ),
            params,
        )
    return RuleResult(ok=True, params=params)


def check_votes(
    *, members_total: int, votes_for: int, numerator: int = 1, denominator: int = 2
) -> RuleResult:
    """More than numerator/denominator (default one half) of all members must vote for."""
    params = {"members_total": members_total, "votes_for": votes_for}
    if votes_for < 0 or members_total < 1 or numerator < 0 or denominator < 1:
        return _fail("invalid_counts", _("The vote counts are not valid."), params)
    if votes_for > members_total:
        return _fail("invalid_counts", _("More votes for than the committee has members."), params)
    params["required"] = members_total * numerator // denominator + 1
    if votes_for * denominator <= members_total * numerator:
        return _fail(
            "votes_insufficient",
            _(
                "%(votes_for)s of %(members_total)s members voted for; "
                "at least %(required)s (more than half of all members) are needed."
            ),
            params,
        )
    return RuleResult(ok=True, params=params)


def is_approved(*, members_total: int, votes_for: int) -> bool:
    return check_votes(members_total=members_total, votes_for=votes_for).ok


@dataclass(frozen=True)
class SeatCut:
    """Who of those reaching the majority takes the post's seats; a tie at the cut decides nobody."""

    ok: bool
    approved: tuple = ()
    not_approved: tuple = ()
    code: str = ""
    message: str = ""  # lazy; rendered with params
    params: dict = field(default_factory=dict)

    def __bool__(self) -> bool:
        return self.ok


def seat_cut(*, passing: list[tuple[object, int]], seats: int = 1) -> SeatCut:
    """At most `seats` of the (key, votes for) pairs that reached the majority, most votes first;
    refused with `tie_at_cut` when the last seat and the next in line have as many votes."""
    ranked = sorted(passing, key=lambda pair: -pair[1])
    if len(ranked) <= seats:
        return SeatCut(ok=True, approved=tuple(key for key, _votes in ranked))
    if seats > 0 and ranked[seats - 1][1] == ranked[seats][1]:
        params = {"seats": seats, "votes_for": ranked[seats][1]}
        message = _render(
            _(
                "Several candidates reached the majority with %(votes_for)s votes for %(seats)s seat(s): "
                "the committee must vote again."
            ),
            params,
        )
        return SeatCut(ok=False, code="tie_at_cut", message=message, params=params)
    return SeatCut(
        ok=True,
        approved=tuple(key for key, _votes in ranked[:seats]),
        not_approved=tuple(key for key, _votes in ranked[seats:]),
    )
