"""A column of search keys that is an indexed array on PostgreSQL and plain text elsewhere.

PostgreSQL stores `text[]` with a GIN index (migration 0017), so "the name contains 伟" is one
index probe; SQLite (the quick start) stores the keys space-separated and scans, which is fast
enough for a college's few hundred records.
"""

from django.db import models
from django.db.models import Func, Lookup
from django.db.models.fields import BooleanField


class SearchKeysField(models.Field):
    description = "search keys (text[] on PostgreSQL, space-separated text elsewhere)"

    def db_type(self, connection):
        return "text[]" if connection.vendor == "postgresql" else "text"

    def get_internal_type(self):
        return "SearchKeysField"

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None:
            return []
        return value.split() if isinstance(value, str) else list(value)

    def get_db_prep_value(self, value, connection, prepared=False):
        keys = self.to_python(value)
        return keys if connection.vendor == "postgresql" else " ".join(keys)


@SearchKeysField.register_lookup
class HasAll(Lookup):
    """`field__has_all=[keys]`: the row carries every key (PostgreSQL: `@>`, served by GIN)."""

    lookup_name = "has_all"

    def get_db_prep_lookup(self, value, connection):
        return ("%s", [self.lhs.output_field.get_db_prep_value(value, connection)])

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} @> {rhs}::text[]", [*lhs_params, *rhs_params]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        keys = list(self.rhs)
        if not keys:
            return "1=1", []
        condition = " AND ".join(f"(' ' || {lhs} || ' ') LIKE %s" for _ in keys)
        return condition, [p for key in keys for p in (*lhs_params, f"% {key} %")]


class InSubquery(Func):
    """`column IN (subquery)`, which PostgreSQL runs once as `= ANY(ARRAY(…))`: an InitPlan whose
    result an index can serve, so the condition joins a BitmapOr with the others of an OR
    (a plain `IN (SELECT …)` there becomes a filter checked on every row of a sequential scan)."""

    output_field = BooleanField()
    arg_joiner = " = ANY(ARRAY"
    template = "(%(expressions)s))"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, arg_joiner=" IN ", template="(%(expressions)s)", **extra)
