"""Pages of the oversight system: sanctions from the cadre record page, the discipline office's
complaint workspace, and the leaders' aggregates."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cadres.models import Cadre
from core.forms import add_service_errors, query_param
from core.models import ReadChannel
from core.pages import form_page
from core.scope import scoped
from core.visibility import COMPLAINTS, may_see
from oversight.choices import ComplaintState
from oversight.forms import (
    AttachmentForm,
    ComplaintForm,
    OpinionAnswerForm,
    OpinionRequestForm,
    RecuseForm,
    SanctionForm,
    StepForm,
    SubjectsForm,
)
from oversight.models import Sanction
from oversight.selectors import dashboard
from oversight.selectors.complaints import complaints_visible
from oversight.selectors.opinions import opinions_visible
from oversight.selectors.sanctions import sanction_list
from oversight.services import complaints as complaint_services
from oversight.services import opinions as opinion_services
from oversight.services import sanction_save
from oversight.services.reads import log_complaints, log_sanctions


def record_panel_context(*, cadre: Cadre, user) -> dict:
    """The sanctions card on the cadre record page (cadres.registry.RECORD_PANELS); the sanctions it
    shows are a sensitive read (core.readlog)."""
    sanctions = list(sanction_list(user=user, cadre=cadre))
    log_sanctions(user=user, sanctions=sanctions, channel=ReadChannel.PAGE)
    return {"sanctions": sanctions, "can_add": user.has_perm("oversight.add_sanction")}


@login_required
@permission_required("oversight.add_sanction", raise_exception=True)
def sanction_create(request, pk):
    cadre = get_object_or_404(scoped(request.user, Cadre), pk=pk)
    form = SanctionForm(request.POST or None, instance=Sanction(cadre=cadre))
    return form_page(
        request,
        form=form,
        save=lambda: sanction_save(sanction=form.instance, acting_user=request.user),
        success_url=reverse("cadres:cadre-detail", args=[cadre.pk]),
        done=_("Sanction recorded; its effect period is on the record."),
        title=f"{Sanction._meta.verbose_name}：{cadre.name}",
    )


STATE_FILTER = forms.ChoiceField(choices=[("", ""), *ComplaintState.choices], required=False)


@login_required
@permission_required("oversight.view_complaint", raise_exception=True)
def complaint_list(request):
    """The discipline office's queue: open complaints first, each with its next deadline."""
    state = query_param(request, "state", STATE_FILTER, default="")
    rows = complaints_visible(user=request.user).order_by("state", "accept_due", "conclude_due")
    if state:
        rows = rows.filter(state=state)
    context = {
        "complaints": rows[:500],
        "states": ComplaintState.choices,
        "state": state,
        "today": timezone.localdate(),
    }
    return render(request, "oversight/complaint_list.html", context)


@login_required
@permission_required("oversight.add_complaint", raise_exception=True)
def complaint_create(request):
    form = ComplaintForm(request.POST or None, user=request.user)

    def save():
        data = form.cleaned_data
        reporter = complaint_services.Reporter(
            anonymous=data["reporter_anonymous"],
            name=data["reporter_name"],
            phone=data["reporter_phone"],
            address=data["reporter_address"],
        )
        made, code = complaint_services.complaint_register(
            unit=data["unit"],
            channel=data["channel"],
            received_on=data["received_on"],
            category=data["category"],
            content=data["content"],
            subjects=list(data["subjects"]),
            reporter=reporter,
            acting_user=request.user,
        )
        if code:
            messages.info(request, _("Give the reporter this query code: %(code)s") % {"code": code})
        return made

    return form_page(
        request,
        form=form,
        save=save,
        success_url=lambda made: reverse("oversight:complaint-detail", args=[made.pk]),
        done=_("Complaint registered."),
        title=_("Register a complaint"),
    )


def _complaint(request, pk):
    return get_object_or_404(complaints_visible(user=request.user), pk=pk)


@login_required
@permission_required("oversight.view_complaint", raise_exception=True)
def complaint_detail(request, pk):
    complaint = _complaint(request, pk)
    log_complaints(request=request, complaints=[complaint], channel=ReadChannel.PAGE)
    steps = [
        (step, StepForm(step=step, prefix=step))
        for step in StepForm.FIELDS
        if step != "tell"
        and complaint_services.rules.step_allowed(step=step, state=complaint.state)
        and not (step == "extend" and complaint.extended)
    ]
    if _something_to_tell(complaint):
        steps.append(("tell", StepForm(step="tell", prefix="tell")))
    context = {
        "complaint": complaint,
        "steps": steps,
        "attachment_form": AttachmentForm(),
        "recuse_form": RecuseForm(complaint=complaint, prefix="recuse"),
        "recused": list(complaint.recused.all()),
        "subjects_form": SubjectsForm(
            user=request.user, unit=complaint.unit, initial={"subjects": list(complaint.subjects.all())}
        ),
    }
    return render(request, "oversight/complaint_detail.html", context)


