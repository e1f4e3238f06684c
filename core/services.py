"""Shared write helpers: every service saves through these, so no write goes unattributed."""

from django.db.models import Model

from core.constraints import integrity_guard, model_validate
from core.models import User
from core.scope import ensure_unit_in_scope


def record_save[M: Model](instance: M, *, acting_user: User, unit, scope_field: str = "unit") -> M:
    """Check `unit` against the actor's scope, validate, name the actor in the history, save.

    A constraint refused, before the save or by the database at it, is a field error naming
    the conflicting record when the actor may see it (core.constraints).

    `unit` is None only for reference data that belongs to no unit (post levels, settings).

    Callers hold the transaction (and any lock) the use case needs.
    """
    if unit is not None:
        ensure_unit_in_scope(acting_user, unit, field=scope_field)
    model_validate(instance, acting_user=acting_user)
    instance._history_user = acting_user
    with integrity_guard(instance, acting_user=acting_user):
        instance.save()
    return instance


def history_save[M: Model](instance: M, *, acting_user: User, update_fields: list[str] | None = None) -> M:
    """Save with the actor named in the history row, for writes already checked by their service;
    a constraint the database still refuses is its field error (core.constraints), not a 500."""
    instance._history_user = acting_user
    with integrity_guard(instance, acting_user=acting_user):
        instance.save(update_fields=update_fields)
    return instance
