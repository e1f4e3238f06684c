"""Data scope: a user sees their scope unit and everything under it.

Every model that belongs to a unit names the lookup to its unit's materialized path in
`scope_path`; `scoped()` is the one function that every view, API endpoint, export and
task uses to narrow a queryset to what a user may see.
"""

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from core.actors import is_system_actor


def scope_path(user) -> str | None:
    """The path prefix of the user's scope; '' means everything, None means nothing."""
    if not user or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return ""
    unit = user.scope_unit
    return unit.path if unit is not None else None


def scoped(user, queryset: QuerySet | type[Model]) -> QuerySet:
    if not isinstance(queryset, QuerySet):
        queryset = queryset._default_manager.all()
    lookup = getattr(queryset.model, "scope_path", None)
    if lookup is None:  # reference data that belongs to no unit
        return queryset if scope_path(user) is not None else queryset.none()
    prefix = scope_path(user)
    if prefix is None:
        return queryset.none()
    if prefix == "":
        return queryset
    return queryset.filter(**{f"{lookup}__startswith": prefix})


def unit_in_scope(user, unit) -> bool:
    prefix = scope_path(user)
    return prefix is not None and unit is not None and unit.path.startswith(prefix)


def ensure_unit_in_scope(user, unit, *, field: str = "unit") -> None:
    """Refuse a write to a unit outside the actor's scope; `user` is never None (core.actors)."""
    if user is None:
        raise TypeError("a write needs an acting user: pass core.actors.system_actor() for jobs")
    if is_system_actor(user):
        return
    if not unit_in_scope(user, unit):
        raise ValidationError(
            {field: ValidationError(_("This unit is outside your data scope."), code="out_of_scope")}
        )
