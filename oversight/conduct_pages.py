"""Pages of the yearly conduct work: letters, duty reports, the risk register and its reviews,
supervised meetings and supervised tasks. Each read goes through a selector, each write through
its service; a refused write puts the service's reason on the form."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import ranges
from core.forms import RangedIntegerField, add_service_errors, query_param
from core.scope import scoped
from oversight import conduct_forms as f
from oversight.choices import DutyReportState, LetterState, TaskState
from oversight.models import IntegrityRisk, SupervisedMeeting
from oversight.selectors import duty_reports as report_selectors
from oversight.selectors import letters as letter_selectors
from oversight.selectors import risks as risk_selectors
from oversight.selectors import tasks as task_selectors
from oversight.services import duty_reports as report_services
from oversight.services import letters as letter_services
from oversight.services import meetings as meeting_services
from oversight.services import risks as risk_services
from oversight.services import tasks as task_services

YEAR_FILTER = RangedIntegerField(bounds=ranges.Bounds(2000, 2100), required=False)
SHOWN = 500


def _year(request) -> int:
    return query_param(request, "year", YEAR_FILTER, default=timezone.localdate().year)


def _submit(request, form, save, *, perm: str, done: str) -> bool:
    """Validate a posted form and run its service; True when saved (the caller redirects)."""
    if not request.user.has_perm(perm):
        raise PermissionDenied
    if not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    messages.success(request, done)
    return True


def _action(request) -> str:
    return request.POST.get("action", "") if request.method == "POST" else ""


@login_required
@permission_required("oversight.view_responsibilityletter", raise_exception=True)
@require_http_methods(["GET", "POST"])
def letter_list(request):
    """The year's letters, how many are signed, and what the letters cannot reach (the gaps)."""
    year = _year(request)
    action = _action(request)
    generate = f.LetterGenerateForm(request.POST if action == "generate" else None, initial={"year": year})
    sign = f.LetterSignForm(request.POST if action == "sign" else None, request.FILES or None)
    if action == "generate" and _submit(
        request,
        generate,
        lambda d: letter_services.letters_generate(
            year=d["year"], sign_by=d["sign_by"], acting_user=request.user
        ),
        perm="oversight.add_responsibilityletter",
        done=_("The year's letters have been generated."),
    ):
        return redirect(f"{request.path}?year={generate.cleaned_data['year']}")
    if action == "sign":
        letter = get_object_or_404(
            letter_selectors.letter_list(user=request.user), pk=request.POST.get("letter") or 0
        )
        if _submit(
            request,
            sign,
            lambda d: letter_services.letter_sign(
                letter=letter, signed_on=d["signed_on"], scan=d["signed_scan"], acting_user=request.user
            ),
            perm="oversight.change_responsibilityletter",
            done=_("The letter is recorded as signed."),
        ):
            return redirect(f"{request.path}?year={letter.year}")
    context = {
        "year": year,
        "letters": letter_selectors.letter_list(user=request.user, year=year)[:SHOWN],
        "progress": letter_selectors.letter_progress(user=request.user, year=year),
        "gaps": letter_selectors.letter_gaps(
            user=request.user, on=min(timezone.localdate(), datetime.date(year, 12, 31))
        ),
        "generate": generate,
        "sign": sign,
        "pending": LetterState.PENDING,
        "today": timezone.localdate(),
    }
    return render(request, "oversight/letter_list.html", context)


@login_required
@permission_required("oversight.view_dutyreport", raise_exception=True)
@require_http_methods(["GET", "POST"])
def duty_report_list(request):
    year = _year(request)
    action = _action(request)
    open_form = f.DutyReportOpenForm(request.POST if action == "open" else None, initial={"year": year})
    submit = f.DutyReportSubmitForm(request.POST if action == "submit" else None)
    review = f.DutyReportReviewForm(request.POST if action == "review" else None)
    if action == "open" and _submit(
        request,
        open_form,
        lambda d: report_services.duty_reports_open(acting_user=request.user, **d),
        perm="oversight.add_dutyreport",
        done=_("The year's reports have been opened."),
    ):
        return redirect(f"{request.path}?year={open_form.cleaned_data['year']}")
    if action in ("submit", "review"):
        report = get_object_or_404(
            report_selectors.duty_report_list(user=request.user), pk=request.POST.get("report") or 0
        )
        service = (
            report_services.duty_report_submit if action == "submit" else report_services.duty_report_review
        )
        if _submit(
            request,
            submit if action == "submit" else review,
            lambda d: service(report=report, acting_user=request.user, **d),
            perm="oversight.change_dutyreport",
            done=_("Saved."),
        ):
            return redirect(f"{request.path}?year={report.year}")
    context = {
        "year": year,
        "reports": report_selectors.duty_report_list(user=request.user, year=year)[:SHOWN],
        "open_form": open_form,
        "submit": submit,
        "review": review,
        "step_forms": [submit, review],
        "states": DutyReportState,
    }
    return render(request, "oversight/duty_report_list.html", context)


