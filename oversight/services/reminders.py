"""The complaint deadline job: discipline staff hear of acceptance and conclusion deadlines a few
days ahead and once they have passed. Safe to run twice: each reminder has a key per complaint,
deadline and stage, and notify() raises a key once per user. No reminder names the reporter."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy, override

from core.models import User
from core.notifications import notify
from core.roles import DISCIPLINE
from core.scope import scope_path
from oversight.rules.complaints import is_overdue
from oversight.selectors.complaints import complaints_due

_MESSAGES = {
    ("accept", "soon"): gettext_lazy("Complaint #%(id)s (%(unit)s): decide on acceptance by %(date)s."),
    ("accept", "overdue"): gettext_lazy(
        "Complaint #%(id)s (%(unit)s): the acceptance deadline %(date)s has passed."
    ),
    ("conclude", "soon"): gettext_lazy("Complaint #%(id)s (%(unit)s): conclude by %(date)s."),
    ("conclude", "overdue"): gettext_lazy(
        "Complaint #%(id)s (%(unit)s): the conclusion deadline %(date)s has passed."
    ),
}

KIND = "complaint_deadline"
WINDOW_DAYS = 3  # how far ahead the job warns


def discipline_recipients() -> list[tuple[User, str]]:
    users = User.objects.filter(is_active=True, groups__name=DISCIPLINE.group).select_related("scope_unit")
    return [(user, prefix) for user in users.distinct() if (prefix := scope_path(user)) is not None]


def complaint_deadline_reminders(*, on: datetime.date) -> int:
    """Raise the day's reminders; returns how many new notifications were raised."""
    raised = 0
    with override(settings.LANGUAGE_CODE):  # a worker has no request to take a language from
        recipients = discipline_recipients()
        for complaint, step, due in complaints_due(on=on, days=WINDOW_DAYS):
            stage = "overdue" if is_overdue(due=due, on=on) else "soon"
            message = str(_MESSAGES[(step, stage)]) % {
                "id": complaint.pk,
                "unit": complaint.unit.name,
                "date": due,
            }
            recused = set(complaint.recused.values_list("pk", flat=True))
            for user, prefix in recipients:
                if user.pk in recused or not complaint.unit.path.startswith(prefix):
                    continue
                made = notify(
                    user=user,
                    kind=KIND,
                    key=f"complaint:{complaint.pk}:{step}:{due.isoformat()}:{stage}",
                    message=message,
                    link=reverse("oversight:complaint-detail", args=[complaint.pk]),
                    due_date=due,
                )
                raised += made is not None
    return raised
