"""The printable 干部任免审批表 (cadre appointment form): an A4 page of two sheets, and its PDF."""

import logging

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header

from cadres.lrmx_mapping import printed_form
from cadres.models import Cadre
from core.scope import scoped

MAX_PARAM = 500
# WeasyPrint reports every layout step at INFO.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def _context(request, pk: int, *, pdf: bool) -> dict:
    cadre = get_object_or_404(scoped(request.user, Cadre).select_related("unit"), pk=pk)
    params = {
        name: request.GET.get(name, "")[:MAX_PARAM]
        for name in ("proposed_post", "proposed_removal", "reason")
    }
    form = printed_form(
        cadre=cadre,
        on=timezone.localdate(),
        mask_id=not request.user.has_perm("cadres.view_full_id_number"),
        **params,
    )
    return {"cadre": cadre, "form": form, "record": form.record, "pdf": pdf, "query": request.GET.urlencode()}


@login_required
@permission_required("cadres.view_cadre", raise_exception=True)
def appointment_form_print(request, pk):
    """拟任职务, 拟免职务 and 任免理由 come from `?proposed_post=&proposed_removal=&reason=`."""
    return render(request, "cadres/appointment_form_print.html", _context(request, pk, pdf=False))


def html_to_pdf(html: str) -> bytes:
    # WeasyPrint loads pango and fonts on import: only the PDF view pays for it.
    from weasyprint import HTML, URLFetcher

    # The page is self-contained (inline style, photo as a data: URI); nothing else is fetched.
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()


@login_required
@permission_required("cadres.view_cadre", raise_exception=True)
def appointment_form_pdf(request, pk):
    context = _context(request, pk, pdf=True)
    html = render_to_string("cadres/appointment_form_print.html", context, request=request)
    pdf = html_to_pdf(html)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"干部任免审批表-{context['cadre'].name}.pdf"
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response
