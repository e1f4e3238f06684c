"""Database constraints as field errors, with a message that names the conflicting record.

Every constraint of our models carries a Chinese `violation_error_message` and a stable
`violation_error_code`. Django raises a constraint's error on no field and, for a unique
constraint with a condition, with the constraint's name; here it goes on the field it is
about, and a constraint that collides with another row (one ID number, one seat) names
that row, but only when the row is in the acting user's data scope: otherwise the plain
message, which discloses nothing.

The same error comes from validation before the save (`model_validate`) and from the
database at the save (`integrity_guard`), when a concurrent write slipped past the check
or a constraint exists only in the database (the appointments' one seat). Apps register
what core cannot know (the field of a check, how to name a row) with `register_constraint`
in `AppConfig.ready()`.
"""

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, FieldError, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet, UniqueConstraint

from core.actors import is_system_actor
from core.scope import scoped


@dataclass(frozen=True)
class ConstraintField:
    """Where the error of constraint `name` goes and how it names the row it collides with.

    `conflicts` finds the colliding rows (default: the rows sharing a unique constraint's
    fields under its condition); `named` is the message naming one of them. `message` and
    `code` serve a constraint no model declares (created in SQL by a migration).
    """

    name: str
    fields: tuple[str, ...] = ()
    named: Callable[[Model], str] | None = None
    conflicts: Callable[[Model], QuerySet] | None = None
    message: object = None
    code: str | None = None


CONSTRAINTS: dict[str, ConstraintField] = {}


def register_constraint(entry: ConstraintField) -> None:
    CONSTRAINTS[entry.name] = entry


def _declared(model: type[Model], name: str):
    return next((c for c in model._meta.constraints if c.name == name), None)


def _same_values(instance: Model, constraint) -> QuerySet | None:
    if not isinstance(constraint, UniqueConstraint) or not constraint.fields:
        return None
    model = type(instance)
    values = {name: getattr(instance, model._meta.get_field(name).attname) for name in constraint.fields}
    rows = model._default_manager.filter(**values)
    if constraint.condition is not None:
        rows = rows.filter(constraint.condition)
    return rows.exclude(pk=instance.pk) if instance.pk is not None else rows


def _may_name(user, row: Model) -> bool:
    if is_system_actor(user):
        return True
    return scoped(user, type(row)._default_manager.filter(pk=row.pk)).exists()


def constraint_error(instance: Model, name: str, *, acting_user) -> ValidationError | None:
    """The field error of constraint `name` for `instance`, None for a constraint we do not know."""
    entry = CONSTRAINTS.get(name)
    declared = _declared(type(instance), name)
    if entry is None and declared is None:
        return None
    entry = entry or ConstraintField(name=name)
    message = entry.message if declared is None else declared.get_violation_error_message()
    code = entry.code if declared is None else declared.violation_error_code
    if entry.named is not None:
        rows = entry.conflicts(instance) if entry.conflicts else _same_values(instance, declared)
        other = rows.first() if rows is not None else None
        if other is not None and _may_name(acting_user, other):
            message = entry.named(other)
    fields = entry.fields or tuple(getattr(declared, "fields", ())) or (NON_FIELD_ERRORS,)
    return ValidationError({field: ValidationError(message, code=code) for field in fields})


def model_validate(instance: Model, *, acting_user, exclude=()) -> None:
    """`full_clean`, with each constraint checked only when the fields it reads are valid, so a
    constraint's message never hides a field's own error, and raised on its field."""
    errors: dict = {}
    try:
        instance.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    skip = set(exclude) | {name for name in errors if name != NON_FIELD_ERRORS}
    for constraint in instance._meta.constraints:
        try:
            constraint.validate(type(instance), instance, exclude=skip)
        except ValidationError:
            error = constraint_error(instance, constraint.name, acting_user=acting_user)
            errors = error.update_error_dict(errors)
        except FieldError:  # a condition across a relation cannot be checked before the save
            continue
    if errors:
        raise ValidationError(errors)


_SQLITE_CHECK = re.compile(r"CHECK constraint failed: (\w+)")
_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: ([\w.]+(?:, [\w.]+)*)")


def _constraint_name(exc: IntegrityError, model: type[Model]) -> str | None:
    diag = getattr(exc.__cause__, "diag", None)  # psycopg names the constraint
    if diag is not None and getattr(diag, "constraint_name", None):
        return diag.constraint_name
    text = str(exc)
    if match := _SQLITE_CHECK.search(text):
        return match.group(1)
    if match := _SQLITE_UNIQUE.search(text):
        columns = {part.split(".")[-1] for part in match.group(1).split(", ")}
        for constraint in model._meta.constraints:
            fields = getattr(constraint, "fields", ())
            if fields and {model._meta.get_field(f).column for f in fields} == columns:
                return constraint.name
    return None


@contextmanager
def integrity_guard(instance: Model, *, acting_user) -> Iterator[None]:
    """Turn a constraint the database refuses inside the block into the field error
    `model_validate` would have raised; the block runs in a savepoint, so the caller's
    transaction goes on."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        name = _constraint_name(exc, type(instance))
        error = constraint_error(instance, name, acting_user=acting_user) if name else None
        if error is None:
            raise
        raise error from exc
