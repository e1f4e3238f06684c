"""The leaders' view of oversight: counts only, never a complaint, a reporter or a name."""

import datetime

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from core.scope import scoped
from oversight.choices import CaseState, ComplaintChannel, DisposalWay, FourForm
from oversight.models import Case, Complaint
from oversight.selectors.letters import letter_progress
from oversight.selectors.risks import reviews_coverage
from oversight.selectors.tasks import tasks_overdue

# Those who read integrity opinions (leaders, HR, discipline staff, administrators) see the counts.
DASHBOARD_PERMISSION = "oversight.view_integrityopinion"


def may_view_dashboard(user) -> bool:
    return user.has_perm(DASHBOARD_PERMISSION)


def _per_month(rows, field: str, labels) -> list[dict]:
    """[{"month", "counts": [n per label], "total"}] newest month first."""
    table: dict = {}
    for row in rows:
        table.setdefault(row["month"], {})[row[field]] = row["n"]
    codes = [code for code, _label in labels]
    return [
        {"month": month, "counts": [by.get(code, 0) for code in codes], "total": sum(by.values())}
        for month, by in sorted(table.items(), reverse=True)
    ]


def dashboard_figures(*, user) -> dict:
    complaints = scoped(user, Complaint.objects.all()).annotate(month=TruncMonth("received_on"))
    by_channel = complaints.values("month", "channel").annotate(n=Count("id")).order_by()
    disposed = (
        complaints.exclude(disposal_way="").values("month", "disposal_way").annotate(n=Count("id")).order_by()
    )
    figures = {
        "channels": ComplaintChannel.choices,
        "ways": DisposalWay.choices,
        "by_channel": _per_month(by_channel, "channel", ComplaintChannel.choices),
        "by_way": _per_month(disposed, "disposal_way", DisposalWay.choices),
    }
    figures.update(four_forms(user=user))
    figures.update(conduct_figures(user=user, on=timezone.localdate()))
    return figures


def conduct_figures(*, user, on: datetime.date) -> dict:
    """The leader panel of the yearly conduct work: letters signed this year, the coverage of this
    year's risk reviews, the supervised tasks overdue (counts and titles, never a complaint)."""
    overdue = tasks_overdue(user=user, on=on).order_by("deadline", "id")
    return {
        "letters": letter_progress(user=user, year=on.year),
        "reviews": reviews_coverage(user=user, year=on.year),
        "overdue_count": overdue.count(),
        "overdue_tasks": list(overdue[:10]),
    }


def four_forms(*, user) -> dict:
    """Concluded cases per form (四种形态), every form listed."""
    counts = dict(
        scoped(user, Case.objects.filter(state=CaseState.CONCLUDED))
        .values_list("form")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {"forms": [(label, counts.get(value, 0)) for value, label in FourForm.choices]}