@login_required
@permission_required("oversight.view_integrityrisk", raise_exception=True)
@require_http_methods(["GET", "POST"])
def risk_list(request):
    """The register, and the year's review campaigns with their coverage."""
    form = f.RiskForm(request.POST if _action(request) == "risk" else None, user=request.user)
    review_form = f.ReviewOpenForm(request.POST if _action(request) == "review" else None, user=request.user)
    if _action(request) == "risk" and _submit(
        request,
        form,
        lambda d: risk_services.risk_save(risk=IntegrityRisk(**d), acting_user=request.user),
        perm="oversight.add_integrityrisk",
        done=_("Saved."),
    ):
        return redirect(request.path)
    if _action(request) == "review" and _submit(
        request,
        review_form,
        lambda d: risk_services.risk_review_open(acting_user=request.user, **d),
        perm="oversight.add_riskreview",
        done=_("The review is open."),
    ):
        return redirect(request.path)
    year = _year(request)
    context = {
        "risks": risk_selectors.risk_list(user=request.user).filter(active=True)[:SHOWN],
        "reviews": risk_selectors.reviews_coverage(user=request.user, year=year),
        "year": year,
        "form": form,
        "review_form": review_form,
    }
    return render(request, "oversight/risk_list.html", context)


@login_required
@permission_required("oversight.view_riskreview", raise_exception=True)
@require_http_methods(["GET", "POST"])
def risk_review_detail(request, pk):
    review = get_object_or_404(risk_selectors.review_list(user=request.user), pk=pk)
    form = f.ReviewEntryForm(request.POST or None, user=request.user)
    if request.method == "POST" and _submit(
        request,
        form,
        lambda d: risk_services.risk_review_record(review=review, acting_user=request.user, **d),
        perm="oversight.add_riskreviewentry",
        done=_("Saved."),
    ):
        return redirect(request.path)
    report = risk_selectors.review_report(review=review)
    return render(request, "oversight/risk_review_detail.html", {"review": review, "form": form, **report})


@login_required
@permission_required("oversight.view_supervisedmeeting", raise_exception=True)
@require_http_methods(["GET", "POST"])
def meeting_list(request):
    form = f.MeetingForm(request.POST or None, user=request.user)

    def save(d):
        finding, follow_up = d.pop("finding"), d.pop("follow_up")
        findings = [(finding, follow_up)] if finding else []
        meeting_services.meeting_record(findings=findings, notes="", acting_user=request.user, **d)

    if request.method == "POST" and _submit(
        request, form, save, perm="oversight.add_supervisedmeeting", done=_("The attendance is recorded.")
    ):
        return redirect(request.path)
    meetings = scoped(
        request.user,
        SupervisedMeeting.objects.select_related("unit", "attendee").prefetch_related("findings"),
    )
    return render(request, "oversight/meeting_list.html", {"meetings": meetings[:SHOWN], "form": form})


OVERDUE_FILTER = forms.BooleanField(required=False)


@login_required
@permission_required("oversight.view_supervisedtask", raise_exception=True)
@require_http_methods(["GET", "POST"])
def task_list(request):
    """The 督办 list: overdue ones marked, `?overdue=1` for those only."""
    form = f.TaskForm(request.POST or None, user=request.user)

    def save(d):
        kind, source_id = d.pop("source_kind"), d.pop("source_id")
        if bool(kind) != bool(source_id):
            raise ValidationError(
                {"source_id": _("Give both the kind and the id of the source, or neither.")}
            )
        task_services.task_assign(source=(kind, source_id) if kind else None, acting_user=request.user, **d)

    if request.method == "POST" and _submit(
        request, form, save, perm="oversight.add_supervisedtask", done=_("The task is assigned.")
    ):
        return redirect(request.path)
    today = timezone.localdate()
    rows = task_selectors.task_list(user=request.user)
    if query_param(request, "overdue", OVERDUE_FILTER, default=False):
        rows = rows.filter(task_selectors.overdue_q(today))
    tasks = list(rows[:SHOWN])
    names = task_selectors.source_labels(tasks=tasks, user=request.user)
    for task in tasks:
        task.is_overdue = task_selectors.is_overdue(task, today)
        task.source_name = names.get(task.pk, "")
    return render(request, "oversight/task_list.html", {"tasks": tasks, "form": form, "today": today})


@login_required
@permission_required("oversight.view_supervisedtask", raise_exception=True)
@require_http_methods(["GET", "POST"])
def task_detail(request, pk):
    task = get_object_or_404(task_selectors.task_list(user=request.user), pk=pk)
    action = _action(request)
    report = f.TaskReportForm(request.POST if action == "report" else None)
    accept = f.TaskAcceptForm(request.POST if action == "accept" else None)
    send_back = f.TaskSendBackForm(request.POST if action == "send_back" else None)
    steps = {
        "report": (report, task_services.task_report, "oversight.add_taskprogress"),
        "accept": (accept, task_services.task_accept, "oversight.change_supervisedtask"),
        "send_back": (send_back, task_services.task_send_back, "oversight.change_supervisedtask"),
    }
    if action in steps:
        form, service, perm = steps[action]
        if _submit(
            request,
            form,
            lambda d: service(task=task, acting_user=request.user, **d),
            perm=perm,
            done=_("Saved."),
        ):
            return redirect(request.path)
    today = timezone.localdate()
    context = {
        "task": task,
        "overdue": task_selectors.is_overdue(task, today),
        "source_name": task_selectors.source_labels(tasks=[task], user=request.user).get(task.pk, ""),
        "progress": task_selectors.task_progress(task=task),
        "report": report,
        "accept": accept,
        "send_back": send_back,
        "states": TaskState,
    }
    return render(request, "oversight/task_detail.html", context)
