"""django-filter filters whose values are range-checked (core.ranges), and the filterset base and
backend that give every `filterset_fields` date filter the same check.

Each filter carries its range into the OpenAPI schema (minimum/maximum; for dates, in the
description), so clients and the schema fuzzer see what the server accepts.
"""

from django.db import models
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django_filters import rest_framework as django_filters
from django_filters.filters import QuerySetRequestMixin

from core import ranges
from core.forms import RangedDateField, RangedIntegerField
from core.scope import scoped


def _description(flt: django_filters.Filter, bounds: ranges.Bounds):
    # Lazy: a filter made from a model field learns its label only once it is bound to the model.
    label = lazy(lambda: str(flt.label or flt.field_name), str)()
    return format_lazy("{} ({} – {})", label, bounds.minimum, bounds.maximum)


class RangedNumberFilter(django_filters.Filter):
    """A whole number within `bounds`, e.g. `RangedNumberFilter(bounds=ranges.AGE, label=...)`."""

    field_class = RangedIntegerField

    def __init__(self, *args, bounds: ranges.Bounds, **kwargs):
        super().__init__(*args, bounds=bounds, **kwargs)
        # drf-spectacular reads a filter's schema from this annotation (as extend_schema_field sets it).
        self._spectacular_annotation = {
            "field": {
                "type": "integer",
                "minimum": bounds.minimum,
                "maximum": bounds.maximum,
                "description": _description(self, bounds),
            }
        }


class RangedDateFilter(django_filters.Filter):
    """A date within `bounds` (1900-01-01 to 2100-12-31 unless told otherwise)."""

    field_class = RangedDateField

    def __init__(self, *args, bounds: ranges.Bounds = ranges.DATE, **kwargs):
        super().__init__(*args, bounds=bounds, **kwargs)
        self._spectacular_annotation = {
            "field": {"type": "string", "format": "date", "description": _description(self, bounds)}
        }


class FilterSet(django_filters.FilterSet):
    """The base of every filterset: a date field's filter is range-checked, and every choice of
    a record (a unit, post or cadre) is one in the user's data scope, so neither the browsable
    API's filter form nor a select box lists what the user may not read."""

    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.DateField: {"filter_class": RangedDateFilter},
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        for flt in self.filters.values():
            queryset = flt.get_queryset(self.request) if isinstance(flt, QuerySetRequestMixin) else None
            if queryset is not None:
                flt.queryset = scoped(user, queryset)


class FilterBackend(django_filters.DjangoFilterBackend):
    """DjangoFilterBackend building `filterset_fields` filtersets on our base."""

    filterset_base = FilterSet

    def filter_queryset(self, request, queryset, view):
        # With none of the filterset's parameters in the query there is nothing to check or
        # filter: the filterset (a deep copy of every filter and a bound form of them all) is not
        # built. A parameter of a multi-value widget is named after its filter (`<name>_min`).
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        names = tuple(filterset_class.base_filters)
        if not any(param.startswith(names) for param in request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)
