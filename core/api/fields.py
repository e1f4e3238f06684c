"""Serializer fields for range-checked query parameters (core.ranges), the query serializer they
sit in, and `query_value`, which reads one parameter by hand with the same check and error body."""

import datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.fields import get_error_detail

from core import ranges


def _raise_drf(exc: DjangoValidationError):
    raise serializers.ValidationError(get_error_detail(exc)) from exc


class RangedIntegerField(serializers.IntegerField):
    """A whole number within `bounds`; the schema shows them as minimum and maximum."""

    def __init__(self, *, bounds: ranges.Bounds, **kwargs):
        self.bounds = bounds
        super().__init__(min_value=bounds.minimum, max_value=bounds.maximum, **kwargs)

    def to_internal_value(self, data):
        try:
            return ranges.parse_integer(data, bounds=self.bounds, label=str(self.label or self.field_name))
        except DjangoValidationError as exc:
            _raise_drf(exc)


class RangedDateField(serializers.DateField):
    """A date within `bounds` (1900-01-01 to 2100-12-31 unless told otherwise)."""

    def __init__(self, *, bounds: ranges.Bounds = ranges.DATE, **kwargs):
        self.bounds = bounds
        label = kwargs.get("label")
        kwargs.setdefault(
            "help_text", format_lazy("{} ({} – {})", label or "", bounds.minimum, bounds.maximum)
        )
        super().__init__(**kwargs)

    def to_internal_value(self, value):
        day = super().to_internal_value(value)
        try:
            return ranges.check_in_range(day, bounds=self.bounds, label=str(self.label or self.field_name))
        except DjangoValidationError as exc:
            _raise_drf(exc)


def query_value(request, name: str, field: serializers.Field, *, default=None):
    """The query parameter `name` read through `field`, or `default` when absent or empty; an
    invalid value is a 400 naming the parameter, as a filterset's would be."""
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    field.bind(name, None)
    try:
        return field.run_validation(raw)
    except serializers.ValidationError as exc:
        raise serializers.ValidationError({name: exc.detail}) from exc


class QuerySerializer(serializers.Serializer):
    """Query parameters through a serializer: an empty value (`?on=`) counts as absent, as it
    does in a filter form."""

    def __init__(self, *args, data=serializers.empty, **kwargs):
        if data is not serializers.empty:
            data = {name: value for name, value in data.items() if value != ""}
        super().__init__(*args, data=data, **kwargs)


class AsOfQuerySerializer(QuerySerializer):
    on = RangedDateField(required=False, label=_("As-of date"))


def as_of(request) -> datetime.date:
    """The `?on=` date of a request (1900-01-01 to 2100-12-31), today when absent."""
    query = AsOfQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data.get("on") or timezone.localdate()
