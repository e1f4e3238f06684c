"""The printable 干部任免审批表 (cadre appointment form): an A4 page of two sheets, and its PDF.

The values are those of the .lrmx export (`record_from_cadre`), laid out for paper.
"""

import base64
import datetime
import logging
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cadres.exchange.lrmx.codec import LrmxRecord
from cadres.exchange.lrmx.mapping import POLITICAL_STATUS_LABELS, record_from_cadre
from cadres.models import Cadre, PoliticalStatus
from cadres.rules.partial_dates import PartialDateError, format_year_month, parse_roster_date
from cadres.selectors.profile import PARTY_MEMBERS, age_on
from cadres.selectors.selection import FormTexts, form_candidate, form_texts
from cadres.services.reads import log_appointment_form
from cadres.services.selection import selection_form_texts_save
from core.downloads import file_response
from core.errors import RuleViolation
from core.models import ReadChannel
from core.scope import scoped
from core.visibility import ALL_FACTS, visible_facts

MAX_PARAM = 500
# WeasyPrint reports every layout step at INFO.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


@dataclass(frozen=True)
class FamilyRow:
    relation: str
    name: str
    age: str
    political_status: str
    work_unit_and_post: str


@dataclass(frozen=True)
class PrintedForm:
    """The values of the two printed pages of 干部任免审批表."""

    record: LrmxRecord
    age: int
    birth: str
    party_cell: str
    work_start: str
    fulltime_education: str
    inservice_education: str
    resume: list[tuple[str, str]]  # (period, what), so the periods line up in a column
    family: list[FamilyRow]
    photo_data_uri: str


FAMILY_ROWS = 7


def _year_month(value: datetime.date | None) -> str:
    return format_year_month(value) if value else ""


def resume_columns(lines: list[str]) -> list[tuple[str, str]]:
    """1988.09--1992.07 山东大学学习 → ("1988.09--1992.07", "山东大学学习"); other lines stay whole."""
    rows = []
    for line in lines:
        parts = line.split(None, 1)
        if len(parts) == 2 and parts[0][:1].isdigit():
            rows.append((parts[0], parts[1].strip()))
        else:
            rows.append(("", line.strip()))
    return rows


def _family_age(birth: str, on: datetime.date) -> str:
    try:
        return str(age_on(parse_roster_date(birth), on)) if birth else ""
    except PartialDateError:
        return ""


def printed_form(
    *,
    cadre: Cadre,
    on: datetime.date,
    facts: frozenset[str] = ALL_FACTS,
    proposed_post: str = "",
    proposed_removal: str = "",
    reason: str = "",
) -> PrintedForm:
    record = record_from_cadre(cadre=cadre, on=on, facts=facts)
    record.proposed_post, record.proposed_removal, record.appointment_reason = (
        proposed_post,
        proposed_removal,
        reason,
    )
    if cadre.political_status in PARTY_MEMBERS:
        party = _year_month(cadre.party_join_date)
    elif cadre.political_status == PoliticalStatus.MASSES:
        party = ""
    elif cadre.political_status == PoliticalStatus.DEMOCRATIC_PARTY and cadre.democratic_party:
        party = " ".join(filter(None, (_year_month(record.party_join), record.party_name)))  # 2000.06 民盟
    else:
        party = POLITICAL_STATUS_LABELS.get(cadre.political_status, "")
    rows = [
        FamilyRow(m.relation, m.name, _family_age(m.birth, on), m.political_status, m.work_unit_and_post)
        for m in record.family
    ]
    return PrintedForm(
        record=record,
        age=age_on(cadre.birth_date, on),
        birth=_year_month(cadre.birth_date),
        party_cell=party,
        work_start=_year_month(cadre.work_start_date),
        fulltime_education=" ".join(filter(None, (record.fulltime_education, record.fulltime_degree))),
        inservice_education=" ".join(filter(None, (record.inservice_education, record.inservice_degree))),
        resume=resume_columns(record.resume_lines),
        family=rows + [FamilyRow("", "", "", "", "")] * max(0, FAMILY_ROWS - len(rows)),
        photo_data_uri=(
            "data:image/jpeg;base64," + base64.b64encode(record.photo).decode("ascii") if record.photo else ""
        ),
    )


TEXT_PARAMS = ("proposed_post", "proposed_removal", "reason")


def form_text_params(request, *, cadre: Cadre, on: datetime.date) -> tuple[dict[str, str], FormTexts]:
    """The selection's texts, each replaced by `?proposed_post=&proposed_removal=&reason=` when given."""
    texts = form_texts(cadre=cadre, on=on)
    derived = {"proposed_post": texts.proposed_post, "proposed_removal": texts.proposed_removal,
               "reason": texts.reason}  # fmt: skip
    return {
        name: request.GET[name][:MAX_PARAM] if name in request.GET else derived[name] for name in TEXT_PARAMS
    }, texts


def _context(request, pk: int, *, pdf: bool) -> dict:
    cadre = get_object_or_404(scoped(request.user, Cadre).select_related("unit"), pk=pk)
    on = timezone.localdate()
    params, texts = form_text_params(request, cadre=cadre, on=on)
    form = printed_form(cadre=cadre, on=on, facts=visible_facts(request.user), **params)
    return {
        "cadre": cadre,
        "form": form,
        "record": form.record,
        "pdf": pdf,
        "query": urlencode(params),
        "texts": params,
        "candidate": texts.candidate,
        "can_save": texts.candidate is not None and request.user.has_perm("cadres.change_selectionprocess"),
    }


def _save_texts(request, pk: int):
    cadre = get_object_or_404(scoped(request.user, Cadre), pk=pk)
    params = {name: request.POST.get(name, "")[:MAX_PARAM] for name in TEXT_PARAMS}
    url = reverse("cadres:appointment-form", args=[pk])
    if request.POST.get("action") != "save":
        return redirect(f"{url}?{urlencode(params)}")
    candidate = form_candidate(cadre=cadre)
    if candidate is None or not request.user.has_perm("cadres.change_selectionprocess"):
        raise PermissionDenied
    try:
        selection_form_texts_save(
            candidate=candidate,
            proposed_post=params["proposed_post"],
            proposed_removal=params["proposed_removal"],
            appointment_reason=params["reason"],
            acting_user=request.user,
        )
    except RuleViolation as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(f"{url}?{urlencode(params)}")
    messages.success(request, _("The texts are saved with the selection candidate."))
    return redirect(url)


@login_required
@permission_required("cadres.view_cadre", raise_exception=True)
@require_http_methods(["GET", "POST"])
def appointment_form_print(request, pk):
    """拟任职务, 拟免职务 and 任免理由 come from the selection the cadre is approved in (see
    `form_texts`), each replaced by `?proposed_post=&proposed_removal=&reason=` when given.
    A POST previews HR's edits (`action=preview`) or stores them on the candidate (`action=save`)."""
    if request.method == "POST":
        return _save_texts(request, pk)
    context = _context(request, pk, pdf=False)
    log_appointment_form(request=request, cadre=context["cadre"], channel=ReadChannel.PAGE)
    return render(request, "cadres/appointment_form_print.html", context)


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
    log_appointment_form(request=request, cadre=context["cadre"], channel=ReadChannel.FILE)
    filename = f"干部任免审批表-{context['cadre'].name}.pdf"
    return file_response(pdf, filename=filename, content_type="application/pdf", inline=True)
