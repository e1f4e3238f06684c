"""HR pages of the appraisal system: yearly grades from the cadre record page, and the cycles."""

import base64
import csv
import io
from decimal import Decimal, InvalidOperation

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from appraisal.choices import CycleState, Grade
from appraisal.forms import AppraisalResultForm, BallotIssueForm
from appraisal.models import AppraisalCycle, AppraisalResult, Publication
from appraisal.selectors import appraisal_result_list
from appraisal.selectors.cycles import ballot_cycle, ballot_progress, cycle_list, participant_list
from appraisal.selectors.distribution import grade_distribution, grade_years
from appraisal.selectors.reports import self_reports
from appraisal.selectors.results import cycle_results, pay_coefficients
from appraisal.selectors.teams import team_list
from appraisal.services import appraisal_result_save
from appraisal.services import ballots as ballot_services
from appraisal.services import cycles as cycle_services
from appraisal.services.results import cycle_confirm
from cadres.models import Cadre
from cadres.registry import rater_notes
from cadres.views.appointment_form import html_to_pdf
from core.actors import public_actor
from core.downloads import file_response
from core.lockout import client_ip
from core.pages import form_page
from core.scope import scoped
from core.visibility import APPRAISAL_GRADES, may_see


def record_panel_context(*, cadre: Cadre, user) -> dict:
    """The grades card on the cadre record page (cadres.registry.RECORD_PANELS)."""
    return {
        "results": appraisal_result_list(user=user, cadre=cadre),
        "can_add": user.has_perm("appraisal.add_appraisalresult"),
    }


@login_required
@permission_required("appraisal.add_appraisalresult", raise_exception=True)
def appraisal_result_create(request, pk):
    cadre = get_object_or_404(scoped(request.user, Cadre), pk=pk)
    result = AppraisalResult(cadre=cadre, year=timezone.localdate().year - 1)
    form = AppraisalResultForm(request.POST or None, instance=result)
    return form_page(
        request,
        form=form,
        save=lambda: appraisal_result_save(result=form.instance, acting_user=request.user),
        success_url=reverse("cadres:cadre-detail", args=[cadre.pk]),
        done=_("Appraisal result saved."),
        title=f"{AppraisalResult._meta.verbose_name}：{cadre.name}",
    )


# Appraisal cycles: the HR pages, and the ballot page that needs no login.

CYCLE_VIEW = "appraisal.view_appraisalcycle"
CYCLE_CHANGE = "appraisal.change_appraisalcycle"
BALLOT_TRIES_PER_MINUTE = 30


def _cycle(request, pk):
    return get_object_or_404(scoped(request.user, AppraisalCycle.objects.select_related("unit")), pk=pk)


@login_required
@permission_required(CYCLE_VIEW, raise_exception=True)
def cycle_list_page(request):
    cycles = cycle_list(user=request.user)
    return render(request, "appraisal/cycle_list.html", {"cycles": cycles})


@login_required
@permission_required(CYCLE_VIEW, raise_exception=True)
def cycle_detail_page(request, pk):
    cycle = _cycle(request, pk)
    participants = list(participant_list(cycle=cycle))
    context = {
        "cycle": cycle,
        "indicators": cycle.indicators.all(),
        "progress": ballot_progress(cycle=cycle),
        "participants": _with_notes(participants, cycle, request.user),
        "can_change": request.user.has_perm(CYCLE_CHANGE),
        "codes": None,
    }
    return render(request, "appraisal/cycle_detail.html", context)


def _with_notes(participants, cycle, user):
    """Each participant with the other systems' lines for raters (cadres.registry.RaterNote)."""
    notes = rater_notes(cadre_ids=[p.cadre_id for p in participants], year=cycle.year, user=user)
    for participant in participants:
        participant.rater_notes = notes.get(participant.cadre_id, [])
    return participants


STEPS = {"open": cycle_services.cycle_open, "close": cycle_services.cycle_close}


