"""The discipline office's pages for cases (立案审查) and letter inquiries (函询): lists with
filters, the record, and its steps, each through the service the API calls."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.forms import add_service_errors, query_param
from core.scope import scoped
from oversight.choices import CaseOutcome, CaseState, FourForm, InquiryState
from oversight.forms import (
    CaseConcludeForm,
    CaseNoteForm,
    CaseOpenForm,
    InquiryConcludeForm,
    InquiryReplyForm,
    InquirySendForm,
)
from oversight.models import Case, CaseNote, LetterInquiry
from oversight.services import cases as case_services
from oversight.services import inquiries as inquiry_services

LIST_LIMIT = 500


def _choice(request, name: str, choices) -> str:
    field = forms.ChoiceField(choices=[("", ""), *[(str(k), v) for k, v in choices]], required=False)
    return query_param(request, name, field, default="")


def _run(request, form, save) -> bool:
    """Validate `form` and call the service; its refusal lands on the form. True when saved."""
    if not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    messages.success(request, _("Saved."))
    return True


def _cases(user):
    return scoped(user, Case.objects.select_related("cadre__unit", "complaint", "sanction"))


@login_required
@permission_required("oversight.view_case", raise_exception=True)
def case_list(request):
    """Cases, open first; filters by state, outcome and form; the form to open one (立案)."""
    filters = {
        "state": _choice(request, "state", CaseState.choices),
        "outcome": _choice(request, "outcome", CaseOutcome.choices),
        "form": _choice(request, "form", FourForm.choices),
    }
    can_open = request.user.has_perm("oversight.add_case")
    form = CaseOpenForm(request.POST or None, user=request.user, prefix="open")
    if request.method == "POST":
        if not can_open:
            raise Http404
        saved = {}

        def save(data):
            saved["case"] = case_services.case_open(
                cadre=data["cadre"],
                complaint=data["complaint"],
                opened_on=data["opened_on"],
                acting_user=request.user,
            )

        if _run(request, form, save):
            return redirect("oversight:case-detail", pk=saved["case"].pk)
    rows = (
        _cases(request.user)
        .filter(**{k: v for k, v in filters.items() if v})
        .order_by("-state", "-opened_on", "-id")
    )
    context = {
        "cases": rows[:LIST_LIMIT],
        "filters": filters,
        "choices": {"state": CaseState.choices, "outcome": CaseOutcome.choices, "form": FourForm.choices},
        "form": form if can_open else None,
    }
    return render(request, "oversight/case_list.html", context, status=400 if form.errors else 200)


@login_required
@permission_required("oversight.view_case", raise_exception=True)
def case_detail(request, pk):
    notes = Prefetch("notes", queryset=CaseNote.objects.select_related("written_by"))
    case = get_object_or_404(_cases(request.user).prefetch_related(notes), pk=pk)
    can_change = request.user.has_perm("oversight.change_case") and case.state == CaseState.OPEN
    note_form = CaseNoteForm(prefix="note")
    conclude_form = CaseConcludeForm(prefix="conclude")
    status = 200
    if request.method == "POST":
        if not can_change:
            raise Http404
        if "note-text" in request.POST:
            note_form = CaseNoteForm(request.POST, prefix="note")
            done = _run(
                request,
                note_form,
                lambda d: case_services.case_note_add(case=case, text=d["text"], acting_user=request.user),
            )
        else:
            conclude_form = CaseConcludeForm(request.POST, prefix="conclude")
            done = _run(
                request,
                conclude_form,
                lambda d: case_services.case_conclude(case=case, acting_user=request.user, **d),
            )
        if done:
            return redirect("oversight:case-detail", pk=pk)
        status = 400
    context = {
        "case": case,
        "note_form": note_form if can_change else None,
        "conclude_form": conclude_form if can_change else None,
    }
    return render(request, "oversight/case_detail.html", context, status=status)


def _inquiries(user):
    return scoped(user, LetterInquiry.objects.select_related("cadre__unit", "complaint", "sent_by"))


@login_required
@permission_required("oversight.view_letterinquiry", raise_exception=True)
def inquiry_list(request):
    """Letter inquiries, waiting for a reply first; filter by state; the form to send one."""
    state = _choice(request, "state", InquiryState.choices)
    can_send = request.user.has_perm("oversight.add_letterinquiry")
    form = InquirySendForm(request.POST or None, user=request.user, prefix="send")
    if request.method == "POST":
        if not can_send:
            raise Http404
        saved = {}

        def save(data):
            saved["inquiry"] = inquiry_services.inquiry_send(acting_user=request.user, **data)

        if _run(request, form, save):
            return redirect("oversight:inquiry-detail", pk=saved["inquiry"].pk)
    rows = _inquiries(request.user).order_by("-state", "-sent_on", "-id")
    if state:
        rows = rows.filter(state=state)
    context = {
        "inquiries": rows[:LIST_LIMIT],
        "state": state,
        "states": InquiryState.choices,
        "form": form if can_send else None,
    }
    return render(request, "oversight/inquiry_list.html", context, status=400 if form.errors else 200)


INQUIRY_STEPS = {
    InquiryState.SENT: ("reply", InquiryReplyForm, inquiry_services.inquiry_reply),
    InquiryState.REPLIED: ("conclude", InquiryConcludeForm, inquiry_services.inquiry_conclude),
}


@login_required
@permission_required("oversight.view_letterinquiry", raise_exception=True)
def inquiry_detail(request, pk):
    inquiry = get_object_or_404(_inquiries(request.user), pk=pk)
    step = INQUIRY_STEPS.get(inquiry.state)
    can_change = request.user.has_perm("oversight.change_letterinquiry") and step is not None
    form = step[1](prefix=step[0]) if can_change else None
    status = 200
    if request.method == "POST":
        if not can_change:
            raise Http404
        form = step[1](request.POST, prefix=step[0])
        if _run(request, form, lambda d: step[2](inquiry=inquiry, acting_user=request.user, **d)):
            return redirect(reverse("oversight:inquiry-detail", args=[pk]))
        status = 400
    context = {"inquiry": inquiry, "form": form, "step": step[0] if step else ""}
    return render(request, "oversight/inquiry_detail.html", context, status=status)