def _something_to_tell(complaint) -> bool:
    """A named reporter not yet told of the acceptance (or refusal) or of the result."""
    if complaint.reporter_anonymous:
        return False
    untold_decision = complaint.decided_on and not complaint.told_acceptance_on
    return bool(untold_decision or (complaint.concluded_on and not complaint.told_result_on))


STEP_SERVICES = {
    "tell": complaint_services.complaint_tell_reporter,
    "accept": complaint_services.complaint_accept,
    "reject": complaint_services.complaint_reject,
    "dispose": complaint_services.complaint_dispose,
    "extend": complaint_services.complaint_extend,
    "conclude": complaint_services.complaint_conclude,
}


@login_required
@require_POST
@permission_required("oversight.change_complaint", raise_exception=True)
def complaint_step(request, pk, step):
    if step not in STEP_SERVICES:
        raise Http404
    complaint = _complaint(request, pk)
    form = StepForm(request.POST, step=step, prefix=step)
    if form.is_valid():
        try:
            STEP_SERVICES[step](complaint=complaint, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("oversight:complaint-detail", pk=pk)
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect("oversight:complaint-detail", pk=pk)


@login_required
@require_POST
@permission_required("oversight.change_complaint", raise_exception=True)
def complaint_subjects(request, pk):
    """Name the cadres complained about (an online complaint names them only in its text)."""
    complaint = _complaint(request, pk)
    form = SubjectsForm(request.POST, user=request.user, unit=complaint.unit)
    if form.is_valid():
        try:
            complaint_services.complaint_subjects_set(
                complaint=complaint, subjects=list(form.cleaned_data["subjects"]), acting_user=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Saved."))
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect("oversight:complaint-detail", pk=pk)


@login_required
@require_POST
@permission_required("oversight.change_complaint", raise_exception=True)
def complaint_recuse(request, pk):
    """回避: the staff member chosen no longer sees the complaint (the page, the API, the reminders)."""
    complaint = _complaint(request, pk)
    form = RecuseForm(request.POST, complaint=complaint, prefix="recuse")
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect("oversight:complaint-detail", pk=pk)
    try:
        complaint_services.complaint_recuse(
            complaint=complaint, user=form.cleaned_data["user"], acting_user=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("oversight:complaint-detail", pk=pk)
    messages.success(request, _("Saved."))
    if form.cleaned_data["user"] == request.user:
        return redirect("oversight:complaint-list")
    return redirect("oversight:complaint-detail", pk=pk)


@login_required
@require_POST
@permission_required("oversight.view_complaint", raise_exception=True)
def complaint_reporter(request, pk):
    """The explicit "show": the reporter's identity, recorded as seen by this user."""
    identity = complaint_services.reporter_reveal(complaint=_complaint(request, pk), acting_user=request.user)
    return render(request, "oversight/_reporter.html", {"identity": identity})


@login_required
def oversight_dashboard(request):
    """Aggregates only: complaints per month by channel and by way of disposal, and the four
    forms' distribution, for leaders, discipline staff and administrators."""
    if not dashboard.may_view_dashboard(request.user):
        raise Http404
    return render(request, "oversight/dashboard.html", dashboard.dashboard_figures(user=request.user))


@login_required
@permission_required("oversight.view_integrityopinion", raise_exception=True)
def opinion_list(request):
    """Integrity opinions: HR asks (ad hoc here; a selection asks with each candidate) and reads them."""
    form = OpinionRequestForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not request.user.has_perm("oversight.add_integrityopinion"):
            raise Http404
        if form.is_valid():
            try:
                opinion_services.opinion_request(cadre=form.cleaned_data["cadre"], acting_user=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The integrity opinion has been asked for."))
                return redirect("oversight:opinion-list")
    rows = opinions_visible(user=request.user).select_related("selection__post")[:500]
    return render(request, "oversight/opinion_list.html", {"opinions": rows, "form": form})


@login_required
@permission_required("oversight.view_integrityopinion", raise_exception=True)
def opinion_detail(request, pk):
    opinion = get_object_or_404(opinions_visible(user=request.user), pk=pk)
    can_answer = request.user.has_perm("oversight.change_integrityopinion") and opinion.state == "requested"
    form = OpinionAnswerForm(request.POST or None, initial={"text": opinion.draft})
    if request.method == "POST":
        if not can_answer:
            raise Http404
        if form.is_valid():
            try:
                opinion_services.opinion_answer(
                    opinion=opinion, acting_user=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("oversight:opinion-detail", pk=pk)
    context = {
        "opinion": opinion,
        "form": form if can_answer else None,
        "show_draft": may_see(request.user, COMPLAINTS),
    }
    return render(request, "oversight/opinion_detail.html", context)
