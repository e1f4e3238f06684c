"""Rules of care records: which day a health check may be marked done on."""

from datetime import date

from django.utils.translation import gettext as _


def health_check_day_refusal(*, done_on: date | None, year: int, today: date) -> tuple[str, str] | None:
    """(code, message) when `done_on` cannot be the day of the check of `year`; None when it can
    (or when the check is marked not done)."""
    if done_on is None:
        return None
    if done_on > today:
        return "date_ahead", _("The date cannot be in the future.")
    if done_on.year != year:
        return "other_year", _("The check of %(year)s is done in %(year)s.") % {"year": year}
    return None
