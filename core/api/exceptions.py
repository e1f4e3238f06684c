"""One error format for the whole API: {"code", "message", "fields"}.

`fields` maps a field name (dotted for nested input) to a list of {"code", "message"};
`code` and `message` repeat the first error so simple clients need look no further.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
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
        _render_as_json(context.get("request"))
    return response


def _render_as_json(request) -> None:
    # A binary renderer chosen for the success answer (`?format=xlsx`) would send the error
    # body under the file's content type.
    renderer = getattr(request, "accepted_renderer", None)
    if renderer is not None and renderer.render_style == "binary":
        request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type


# Django's own error answers (no URL matched, a request it refused, a crash) in the same body
# for /api/ paths; the HTML pages keep Django's error pages. Wired up in config/urls.py.

API_PREFIX = "/api/"


def _api_error(request, status: int, exc: exceptions.APIException) -> JsonResponse | None:
    if not request.path.startswith(API_PREFIX):
        return None
    body = {"code": exc.default_code, "message": str(exc.default_detail), "fields": {}}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def bad_request(request, exception):
    return _api_error(request, 400, exceptions.ParseError()) or defaults.bad_request(request, exception)


def permission_denied(request, exception):
    return _api_error(request, 403, exceptions.PermissionDenied()) or defaults.permission_denied(
        request, exception
    )


def page_not_found(request, exception):
    return _api_error(request, 404, exceptions.NotFound()) or defaults.page_not_found(request, exception)


def server_error(request):
    return _api_error(request, 500, exceptions.APIException()) or defaults.server_error(request)
