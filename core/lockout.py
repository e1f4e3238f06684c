"""What a locked-out login gets (django-axes' AXES_LOCKOUT_CALLABLE): the API's error body with
code `locked_out`, or a page in the user's language; both answer 429 Too Many Requests."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.api.exceptions import API_PREFIX

LOCKED_OUT = "locked_out"


def lockout_message() -> str:
    hours = settings.AXES_COOLOFF_TIME.total_seconds() / 3600
    return _("Too many failed logins for this user from this address: try again in %(hours)s hour(s).") % {
        "hours": f"{hours:g}"
    }


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    status = settings.AXES_HTTP_RESPONSE_CODE
    if request.path.startswith(API_PREFIX):
        body = {"code": LOCKED_OUT, "message": lockout_message(), "fields": {}}
        return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    return render(request, "core/locked_out.html", {"message": lockout_message()}, status=status)


def client_ip(request: HttpRequest) -> str | None:
    """The address our proxies saw: entries to the left of theirs are whatever the client sent.

    ipware's own reading (AXES_IPWARE_PROXY_COUNT) gives no address for an honest request
    through one proxy, which would put every client in one lockout bucket.
    """
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if count > 0 and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
