"""Publication (公示) of the 优秀 list: how long the notice runs, and what it means for the
confirmation that follows it."""

import datetime
from collections.abc import Collection

from django.utils.translation import gettext as _

from appraisal.choices import MIN_PUBLICATION_DAYS
from core.errors import RuleViolation


def notice_days(*, starts_on: datetime.date, ends_on: datetime.date) -> int:
    """Calendar days of the notice, both ends counted: 1 to 5 December is 5 days."""
    return (ends_on - starts_on).days + 1


def publication_refusal(
    *, starts_on: datetime.date, ends_on: datetime.date, min_days: int = MIN_PUBLICATION_DAYS
) -> RuleViolation | None:
    if ends_on < starts_on:
        return RuleViolation("ends_on", _("The notice ends before it starts."), "invalid_period")
    if notice_days(starts_on=starts_on, ends_on=ends_on) < min_days:
        return RuleViolation(
            "ends_on",
            _("The notice runs at least %(days)d days.") % {"days": min_days},
            "notice_too_short",
        )
    return None


def published_confirmation_refusals(
    *,
    today: datetime.date,
    ends_on: datetime.date,
    published: Collection,
    excellent: Collection,
    pending: Collection,
    upheld: Collection,
) -> list[RuleViolation]:
    """What a publication refuses at confirmation: the notice still running (`notice_running`,
    through `ends_on` inclusive), an objection not yet answered (`objections_pending`), a 优秀 not
    on the published list (`not_published`) or one whose objection was upheld (`objection_upheld`).
    `published`, `excellent`, `pending`, `upheld` hold participant keys."""
    refusals = []
    if today <= ends_on:
        refusals.append(
            RuleViolation(
                "publication",
                _("The notice runs until %(day)s: confirm after it.") % {"day": ends_on.isoformat()},
                "notice_running",
            )
        )
    if pending:
        refusals.append(
            RuleViolation("publication", _("An objection awaits its answer."), "objections_pending")
        )
    if set(excellent) - set(published):
        refusals.append(
            RuleViolation("grades", _("A 优秀 who was not on the published list."), "not_published")
        )
    if set(excellent) & set(upheld):
        refusals.append(
            RuleViolation("grades", _("An objection against this 优秀 was upheld."), "objection_upheld")
        )
    return refusals
