"""Reads of complaints: discipline staff's queue, the deadline figures, the public status."""

import datetime
import hashlib

from django.db.models import QuerySet

from cadres.selectors.eligibility import calendar_overrides
from core.scope import scoped
from core.visibility import COMPLAINTS, may_see
from oversight.models import Complaint, ComplaintSettings
from oversight.rules.complaints import OPEN_STATES, DeadlineFigures


def deadline_figures() -> DeadlineFigures:
    """The administrator's row, or the defaults while none is saved (a read never writes)."""
    row = ComplaintSettings.objects.order_by("pk").first() or ComplaintSettings()
    return DeadlineFigures(row.accept_days, row.conclude_days, row.extension_days, row.day_mode)


def deadline_calendar() -> tuple[set[datetime.date], set[datetime.date]]:
    return calendar_overrides()


def complaints_visible(*, user) -> QuerySet[Complaint]:
    """The complaints a user may see: discipline staff (and administrators) in their scope,
    never one they are recused from; every other role sees none."""
    if not may_see(user, COMPLAINTS):
        return Complaint.objects.none()
    rows = scoped(user, Complaint.objects.select_related("unit"))
    return rows.exclude(recused=user).prefetch_related("subjects", "attachments")


def attachment_visible(*, user, complaint_id: int, attachment_id: int):
    """One attachment of a complaint the user may see, or None (every other role, the recused)."""
    from oversight.models import ComplaintAttachment

    return (
        ComplaintAttachment.objects.select_related("complaint__unit")
        .filter(complaint__in=complaints_visible(user=user).values("pk"), complaint_id=complaint_id)
        .filter(pk=attachment_id)
        .first()
    )


def query_code_hash(code: str) -> str:
    return hashlib.sha256(code.strip().encode()).hexdigest()


def complaint_by_query_code(code: str) -> Complaint | None:
    """The complaint an online reporter follows with their code (status only is shown)."""
    if not code or len(code) > 64:
        return None
    return Complaint.objects.filter(query_code_hash=query_code_hash(code)).only("state").first()


def open_complaint_counts(*, cadre_ids) -> dict[int, int]:
    """cadre id -> how many open complaints name them (for integrity drafts and 举报必查)."""
    rows = Complaint.subjects.through.objects.filter(
        cadre_id__in=list(cadre_ids), complaint__state__in=OPEN_STATES
    ).values_list("cadre_id", flat=True)
    counts: dict[int, int] = {}
    for cadre_id in rows:
        counts[cadre_id] = counts.get(cadre_id, 0) + 1
    return counts


def complaints_due(*, on: datetime.date, days: int) -> list[tuple[Complaint, str, datetime.date]]:
    """(complaint, "accept" | "conclude", due) for deadlines within `days` days or passed."""
    horizon = on + datetime.timedelta(days=days)
    rows = []
    for c in Complaint.objects.filter(state="registered", accept_due__lte=horizon).select_related("unit"):
        rows.append((c, "accept", c.accept_due))
    for c in Complaint.objects.filter(
        state__in=["accepted", "disposed"], conclude_due__lte=horizon
    ).select_related("unit"):
        rows.append((c, "conclude", c.conclude_due))
    return rows
