"""举报必查 computed from the complaint records, for HR's selection check.

HR may not see complaints (core.visibility.COMPLAINTS), so the check answers yes or no and
nothing more: no count, no date, no category, no reporter — "a complaint about the candidate is
being handled" or "no pending complaint about the candidate". The reason is therefore shown to
every role that sees the check (the provider reveals no fact)."""

from django.utils.translation import gettext as _

from cadres.models import SelectionCandidate
from cadres.registry import CHECK_CLEAR, CHECK_OPEN, CheckState
from oversight.models import Complaint
from oversight.rules.complaints import OPEN_STATES


def pending_complaint_subjects(*, cadre_ids) -> set[int]:
    """The cadres among `cadre_ids` named in a complaint not yet concluded or refused (one query)."""
    rows = Complaint.subjects.through.objects.filter(
        cadre_id__in=list(cadre_ids), complaint__state__in=OPEN_STATES
    )
    return set(rows.values_list("cadre_id", flat=True).distinct())


def complaint_check_state(*, pending: bool) -> CheckState:
    if pending:
        return CheckState(CHECK_OPEN, _("A complaint about the candidate is being handled."))
    return CheckState(CHECK_CLEAR, _("No pending complaint about the candidate."))


def complaint_check_states(*, candidates: list[SelectionCandidate]) -> dict[int, CheckState]:
    """The check for many candidates in one query (cadres.registry.CheckProvider.states)."""
    if not candidates:
        return {}
    pending = pending_complaint_subjects(cadre_ids={c.cadre_id for c in candidates})
    return {c.pk: complaint_check_state(pending=c.cadre_id in pending) for c in candidates}
