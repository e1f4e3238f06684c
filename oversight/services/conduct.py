"""What the services of the yearly conduct work share: the permission check and the year's bounds."""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from core.actors import is_system_actor
from core.errors import RuleViolation
from core.models import User
from core.scope import scoped


def require_perm(user: User, perm: str) -> None:
    if not (is_system_actor(user) or user.has_perm(perm)):
        raise PermissionDenied(_("Your role may not do this."))


def check_year(year: int, *, field: str = "year") -> None:
    if not 2000 <= year <= 2100:
        raise RuleViolation(field, _("The year must be between 2000 and 2100."), "out_of_range")


def year_day(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)


def required_text(value: str, *, field: str, message: str) -> str:
    if not (value or "").strip():
        raise RuleViolation(field, message, "required")
    return value.strip()


def visible(user: User, queryset):
    """The rows a write may reach: all of them for the system actor (jobs, seeding), else the scope's."""
    return queryset if is_system_actor(user) else scoped(user, queryset)
