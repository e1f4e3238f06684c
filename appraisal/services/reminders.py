"""The appraisal system's daily job: close cycles past their last day, tell HR when a cycle has
opened or closed, and send a digest of ballots returned per rater group while a cycle is open.

Safe to run twice: each notification has a key (per cycle, and per day for the digest) that
core.notifications raises once; a closed cycle is not closed again.
"""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from appraisal.choices import CycleState
from appraisal.models import AppraisalCycle
from appraisal.selectors.cycles import ballot_progress
from appraisal.services.cycles import cycles_close_due
from core.models import User
from core.notifications import notify
from core.roles import HR
from core.scope import scope_path

CYCLE_OPEN = "appraisal_cycle_open"
CYCLE_CLOSED = "appraisal_cycle_closed"
BALLOT_RETURNS = "appraisal_ballot_returns"


def _hr_of(cycle: AppraisalCycle, staff: list[tuple[User, str]]) -> list[User]:
    return [user for user, prefix in staff if cycle.unit.path.startswith(prefix)]


def _hr_staff() -> list[tuple[User, str]]:
    users = User.objects.filter(is_active=True, groups__name=HR.group).select_related("scope_unit").distinct()
    return [(user, prefix) for user in users if (prefix := scope_path(user)) is not None]


def _digest(cycle: AppraisalCycle) -> str:
    groups = "；".join(
        _("%(group)s %(returned)d of %(issued)d")
        % {"group": p.group.name, "returned": p.returned, "issued": p.issued}
        for p in ballot_progress(cycle=cycle)
    )
    return _("Ballots returned in %(cycle)s: %(groups)s") % {"cycle": cycle.name, "groups": groups}


def appraisal_daily(*, on: datetime.date, acting_user: User) -> dict[str, int]:
    """The day's closing and reminders; returns how many of each it made."""
    counts = {"closed": len(cycles_close_due(on=on, acting_user=acting_user))}
    staff = _hr_staff()
    raised = {CYCLE_OPEN: 0, CYCLE_CLOSED: 0, BALLOT_RETURNS: 0}
    cycles = AppraisalCycle.objects.filter(
        Q(state=CycleState.OPEN) | Q(state=CycleState.CLOSED)
    ).select_related("unit")
    for cycle in cycles:
        link = reverse("appraisal:cycle-detail", args=[cycle.pk])
        if cycle.state == CycleState.OPEN:
            message = _("%(cycle)s is open for evaluation.") % {"cycle": cycle.name}
            notes = [(CYCLE_OPEN, f"{CYCLE_OPEN}:{cycle.pk}", message)]
            notes.append((BALLOT_RETURNS, f"{BALLOT_RETURNS}:{cycle.pk}:{on.isoformat()}", _digest(cycle)))
        else:
            message = _("%(cycle)s is closed: the results await confirmation.") % {"cycle": cycle.name}
            notes = [(CYCLE_CLOSED, f"{CYCLE_CLOSED}:{cycle.pk}", message)]
        for user in _hr_of(cycle, staff):
            for kind, key, text in notes:
                if notify(user=user, kind=kind, key=key, message=text, link=link, due_date=cycle.closes_on):
                    raised[kind] += 1
    return counts | raised
