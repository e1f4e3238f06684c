"""What the home page shows each role: what falls due for him, in his data scope."""

import datetime

from django.db.models import Q

from cadres.models import OPEN_SELECTION_STATES, Cadre, CadreStatus, SelectionProcess, SelectionState
from cadres.registry import DUE_KINDS
from cadres.selectors.dashboard import org_summary
from cadres.selectors.due import due_items
from core.roles import ADMIN, CLERK, DISCIPLINE, HR, LEADER, user_roles
from core.scope import scoped
from core.visibility import SANCTIONS

DUE_DAYS = 30
SHOWN = 10
# A probation still waiting for its review, however far off its end is (a year at most).
PROBATION_DAYS = 366
# The fields of a record the 任免审批表 cannot do without; a serving cadre missing one is listed.
REQUIRED_FIELDS = ("id_number", "native_place", "education", "resume")


def open_selections(*, user):
    rows = scoped(user, SelectionProcess.objects.filter(state__in=OPEN_SELECTION_STATES))
    return rows.select_related("post__unit").order_by("created_at", "id")


def records_to_complete(*, user):
    """Serving cadres in scope whose record lacks a field the appointment form needs."""
    missing = Q()
    for name in REQUIRED_FIELDS:
        missing |= Q(**{name: ""})
    rows = scoped(user, Cadre.objects.filter(status=CadreStatus.SERVING)).filter(missing)
    return rows.select_related("unit").order_by("unit__path", "name", "id")


def _listing(items) -> dict:
    items = list(items)
    return {"items": items[:SHOWN], "count": len(items)}


def _hr(user, on) -> dict:
    selections = open_selections(user=user)
    return {
        "due": _listing(due_items(user=user, on=on, days=DUE_DAYS)),
        "selections": {"items": list(selections[:SHOWN]), "count": selections.count()},
        "probations": _listing(due_items(user=user, on=on, days=PROBATION_DAYS, kinds=["probation_ending"])),
    }


def _clerk(user, on) -> dict:
    records = records_to_complete(user=user)
    return {
        "records": {"items": list(records[:SHOWN]), "count": records.count()},
        "due": _listing(due_items(user=user, on=on, days=DUE_DAYS)),
    }


def _leader(user, on) -> dict:
    return {"summary": org_summary(user=user, on=on)}


def _discipline(user, on) -> dict:
    # What concerns the discipline office: the kinds that tell of sanctions (oversight's, once installed).
    kinds = [code for code, kind in DUE_KINDS.items() if kind.reveals == SANCTIONS]
    inspections = scoped(user, SelectionProcess.objects.filter(state=SelectionState.INSPECTION))
    inspections = inspections.select_related("post__unit").order_by("id")
    return {
        "effect_periods": _listing(due_items(user=user, on=on, days=DUE_DAYS, kinds=kinds)),
        "inspections": {"items": list(inspections[:SHOWN]), "count": inspections.count()},
    }


# Each role's part of the home page, in this order; the administrator sees the HR part.
HOME_PARTS = (
    ((ADMIN, HR), "hr", _hr),
    ((CLERK,), "clerk", _clerk),
    ((LEADER,), "leader", _leader),
    ((DISCIPLINE,), "discipline", _discipline),
)


def home_parts(*, user, on: datetime.date) -> list[tuple[str, dict]]:
    """[(part, its figures)] for each role the user holds, once each."""
    roles = set(user_roles(user))
    return [(code, build(user, on)) for holders, code, build in HOME_PARTS if roles & set(holders)]