@login_required
@permission_required(CYCLE_CHANGE, raise_exception=True)
@require_POST
def cycle_step_page(request, pk, step):
    cycle = _cycle(request, pk)
    try:
        if step == "confirm":
            cycle_confirm(cycle=cycle, grades=[], acting_user=request.user)
        else:
            STEPS[step](cycle=cycle, acting_user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Done: the cycle is now %(state)s.") % {"state": _cycle(request, pk).get_state_display()},
        )
    target = "appraisal:cycle-results" if step == "confirm" else "appraisal:cycle-detail"
    return redirect(target, pk=pk)


@login_required
@permission_required(CYCLE_CHANGE, raise_exception=True)
@require_POST
def ballot_issue_page(request, pk):
    """Issue codes and show them once, on a printable sheet of slips; they are not kept."""
    cycle = _cycle(request, pk)
    form = BallotIssueForm(request.POST, cycle=cycle)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return redirect("appraisal:cycle-detail", pk=pk)
    output = form.cleaned_data.pop("output", "") or "page"
    try:
        codes = ballot_services.ballots_issue(acting_user=request.user, cycle=cycle, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("appraisal:cycle-detail", pk=pk)
    ballot_url = request.build_absolute_uri(reverse("appraisal:ballot"))
    context = {"cycle": cycle, "group": form.cleaned_data["group"], "codes": codes, "ballot_url": ballot_url}
    if output == "pdf":
        # Made in this response from the codes in memory: the PDF is not kept either.
        context["slips"] = [(code, _slip_qr(slip_address(ballot_url, code))) for code in codes]
        html = render_to_string("appraisal/ballot_slips_pdf.html", context, request=request)
        name = f"{cycle.name}-{form.cleaned_data['group'].name}-测评票.pdf"
        response = file_response(html_to_pdf(html), filename=name, content_type="application/pdf")
    else:
        response = render(request, "appraisal/ballot_slips.html", context)
    response["Cache-Control"] = "no-store"
    return response


def slip_address(ballot_url: str, code: str) -> str:
    """The ballot page with the code in the fragment: browsers never send a fragment, so the code
    reaches no server or proxy log; static/js/ballot-code.js fills the field from it."""
    return f"{ballot_url}#code={code}"


def _slip_qr(address: str) -> str:
    """A slip's QR code as an SVG data URI, made in memory like the PDF around it."""
    image = qrcode.make(address, image_factory=qrcode.image.svg.SvgPathImage, border=1)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


@login_required
@permission_required(CYCLE_VIEW, raise_exception=True)
def cycle_results_page(request, pk):
    cycle = _cycle(request, pk)
    if not may_see(request.user, APPRAISAL_GRADES):
        raise PermissionDenied
    results = cycle_results(cycle=cycle)
    groups = list(cycle.rater_groups.all())
    rows = [
        (row, [row.group_means.get(g.pk) for g in groups], Grade(row.proposed_grade).label)
        for row in results.rows
    ]
    context = {
        "cycle": cycle,
        "groups": groups,
        "rows": rows,
        "results": results,
        "quota_total": sum(results.quotas.values()),
        "can_change": request.user.has_perm(CYCLE_CHANGE),
        "publication": Publication.objects.filter(cycle=cycle).first(),
    }
    return render(request, "appraisal/cycle_results.html", context)


def _too_many_tries(request) -> bool:
    key = f"appraisal:ballot-tries:{client_ip(request)}:{timezone.now():%Y%m%d%H%M}"
    cache.add(key, 0, timeout=70)
    return cache.incr(key) > BALLOT_TRIES_PER_MINUTE


@require_http_methods(["GET", "POST"])
def ballot_page(request):
    """The ballot page for a phone, without a login: the code is the only credential."""
    context = {"code": "", "cycle": None, "done": False}
    if request.method == "POST":
        if _too_many_tries(request):
            return render(
                request,
                "appraisal/ballot.html",
                context | {"error": _("Too many tries: wait a minute.")},
                status=429,
            )
        context = _ballot_step(request, context)
    response = render(request, "appraisal/ballot.html", context, status=context.pop("status", 200))
    response["Cache-Control"] = "no-store"
    return response


def _ballot_step(request, context):
    code = request.POST.get("code", "")[:40]
    found = ballot_cycle(code=code)
    if found is None:
        return context | {"error": _("Unknown ballot code."), "status": 400}
    cycle, participants = found
    participants = _with_notes(participants, cycle, None)  # the ballot page has no user
    reports = self_reports(cycle=cycle)
    teams = team_list(cycle=cycle)
    shown = {
        "code": code,
        "cycle": cycle,
        "participants": [(p, reports.get(p.pk)) for p in participants],
        "teams": teams,
    }
    if "submit" not in request.POST:
        return context | shown
    scores = [
        {"cadre": p.cadre_id, "score": request.POST.get(f"score-{p.cadre_id}", "")}
        for p in participants
        if request.POST.get(f"score-{p.cadre_id}", "") != ""
    ] + [
        {"team": t.pk, "score": request.POST.get(f"team-{t.pk}", "")}
        for t in teams
        if request.POST.get(f"team-{t.pk}", "") != ""
    ]
    try:
        scores = [s | {"score": Decimal(s["score"])} for s in scores]
        ballot_services.ballot_submit(code=code, scores=scores, acting_user=public_actor())
    except (ValidationError, InvalidOperation) as exc:
        message = (
            exc.messages[0] if isinstance(exc, ValidationError) else _("A score lies between 0 and 100.")
        )
        return context | shown | {"error": message, "status": 400}
    return context | {"done": True}


@require_POST
def ballot_report_file(request):
    """A participant's uploaded self report, for a rater holding a valid code (posted, never in the
    address, so no log holds it); nothing of the reading is recorded."""
    if _too_many_tries(request):
        return HttpResponse(status=429)
    found = ballot_cycle(code=request.POST.get("code", "")[:40])
    if found is None:
        raise Http404
    cycle, participants = found
    wanted = {str(p.pk): p for p in participants}.get(request.POST.get("participant", ""))
    report = self_reports(cycle=cycle).get(wanted.pk) if wanted else None
    if report is None or not report.file:
        raise Http404
    response = FileResponse(
        report.file.open("rb"), as_attachment=False, filename=report.file.name.rsplit("/", 1)[-1]
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@permission_required("appraisal.view_appraisalresult", raise_exception=True)
def grade_distribution_page(request):
    """The leaders' panel: the grade distribution per unit in a year."""
    if not may_see(request.user, APPRAISAL_GRADES):
        raise PermissionDenied
    years = grade_years(user=request.user)
    try:
        year = int(request.GET.get("year") or (years[0] if years else timezone.localdate().year - 1))
    except ValueError:
        year = years[0] if years else timezone.localdate().year - 1
    rows = grade_distribution(user=request.user, year=year)
    context = {"year": year, "years": years, "rows": rows, "grades": Grade.choices}
    return render(request, "appraisal/grade_distribution.html", context)


@login_required
@permission_required(CYCLE_VIEW, raise_exception=True)
def cycle_pay_export(request, pk):
    """The performance-pay coefficients of a confirmed cycle, as CSV (UTF-8 with BOM for Excel)."""
    cycle = _cycle(request, pk)
    if not may_see(request.user, APPRAISAL_GRADES):
        raise PermissionDenied
    if cycle.state != CycleState.CONFIRMED:
        messages.error(request, _("The coefficients are exported once the cycle is confirmed."))
        return redirect("appraisal:cycle-results", pk=pk)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Cadre"), _("Unit"), _("Grade"), _("Pay coefficient")])
    for row in pay_coefficients(cycle=cycle):
        writer.writerow([row.cadre, row.unit, row.grade, "" if row.coefficient is None else row.coefficient])
    content = ("\ufeff" + out.getvalue()).encode()
    return file_response(
        content, filename=f"{cycle.name}-绩效系数.csv", content_type="text/csv; charset=utf-8"
    )
