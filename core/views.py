from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.audit import (
    ACCESS_COLUMNS,
    READ_LOG_COLUMNS,
    access_review,
    access_review_workbook,
    read_log_workbook,
)
from core.downloads import file_response
from core.forms import ReadLogFilterForm
from core.health import broker_state, database_state
from core.htmx import render_fragment_or_page, wants_fragment
from core.notifications import notification_kinds, notification_list, notification_mark_read
from core.readlog import read_log_list
from core.spreadsheets import XLSX_CONTENT_TYPE


@never_cache
def healthz(request):
    state = {"database": database_state(), "broker": broker_state()}
    ok = all(part["ok"] for part in state.values())
    return JsonResponse({"status": "ok" if ok else "error", **state}, status=200 if ok else 503)


def _notification_page(request):
    kinds = notification_kinds(user=request.user)
    kind = request.GET.get("kind") if request.GET.get("kind") in kinds else None
    rows = notification_list(user=request.user, kind=kind)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render_fragment_or_page(
        request,
        fragment="core/_notification_list.html",
        page="core/notifications.html",
        context={"page": page, "kind": kind, "kinds": kinds},
    )


@login_required
def notification_centre(request):
    """Your notifications, soonest due first, of one kind or all; marking read answers htmx with
    the refreshed list."""
    return _notification_page(request)


@login_required
@require_POST
def notification_read(request, pk):
    notification = get_object_or_404(notification_list(user=request.user), pk=pk)
    notification_mark_read(user=request.user, ids=[notification.pk])
    return _notification_page(request) if wants_fragment(request) else redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    notification_mark_read(user=request.user)
    return _notification_page(request) if wants_fragment(request) else redirect("notifications:list")


@login_required
@permission_required("core.review_access", raise_exception=True)
def access_review_page(request):
    """The yearly access review (等保): every account, its roles, its data scope and its last change;
    `?format=xlsx` downloads it for signing off."""
    rows = access_review()
    if request.GET.get("format") == "xlsx":
        return file_response(
            access_review_workbook(rows),
            filename=f"access-review-{timezone.localdate():%Y%m%d}.xlsx",
            content_type=XLSX_CONTENT_TYPE,
        )
    return render(request, "core/access_review.html", {"rows": rows, "columns": ACCESS_COLUMNS})


@login_required
@permission_required("core.view_readlog", raise_exception=True)
def read_log_page(request):
    """Who looked: the sensitive reads, filtered by user, kind and days; `?format=xlsx` exports
    the filtered rows. An invalid filter lists nothing and says why beside the field."""
    form = ReadLogFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        rows = read_log_list().none()
    else:
        data = form.cleaned_data if form.is_bound else {}
        user = data.get("user")
        rows = read_log_list(
            user_id=user.pk if user else None,
            kind=data.get("kind", ""),
            since=data.get("since"),
            until=data.get("until"),
        )
    if request.GET.get("format") == "xlsx" and not form.errors:
        return file_response(
            read_log_workbook(rows),
            filename=f"read-log-{timezone.localdate():%Y%m%d}.xlsx",
            content_type=XLSX_CONTENT_TYPE,
        )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "columns": READ_LOG_COLUMNS, "query": query.urlencode()}
    return render(request, "core/read_log.html", context, status=400 if form.errors else 200)
