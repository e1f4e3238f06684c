"""One error format for the whole API: {"code", "message", "fields"}.

`fields` maps a field name (dotted for nested input) to a list of {"code", "message"};
`code` and `message` repeat the first error so simple clients need look no further.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

NON_FIELD = "non_field_errors"


def _flatten(detail, prefix=""):
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            yield from _flatten(value, name)
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, (dict, list)):
                yield from _flatten(value, f"{prefix}.{index}" if prefix else str(index))
            else:
                yield prefix, value
    else:
        yield prefix, detail


def error_body(exc: exceptions.APIException) -> dict:
    if not isinstance(exc, exceptions.ValidationError):
        code = getattr(exc.detail, "code", exc.default_code)
        return {"code": code, "message": str(exc.detail), "fields": {}}
    detail = exc.detail if isinstance(exc.detail, (dict, list)) else [exc.detail]
    if isinstance(detail, list):
        detail = {NON_FIELD: detail}
    fields: dict[str, list[dict]] = {}
    general: list[dict] = []
    for name, error in _flatten(detail):
        entry = {"code": getattr(error, "code", "invalid"), "message": str(error)}
        if name in ("", NON_FIELD):
            general.append(entry)
        else:
            fields.setdefault(name, []).append(entry)
    first = general[0] if general else next(iter(fields.values()))[0]
    message = first["message"]
    if not general:
        message = f"{next(iter(fields))}: {message}"
    return {"code": first["code"], "message": message, "fields": fields}


def exception_handler(exc, context):
    extra = getattr(exc, "extra", None) or {}
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, ProtectedError):
        exc = exceptions.ValidationError(
            _("It is still referenced by other records and cannot be deleted."), code="in_use"
        )
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = error_body(exc) | extra
    return response
