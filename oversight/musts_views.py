"""Pages of the four musts' records (凡提四必): file reviews, personal-matters reports (supervision
staff; opening one writes a row in the read log), the unit's filing status for clerks, papers in
custody with the expiring list, and trips abroad. Writes go through the API and the admin, which
call the same services."""

import datetime

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from core.forms import query_param
from core.models import ReadChannel
from oversight.choices import EXPIRY_WINDOW_DAYS
from oversight.models import MattersCheck
from oversight.selectors import musts as selectors
from oversight.services.personal_matters import report_read

YEAR = forms.IntegerField(min_value=2000, max_value=2100, required=False)


@login_required
@permission_required("oversight.view_filereview", raise_exception=True)
def file_review_list(request):
    rows = selectors.file_reviews_visible(user=request.user).prefetch_related("items")[:500]
    return render(request, "oversight/file_review_list.html", {"reviews": rows})


@login_required
@permission_required("oversight.view_filereview", raise_exception=True)
def file_review_detail(request, pk):
    review = get_object_or_404(
        selectors.file_reviews_visible(user=request.user).prefetch_related("items"), pk=pk
    )
    return render(request, "oversight/file_review_detail.html", {"review": review})


@login_required
@permission_required("oversight.view_personalmattersreport", raise_exception=True)
def matters_list(request):
    year = query_param(request, "year", YEAR, default=None) or timezone.localdate().year
    rows = selectors.reports_visible(user=request.user).filter(year=year).order_by("cadre__name", "id")[:1000]
    return render(request, "oversight/matters_list.html", {"reports": rows, "year": year, "detail": True})


@login_required
@permission_required("oversight.view_personalmattersreport", raise_exception=True)
def matters_detail(request, pk):
    """调阅: every opening of the page is a row in the read log."""
    rows = selectors.reports_visible(user=request.user).prefetch_related(
        "items", Prefetch("checks", queryset=MattersCheck.objects.prefetch_related("findings"))
    )
    report = report_read(
        report=get_object_or_404(rows, pk=pk),
        user=request.user,
        channel=ReadChannel.PAGE,
        purpose=request.GET.get("purpose", "")[:200],
        request=request,
    )
    return render(request, "oversight/matters_detail.html", {"report": report})


@login_required
@permission_required("cadres.view_cadre", raise_exception=True)
def filing_status(request):
    """What a unit clerk sees: who must file, by when, whether it came in; never the contents."""
    year = query_param(request, "year", YEAR, default=None) or timezone.localdate().year
    rows = selectors.filing_status(user=request.user, year=year).order_by("cadre__name", "id")[:1000]
    return render(request, "oversight/matters_list.html", {"reports": rows, "year": year, "detail": False})


@login_required
@permission_required("oversight.view_traveldocument", raise_exception=True)
def document_list(request):
    today = timezone.localdate()
    year = query_param(request, "year", YEAR, default=None)
    documents = selectors.documents_visible(user=request.user).filter(released_on__isnull=True)
    if year:
        expiring = documents.filter(expires_on__year=year)
    else:
        expiring = documents.filter(expires_on__lte=today + datetime.timedelta(days=EXPIRY_WINDOW_DAYS))
    context = {
        "documents": documents.order_by("cadre__name", "kind")[:1000],
        "expiring": expiring.order_by("expires_on")[:500],
        "registrations": selectors.registrations_visible(user=request.user).filter(ended_on__isnull=True)[
            :500
        ],
        "year": year,
        "today": today,
    }
    return render(request, "oversight/document_list.html", context)


@login_required
@permission_required("oversight.view_triprequest", raise_exception=True)
def trip_list(request):
    rows = selectors.trips_visible(user=request.user)[:500]
    return render(request, "oversight/trip_list.html", {"trips": rows})
