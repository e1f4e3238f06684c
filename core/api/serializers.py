from collections.abc import Callable
from operator import attrgetter
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from rest_framework import serializers
from rest_framework.fields import SkipField, is_simple_callable
from rest_framework.relations import PKOnlyObject

from core.roles import user_roles
from core.visibility import visible_facts


class ScopeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    path = serializers.CharField()


class RoleSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField(source="group")


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField(source="display_name")
    is_superuser = serializers.BooleanField()
    roles = serializers.SerializerMethodField()
    scope = ScopeSerializer(source="scope_unit", allow_null=True)
    facts = serializers.SerializerMethodField(
        help_text="The sensitive facts this user may see (core.visibility): "
        "full_id_number, sanctions, appraisal_grades, family_members, complaints, integrity_opinions."
    )

    def get_roles(self, user) -> list[dict]:
        return RoleSerializer(user_roles(user), many=True).data

    def get_facts(self, user) -> list[str]:
        return sorted(visible_facts(user))


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"})


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()


# ---------------------------------------------------------------------------- fast list rows


def _getter(field: serializers.Field) -> Callable[[Any], Any] | None:
    """A direct read of `field`'s value from an instance, or None where DRF's own read is needed."""
    if isinstance(field, serializers.SerializerMethodField):
        method = getattr(field.parent, field.method_name)
        return lambda instance: _Present(method(instance))
    if isinstance(field, serializers.RelatedField | serializers.BaseSerializer):
        if (
            isinstance(field, serializers.PrimaryKeyRelatedField)
            and len(field.source_attrs) == 1
            and field.pk_field is None
        ):
            # What PrimaryKeyRelatedField sends: the key, read without loading the row.
            attname = field.parent.Meta.model._meta.get_field(field.source).attname
            return lambda instance: _Present(getattr(instance, attname))
        return None
    if field.source == "*":
        return None
    read = attrgetter(".".join(field.source_attrs))

    def simple(instance):
        value = read(instance)
        if is_simple_callable(value):  # DRF calls a method named as the source: let it
            raise AttributeError
        return value

    return simple


class _Present:
    """A value already represented (a method field's answer), not to be passed on again."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


def representer(serializer: serializers.Serializer) -> Callable[[Any], dict]:
    """A function giving `serializer.to_representation(instance)` of `Serializer` itself (not of
    an override) for many instances faster: the readable fields are looked up once, and each
    value is read directly and passed to the same field's `to_representation`. A field it cannot
    read directly (a nested serializer, a dotted relation that may be missing) goes through DRF's
    `get_attribute` as before, so the output is the same; `tests/core/test_fast_rows.py` and the
    cadre list's test compare the two."""
    plan = []
    for field in serializer._readable_fields:
        plan.append((field.field_name, _getter(field), field))

    def represent(instance) -> dict:
        row = {}
        for name, getter, field in plan:
            if getter is not None:
                try:
                    value = getter(instance)
                except (AttributeError, ObjectDoesNotExist):
                    getter, value = None, None
                if getter is not None:
                    if type(value) is _Present:
                        row[name] = value.value
                    else:
                        row[name] = None if value is None else field.to_representation(value)
                    continue
            try:
                attribute = field.get_attribute(instance)
            except SkipField:
                continue
            check = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
            row[name] = None if check is None else field.to_representation(attribute)
        return row

    return represent
