"""网上举报: the public page to file a complaint (no login; anonymous or named) and the page to
follow it by its query code (status only). Both are rate-limited per address through the cache,
counters only, like the ballot page; neither keeps the address."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.actors import public_actor
from core.forms import add_service_errors
from core.lockout import client_ip
from oversight.forms import PublicComplaintForm, QueryCodeForm
from oversight.selectors.complaints import complaint_by_query_code
from oversight.services.complaints import Reporter
from oversight.services.online import complaint_file_online

FILINGS_PER_HOUR = 5
LOOKUPS_PER_MINUTE = 10


def _too_many(request, what: str, limit: int, *, hourly: bool) -> bool:
    window = f"{timezone.now():%Y%m%d%H}" if hourly else f"{timezone.now():%Y%m%d%H%M}"
    key = f"oversight:{what}:{client_ip(request)}:{window}"
    cache.add(key, 0, timeout=3700 if hourly else 70)
    return cache.incr(key) > limit


def _private(response):
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def report_page(request):
    """The form; after a filing, the query code, shown this once."""
    form = PublicComplaintForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if _too_many(request, "report", FILINGS_PER_HOUR, hourly=True):
            context = {"form": form, "error": _("Too many reports from this address: try again in an hour.")}
            return _private(render(request, "oversight/report.html", context, status=429))
        if form.is_valid():
            data = form.cleaned_data
            reporter = Reporter(
                anonymous=data["reporter_anonymous"],
                name=data["reporter_name"],
                phone=data["reporter_phone"],
                address=data["reporter_address"],
            )
            try:
                complaint, code = complaint_file_online(
                    unit=data["unit"],
                    category=data["category"],
                    named=data["named"],
                    content=data["content"],
                    reporter=reporter,
                    uploads=data["files"],
                    acting_user=public_actor(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                context = {"code": code, "accept_due": complaint.accept_due}
                return _private(render(request, "oversight/report_done.html", context))
        return _private(render(request, "oversight/report.html", {"form": form}, status=400))
    return _private(render(request, "oversight/report.html", {"form": form}))


@require_http_methods(["GET", "POST"])
def report_status_page(request):
    """The status of a complaint by its query code: the state, nothing else."""
    form = QueryCodeForm(request.POST or None)
    context = {"form": form}
    status = 200
    if request.method == "POST":
        if _too_many(request, "report-status", LOOKUPS_PER_MINUTE, hourly=False):
            context["error"] = _("Too many tries: wait a minute.")
            return _private(render(request, "oversight/report_status.html", context, status=429))
        complaint = complaint_by_query_code(form.cleaned_data["code"].strip()) if form.is_valid() else None
        context["form"] = QueryCodeForm()  # the code is not echoed back into the page
        if complaint is None:
            context["error"], status = _("No complaint has this query code."), 404
        else:
            context["state"] = complaint.get_state_display()
    return _private(render(request, "oversight/report_status.html", context, status=status))
