"""The daily job of the four musts' records: supervision staff (HR) hear of the filing season and
overdue filings, papers due back into custody, documents expiring within 90 days, and personnel-
file reviews about to stop counting for a promotion. Safe to run twice: every reminder has a key
per record and date, and notify() raises a key once per user. No reminder says what a report holds."""

import datetime

from django.conf import settings
from django.utils.translation import gettext_lazy, override

from cadres.rules.tenure import add_months
from cadres.services.reviews import hr_recipients
from core.actors import system_actor
from core.notifications import notify
from oversight.choices import EXPIRY_WINDOW_DAYS
from oversight.models import FileReview, PersonalMattersReport
from oversight.selectors.musts import documents_expiring, loans_due, musts_settings
from oversight.services.personal_matters import filing_due, filing_season_open

FILING, PAPERS, EXPIRING, REVIEW = (
    "matters_filing",
    "papers_due_back",
    "document_expiring",
    "file_review_expiring",
)
KINDS = {
    FILING: gettext_lazy("Personal-matters filing"),
    PAPERS: gettext_lazy("Travel papers due back"),
    EXPIRING: gettext_lazy("Travel document expiring"),
    REVIEW: gettext_lazy("File review expiring"),
}
SEASON_DAYS = 30  # the filing season opens this many days before the due date
REVIEW_WINDOW_DAYS = 30


def _send(items: list[tuple[str, str, str, str, datetime.date]], recipients) -> int:
    """items: (kind, key, message, unit path, due date); each to the HR staff whose scope holds it."""
    raised = 0
    for kind, key, message, path, due in items:
        for user, prefix in recipients:
            if path.startswith(prefix):
                raised += notify(user=user, kind=kind, key=key, message=message, due_date=due) is not None
    return raised


def _filing_items(on: datetime.date) -> list:
    due = filing_due(year=on.year)
    if on < due - datetime.timedelta(days=SEASON_DAYS):
        return []
    filing_season_open(year=on.year, on=on, acting_user=system_actor())
    items = []
    for report in PersonalMattersReport.objects.filter(year=on.year, received_on__isnull=True).select_related(
        "cadre__unit"
    ):
        stage = "overdue" if on > report.due_on else "season"
        text = (
            gettext_lazy(
                "%(name)s (%(unit)s) has not filed the %(year)s personal-matters report due %(date)s."
            )
            if stage == "overdue"
            else gettext_lazy("%(name)s (%(unit)s): the %(year)s personal-matters report is due by %(date)s.")
        )
        message = str(text) % {
            "name": report.cadre.name,
            "unit": report.cadre.unit.name,
            "year": report.year,
            "date": report.due_on,
        }
        items.append((FILING, f"matters:{report.pk}:{stage}", message, report.cadre.unit.path, report.due_on))
    return items


def _papers_items(on: datetime.date) -> list:
    items = []
    for loan in loans_due(on=on):
        cadre = loan.document.cadre
        stage = "overdue" if on > loan.due_back else "soon"
        message = str(
            gettext_lazy("%(name)s (%(unit)s): %(document)s due back into custody on %(date)s.")
        ) % {
            "name": cadre.name,
            "unit": cadre.unit.name,
            "document": loan.document.get_kind_display(),
            "date": loan.due_back,
        }
        items.append((PAPERS, f"loan:{loan.pk}:{stage}", message, cadre.unit.path, loan.due_back))
    for document in documents_expiring(on=on, days=EXPIRY_WINDOW_DAYS):
        cadre = document.cadre
        message = str(gettext_lazy("%(name)s (%(unit)s): %(document)s expires on %(date)s.")) % {
            "name": cadre.name,
            "unit": cadre.unit.name,
            "document": document.get_kind_display(),
            "date": document.expires_on,
        }
        key = f"document:{document.pk}:{document.expires_on.isoformat()}"
        items.append((EXPIRING, key, message, cadre.unit.path, document.expires_on))
    return items


def _review_items(on: datetime.date) -> list:
    months = musts_settings().file_review_months
    if not months:  # reviews count for their own selection only: none expires
        return []
    since = add_months(start=on + datetime.timedelta(days=REVIEW_WINDOW_DAYS), months=-months)
    items = []
    for review in FileReview.objects.filter(
        reviewed_on__lte=since, reviewed_on__gt=add_months(start=on, months=-months)
    ).select_related("cadre__unit"):
        ends = add_months(start=review.reviewed_on, months=months)
        message = str(
            gettext_lazy("The personnel-file review of %(name)s (%(unit)s) stops counting on %(date)s.")
        ) % {
            "name": review.cadre.name,
            "unit": review.cadre.unit.name,
            "date": ends,
        }
        items.append(
            (REVIEW, f"file_review:{review.pk}:{ends.isoformat()}", message, review.cadre.unit.path, ends)
        )
    return items


def musts_reminders(*, on: datetime.date) -> int:
    """Raise the day's reminders; returns how many new notifications were raised."""
    with override(settings.LANGUAGE_CODE):  # a worker has no request to take a language from
        recipients = hr_recipients()
        items = _filing_items(on) + _papers_items(on) + _review_items(on)
        return _send(items, recipients)
