"""The training system's reminders (core.jobs): each has a key naming its kind, object and
period, and core.notifications raises a key once per user, so a job may run any number of times."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from cadres.services.reviews import SYSTEM
from core.models import User
from core.notifications import notify
from core.roles import CLERK, HR
from core.scope import unit_in_scope
from training import selectors

MONTHLY_STUDY_MISSING = "monthly_study_missing"
TRAINING_BEHIND = "training_behind"
FOLLOW_UP_OVERDUE = "follow_up_overdue"
KINDS = {
    MONTHLY_STUDY_MISSING: _("Monthly study missing"),
    TRAINING_BEHIND: _("Behind on training hours"),
    FOLLOW_UP_OVERDUE: _("First-item task overdue"),
}


def _staff(*roles) -> list[User]:
    users = User.objects.filter(is_active=True, groups__name__in=[r.group for r in roles]).distinct()
    return list(users.select_related("scope_unit"))


def monthly_study_reminders(*, on: datetime.date) -> int:
    """Remind each unit's clerks and HR of the units with no monthly study yet in `on`'s month."""
    month = on.replace(day=1)
    units = selectors.missing_units(user=SYSTEM, month=month)
    staff, raised = _staff(CLERK, HR), 0
    link = reverse("training:missing") + f"?month={month:%Y-%m}"
    for unit in units:
        for user in staff:
            if not unit_in_scope(user, unit):
                continue
            with override("zh-hans"):
                message = str(_("%(unit)s has held no monthly study in %(month)s yet.")) % {
                    "unit": unit.name,
                    "month": f"{month:%Y-%m}",
                }
            key = f"{MONTHLY_STUDY_MISSING}:{unit.pk}:{month:%Y-%m}"
            raised += (
                notify(user=user, kind=MONTHLY_STUDY_MISSING, key=key, message=message, link=link) is not None
            )
    return raised


def behind_pace_reminders(*, on: datetime.date) -> int:
    """Each quarter, tell each HR user how many cadres of their scope are behind this year's pace."""
    quarter, raised = (on.month - 1) // 3 + 1, 0
    for user in _staff(HR):
        _first, count = selectors.compliance_rows(user=user, on=on, limit=1)
        if not count:
            continue
        with override("zh-hans"):
            message = str(_("%(count)d cadres are behind on their training hours.")) % {"count": count}
        key = f"{TRAINING_BEHIND}:{on.year}Q{quarter}"
        notification = notify(
            user=user, kind=TRAINING_BEHIND, key=key, message=message, link=reverse("training:behind")
        )
        raised += notification is not None
    return raised


def follow_up_reminders(*, on: datetime.date) -> int:
    """Remind the responsible unit's clerks and HR of every overdue 第一议题 task, once."""
    staff, raised = _staff(CLERK, HR), 0
    for task in selectors.overdue_follow_ups(on=on):
        for user in staff:
            if not unit_in_scope(user, task.owner_unit):
                continue
            with override("zh-hans"):
                message = str(_("The task “%(task)s” (%(unit)s) was due on %(date)s.")) % {
                    "task": task.description,
                    "unit": task.owner_unit.name,
                    "date": task.deadline.isoformat(),
                }
            key = f"{FOLLOW_UP_OVERDUE}:{task.pk}"
            notification = notify(
                user=user, kind=FOLLOW_UP_OVERDUE, key=key, message=message, due_date=task.deadline
            )
            raised += notification is not None
    return raised
