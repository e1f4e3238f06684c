"""The OpenAPI schema's view of errors: every operation documents the error answers it can give,
in the one body core.api.exceptions produces, so clients (and the schema fuzz run) can rely on it.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from drf_spectacular import openapi
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated


class ErrorEntrySerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    """{"code", "message", "fields"}; a refused step may add keys of its own (e.g. `reasons`)."""

    code = serializers.CharField(help_text="The first error's code, e.g. `out_of_range`.")
    message = serializers.CharField()
    fields = serializers.DictField(
        child=ErrorEntrySerializer(many=True), help_text="Field name → its errors; empty for a general error."
    )


ERRORS = {
    "400": _("The input was refused; `fields` names each field and why."),
    "401": _("Not logged in, or the token is not valid."),
    "403": _("Your role does not allow this."),
    "404": _("No such object in your data scope, no such page, or an unknown format."),
    "409": _("The request conflicts with the current state, e.g. a used ballot code or a closed cycle."),
    "429": _("Too many failed logins for this user from this address (`locked_out`); wait for the cool-off."),
}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}

# One tag per system; its Chinese description is in SPECTACULAR_SETTINGS["TAGS"]. The names
# stay English so that clients grouping by tag do not depend on the UI language.
SYSTEM_TAGS = {
    "cadres": "cadres",
    "appraisal": "appraisal",
    "oversight": "oversight",
    "training": "training",
    "core": "system",
}
CRUD_SUMMARIES = {
    "list": _("List %(things)s"),
    "create": _("Create %(thing)s"),
    "retrieve": _("Show %(thing)s"),
    "update": _("Update %(thing)s"),
    "partial_update": _("Update part of %(thing)s"),
    "destroy": _("Delete %(thing)s"),
}


def _model_field(field):
    meta = getattr(getattr(field, "parent", None), "Meta", None)
    try:
        return meta.model._meta.get_field(field.source)
    except (AttributeError, LookupError, FieldDoesNotExist):
        return None


class AutoSchema(openapi.AutoSchema):
    def get_tags(self) -> list[str]:
        # The system is the app the view lives in (extend_schema(tags=) replaces this method).
        return [SYSTEM_TAGS.get(type(self.view).__module__.split(".")[0], "system")]

    def get_summary(self):
        """An explicit extend_schema(summary=) or, for the standard actions, one from the model."""
        summary = super().get_summary()
        action = getattr(self.view, "action", None)
        model = getattr(getattr(self.view, "queryset", None), "model", None)
        if model is None and action in CRUD_SUMMARIES:
            model = getattr(getattr(self.view.get_serializer_class(), "Meta", None), "model", None)
        if summary or action not in CRUD_SUMMARIES or model is None:
            return summary
        return CRUD_SUMMARIES[action] % {
            "thing": model._meta.verbose_name,
            "things": model._meta.verbose_name_plural,
        }

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        # DRF drops allow_blank/allow_null from read-only model fields, yet they are read out as
        # "" or null: a blank probation result must not break a client's enum.
        if isinstance(field, serializers.ChoiceField) and field.read_only and "enum" in schema:
            model_field = _model_field(field)
            if model_field is not None and model_field.blank and "" not in schema["enum"]:
                schema["enum"] = [*schema["enum"], ""]
            if model_field is not None and model_field.null and None not in schema["enum"]:
                schema["enum"] = [*schema["enum"], None]
        return schema

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is not None:
            self._add_error_responses(operation)
        return operation

    def _error_codes(self, operation) -> list[str]:
        codes = ["401", "404"]
        has_query = any(p.get("in") == "query" for p in operation.get("parameters", []))
        if has_query or "requestBody" in operation:
            codes.append("400")
        permissions = self.view.get_permissions()
        if any(not isinstance(p, IsAuthenticated) for p in permissions) or (
            permissions and self.method in UNSAFE
        ):
            codes.append("403")
        return sorted(codes)

    def _add_error_responses(self, operation) -> None:
        """Add the error answers an operation can give; an error already documented without a
        body gets the error body, one documented with another body may be either."""
        error_ref = self.resolve_serializer(ErrorSerializer, "response").ref
        responses = operation.setdefault("responses", {})
        documented = [code for code in responses if code.startswith("4")]
        for code in sorted({*self._error_codes(operation), *documented}):
            response = responses.setdefault(code, {"description": ERRORS[code]})
            content = response.setdefault("content", {})
            json = content.setdefault("application/json", {})
            schema = json.get("schema")
            if schema is None:
                json["schema"] = error_ref
            elif schema != error_ref:
                json["schema"] = {"anyOf": [schema, error_ref]}
