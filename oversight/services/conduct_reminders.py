"""The daily job of the yearly conduct work: letters not signed by their date, duty reports due,
review campaigns short of full coverage near their close, supervised tasks due or overdue.

Safe to run twice: each reminder has a key per record, date and stage, a user hears of a key once
(core.notifications), and a day's digest is raised only for items the user has not heard of."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy, override

from core.models import Notification, User
from core.notifications import notify, notify_digest
from core.roles import CLERK
from core.scope import scope_path
from oversight.choices import DUTY_REPORT_WARN_DAYS, REVIEW_WARN_DAYS, TASK_WARN_DAYS
from oversight.models import RiskReview
from oversight.rules.tasks import task_overdue
from oversight.selectors.duty_reports import duty_reports_due
from oversight.selectors.letters import letters_unsigned_past
from oversight.selectors.risks import coverage_of
from oversight.selectors.tasks import tasks_due
from oversight.services.reminders import discipline_recipients

LETTER_KIND = "letter_unsigned"
REPORT_KIND = "duty_report_due"
REVIEW_KIND = "risk_review_coverage"
TASK_KIND = "supervised_task_deadline"
KINDS = {
    LETTER_KIND: gettext_lazy("Responsibility letter not signed"),
    REPORT_KIND: gettext_lazy("Duty and integrity report due"),
    REVIEW_KIND: gettext_lazy("Integrity-risk review coverage"),
    TASK_KIND: gettext_lazy("Supervised task deadline"),
}


def _clerks() -> list[tuple[User, str]]:
    users = User.objects.filter(is_active=True, groups__name=CLERK.group).select_related("scope_unit")
    return [(user, prefix) for user in users.distinct() if (prefix := scope_path(user)) is not None]


def _digest(*, user: User, kind: str, key: str, message: str, items: list[dict], on: datetime.date) -> int:
    """One digest of the items the user has not heard of yet; none when there are none."""
    known = set(
        Notification.objects.filter(user=user, key__in=[i["key"] for i in items]).values_list(
            "key", flat=True
        )
    )
    fresh = [i for i in items if i["key"] not in known]
    if not fresh:
        return 0
    made = notify_digest(
        user=user, kind=kind, key=key, message=message % {"n": len(fresh)}, items=fresh, due_date=on
    )
    return made is not None


def _letters(on, recipients) -> int:
    letters = list(letters_unsigned_past(on=on))
    raised = 0
    for user, prefix in recipients:
        items = [
            {
                "key": f"letter:{letter.pk}:unsigned",
                "message": gettext("Responsibility letter %(year)s with %(unit)s: not signed by %(date)s.")
                % {"year": letter.year, "unit": letter.signatory_post or letter.unit, "date": letter.sign_by},
                "link": reverse("oversight:letter-list") + f"?year={letter.year}",
                "due_date": letter.sign_by,
            }
            for letter in letters
            if letter.unit.path.startswith(prefix)
        ]
        message = gettext("%(n)s responsibility letters are past their date unsigned.")
        raised += _digest(
            user=user, kind=LETTER_KIND, key=f"letters-unsigned:{on}", message=message, items=items, on=on
        )
    return raised


def _reports(on, recipients) -> int:
    reports = list(duty_reports_due(on=on, days=DUTY_REPORT_WARN_DAYS))
    raised = 0
    for user, prefix in recipients:
        items = []
        for report in reports:
            if not report.cadre.unit.path.startswith(prefix):
                continue
            stage = "overdue" if report.due_on < on else "soon"
            items.append(
                {
                    "key": f"duty-report:{report.pk}:{report.due_on}:{stage}",
                    "message": gettext("Duty and integrity report %(year)s of %(name)s: due on %(date)s.")
                    % {"year": report.year, "name": report.cadre.name, "date": report.due_on},
                    "link": reverse("oversight:duty-report-list") + f"?year={report.year}",
                    "due_date": report.due_on,
                }
            )
        message = gettext("%(n)s duty and integrity reports are due or overdue.")
        raised += _digest(
            user=user, kind=REPORT_KIND, key=f"duty-reports:{on}", message=message, items=items, on=on
        )
    return raised


def _reviews(on, recipients) -> int:
    soon = on + datetime.timedelta(days=REVIEW_WARN_DAYS)
    raised = 0
    for review in RiskReview.objects.filter(closes_on__lte=soon, year__gte=on.year - 1).select_related(
        "unit"
    ):
        coverage = coverage_of(review)
        if coverage.complete:
            continue
        stage = "closed" if review.closes_on < on else "closing"
        message = gettext(
            "%(name)s: %(covered)s of %(total)s posts reviewed (%(percent)s%%), closes on %(date)s."
        ) % {
            "name": review.name,
            "covered": coverage.covered,
            "total": coverage.total,
            "percent": coverage.percent,
            "date": review.closes_on,
        }
        for user, prefix in recipients:
            if review.unit.path.startswith(prefix):
                made = notify(
                    user=user,
                    kind=REVIEW_KIND,
                    key=f"risk-review:{review.pk}:{review.closes_on}:{stage}",
                    message=message,
                    link=reverse("oversight:risk-review-detail", args=[review.pk]),
                    due_date=review.closes_on,
                )
                raised += made is not None
    return raised


def _tasks(on, recipients) -> int:
    raised = 0
    clerks = _clerks()
    for task in tasks_due(on=on, days=TASK_WARN_DAYS):
        overdue = task_overdue(deadline=task.deadline, done_on=task.done_on, on=on)
        text = (
            gettext("Supervised task “%(title)s” (%(unit)s) is overdue: the deadline was %(date)s.")
            if overdue
            else gettext("Supervised task “%(title)s” (%(unit)s) is due on %(date)s.")
        )
        message = text % {"title": task.title, "unit": task.owner_unit.name, "date": task.deadline}
        for user, prefix in [*recipients, *clerks]:
            if not task.owner_unit.path.startswith(prefix):
                continue
            made = notify(
                user=user,
                kind=TASK_KIND,
                key=f"task:{task.pk}:{task.deadline}:{'overdue' if overdue else 'soon'}",
                message=message,
                link=reverse("oversight:task-detail", args=[task.pk]),
                due_date=task.deadline,
            )
            raised += made is not None
    return raised


def conduct_reminders(*, on: datetime.date) -> dict[str, int]:
    """Raise the day's reminders; returns how many new notifications of each kind were raised."""
    with override(settings.LANGUAGE_CODE):  # a worker has no request to take a language from
        recipients = discipline_recipients()
        return {
            LETTER_KIND: _letters(on, recipients),
            REPORT_KIND: _reports(on, recipients),
            REVIEW_KIND: _reviews(on, recipients),
            TASK_KIND: _tasks(on, recipients),
        }
