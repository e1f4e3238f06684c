"""The life of an appraisal cycle: draft → open → closed → confirmed, and what opening needs."""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from appraisal.choices import CycleState
from core.errors import RuleViolation

WEIGHTS_TOTAL = 100

# action → (the state it starts from, the state it leads to)
TRANSITIONS: dict[str, tuple[str, str]] = {
    "open": (CycleState.DRAFT, CycleState.OPEN),
    "close": (CycleState.OPEN, CycleState.CLOSED),
    "confirm": (CycleState.CLOSED, CycleState.CONFIRMED),
}
# States in which the cycle's set-up (units, participants, indicators, groups) may change.
EDITABLE_STATES = frozenset({CycleState.DRAFT})
# States in which the participants' facts (investigation, absence) may still change.
GRADING_STATES = frozenset({CycleState.DRAFT, CycleState.OPEN, CycleState.CLOSED})


def cycle_next_state(*, state: str, action: str) -> str:
    """The state `action` leads to from `state`; refused with `invalid_transition` otherwise."""
    try:
        start, end = TRANSITIONS[action]
    except KeyError:
        raise ValueError(f"unknown cycle action {action!r}") from None
    if state != start:
        raise RuleViolation(
            "state",
            _("A cycle in state %(state)s cannot be %(action)s.")
            % {"state": CycleState(state).label, "action": action},
            "invalid_transition",
            state=state,
        )
    return end


def weights_sum_to_100(*, weights: Sequence[int]) -> bool:
    return sum(weights) == WEIGHTS_TOTAL


def cycle_open_refusals(
    *, indicator_weights: Sequence[int], group_weights: Sequence[int], participant_count: int
) -> list[RuleViolation]:
    """What stands in the way of opening: weights off 100 (`weights_not_100`), nobody to appraise."""
    refusals = []
    if not weights_sum_to_100(weights=indicator_weights):
        refusals.append(
            RuleViolation(
                "indicators",
                _("The indicator weights sum to %(sum)s, not 100.") % {"sum": sum(indicator_weights)},
                "weights_not_100",
            )
        )
    if not weights_sum_to_100(weights=group_weights):
        refusals.append(
            RuleViolation(
                "rater_groups",
                _("The rater group weights sum to %(sum)s, not 100.") % {"sum": sum(group_weights)},
                "weights_not_100",
            )
        )
    if participant_count == 0:
        refusals.append(RuleViolation("participants", _("The cycle has no participants."), "no_participants"))
    return refusals
