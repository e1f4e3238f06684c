"""The dates of the selection steps, in the order of the 2019 regulations.

recommendation ≤ candidates ≤ checks ≤ decision ≤ notice start; an objection is received within
the notice [start, end]; its resolution on or after its receipt; the appointment takes effect
after the notice ended. Every step happened on or before today, except that an appointment may
take effect later. The same day is always allowed, so a step may follow another on one day.
"""

import datetime
from dataclasses import dataclass

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from cadres.rules.decision import RuleResult

_OK = RuleResult(ok=True)
_render = lazy(lambda template, params: str(template) % params, str)


@dataclass(frozen=True)
class StepDates:
    """What a step's date is checked against: the step before it and, for some, a last day."""

    label: str  # the step, as a reader names it
    previous: str  # the step it must not precede
    until: str = ""  # the step whose date it must not pass
    strictly_after: bool = False  # not even on the same day as `previous`
    future_allowed: bool = False


STEP_DATES: dict[str, StepDates] = {
    "recommendation": StepDates(_("the recommendation"), ""),
    "candidates": StepDates(_("the choice of the candidate"), _("the recommendation")),
    "checks": StepDates(_("the check"), _("the choice of the candidate")),
    "decision": StepDates(_("the committee decision"), _("the last check")),
    "notice": StepDates(_("the start of the public notice"), _("the committee decision")),
    "objections": StepDates(
        _("the receipt of the objection"),
        _("the start of the public notice"),
        _("the end of the public notice"),
    ),
    "resolve": StepDates(_("the resolution of the objection"), _("the receipt of the objection")),
    "appoint": StepDates(
        _("the appointment's start"),
        _("the end of the public notice"),
        strictly_after=True,
        future_allowed=True,
    ),
}


def step_date_check(
    *,
    step: str,
    on: datetime.date,
    today: datetime.date,
    previous: datetime.date | None = None,
    until: datetime.date | None = None,
) -> RuleResult:
    """Whether step `step` may be dated `on`: `previous` is the date of the step before it (None
    when none is recorded), `until` the last day it may take (the notice end for an objection)."""
    rule = STEP_DATES[step]
    params = {"step": rule.label, "date": on, "today": today}
    if on > today and not rule.future_allowed:
        return RuleResult(
            ok=False,
            code="date_in_future",
            message=_render(_("The date of %(step)s (%(date)s) is after today (%(today)s)."), params),
            params=params,
        )
    if previous is not None and (on <= previous if rule.strictly_after else on < previous):
        params |= {"previous_step": rule.previous, "previous": previous}
        template = (
            _("The date of %(step)s (%(date)s) must be after %(previous_step)s (%(previous)s).")
            if rule.strictly_after
            else _("The date of %(step)s (%(date)s) is before %(previous_step)s (%(previous)s).")
        )
        return RuleResult(
            ok=False, code="step_date_out_of_order", message=_render(template, params), params=params
        )
    if until is not None and on > until:
        params |= {"previous_step": rule.until, "previous": until}
        template = _("The date of %(step)s (%(date)s) is after %(previous_step)s (%(previous)s).")
        return RuleResult(
            ok=False, code="step_date_out_of_order", message=_render(template, params), params=params
        )
    return _OK


def latest(dates) -> datetime.date | None:
    """The latest of the recorded dates (None among them ignored), or None."""
    return max((d for d in dates if d is not None), default=None)
