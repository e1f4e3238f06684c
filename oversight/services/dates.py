"""Date checks shared by the oversight steps: never in the future, never before the step before."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import RuleViolation


def not_before(day: datetime.date, earliest: datetime.date | None, *, field: str) -> None:
    if earliest is not None and day < earliest:
        raise RuleViolation(
            field,
            _("The date %(day)s is before %(earliest)s, the previous step.")
            % {"day": day, "earliest": earliest},
            "before_previous_step",
        )


def not_in_future(day: datetime.date, *, field: str) -> None:
    if day > timezone.localdate():
        raise RuleViolation(field, _("The date cannot be in the future."), "in_future")
