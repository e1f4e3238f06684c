"""HR pages for the selection workflow, the reserve pool and what falls due."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cadres import forms_selection as f
from cadres.filters import unit_choices
from cadres.models import (
    OPEN_SELECTION_STATES,
    CheckKind,
    OrgUnit,
    PostLevel,
    ReserveCadre,
    SelectionProcess,
    SelectionState,
)
from cadres.registry import DUE_KINDS
from cadres.selectors.checks import candidate_checks, computed_states
from cadres.selectors.due import due_items, due_kinds_visible
from cadres.selectors.eligibility import reasons_visible
from cadres.selectors.selection import (
    reserve_eligibility,
    selection_detail_queryset,
    selection_start_warnings,
    selections_visible,
)
from cadres.services import selection as services
from cadres.services.reserve import reserve_save
from cadres.services.selection_steps import selection_step_run
from core import ranges
from core.forms import RangedIntegerField, add_service_errors, query_param
from core.scope import scoped

STEPS = [
    (SelectionState.INITIATED, gettext_lazy("Initiation")),
    (SelectionState.RECOMMENDATION, gettext_lazy("Recommendation")),
    (SelectionState.INSPECTION, gettext_lazy("Inspection")),
    (SelectionState.DECIDED, gettext_lazy("Decision")),
    (SelectionState.NOTICE, gettext_lazy("Public notice")),
    (SelectionState.APPOINTED, gettext_lazy("Appointment and probation")),
    (SelectionState.CLOSED, gettext_lazy("Closed")),
]


def _run(process, user, step, form, objection_id=None):
    data = dict(form.cleaned_data)
    if hasattr(form, "votes"):
        data["votes"] = form.votes()
    if step == "resolve":
        data["objection"] = get_object_or_404(process.objections, pk=objection_id)
    selection_step_run(process=process, step=step, data=data, acting_user=user)


FORMS = {
    "recommendation": f.RecommendationForm,
    "candidates": f.CandidateForm,
    "checks": f.CheckForm,
    "decision": f.DecisionForm,
    "notice": f.NoticeForm,
    "objections": f.ObjectionForm,
    "resolve": f.ResolveForm,
    "appoint": f.AppointForm,
    "probation": f.ProbationForm,
    "withdraw": f.WithdrawForm,
}


def _checks_grid(process, user):
    """(candidate, the eligibility reasons `user` may see, the four musts) per candidate; a computed
    check (cadres.registry.CHECK_PROVIDERS) shows its state and the reason `user` may read."""
    candidates = list(process.candidates.all())
    computed = computed_states(candidates)
    grid = []
    for candidate in candidates:
        done = {
            row["check"]: {
                "result": row["state"],
                "note": row["reason"],
                "warning": row["warning"],
                "links": row["links"],
            }
            if row["computed"]
            else row
            for row in candidate_checks(candidate, user=user, computed=computed)
        }
        reasons = reasons_visible(candidate.eligibility or [], user=user)
        grid.append(
            (candidate, reasons, [(kind, label, done.get(kind)) for kind, label in CheckKind.choices])
        )
    return grid


def _detail(request, process, bound=None, status=200):
    forms = {name: cls(user=request.user, process=process, prefix=name) for name, cls in FORMS.items()}
    if bound is not None:
        forms[bound[0]] = bound[1]
    states = [state for state, _label in STEPS]
    current = states.index(process.state) if process.state in states else -1
    context = {
        "process": process,
        "forms": forms,
        "steps": [(label, index < current, index == current) for index, (_s, label) in enumerate(STEPS)],
        "checks_grid": _checks_grid(process, request.user),
        "recommendations": process.recommendations.all(),
        "today": timezone.localdate(),
        "open": process.state in OPEN_SELECTION_STATES,
    }
    return render(request, "cadres/selection_detail.html", context, status=status)


def _process(request, pk):
    try:
        return selection_detail_queryset(user=request.user).get(pk=pk)
    except SelectionProcess.DoesNotExist as exc:
        raise Http404 from exc


@login_required
@permission_required("cadres.view_selectionprocess", raise_exception=True)
def selection_list(request):
    processes = selections_visible(user=request.user)
    state = request.GET.get("state")
    if state:
        processes = processes.filter(state=state)
    return render(
        request,
        "cadres/selection_list.html",
        {"processes": processes, "states": SelectionState.choices, "state": state},
    )


@login_required
@permission_required("cadres.add_selectionprocess", raise_exception=True)
def selection_create(request):
    form = f.SelectionStartForm(
        request.POST or None, user=request.user, initial={"post": request.GET.get("post")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            process = services.selection_start(acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            for warning in selection_start_warnings(user=request.user, process=process):
                messages.warning(request, warning["message"])
            return redirect("cadres:selection-detail", pk=process.pk)
    return render(request, "cadres/form.html", {"form": form, "title": _("Start a selection")})


@login_required
@permission_required("cadres.view_selectionprocess", raise_exception=True)
def selection_detail(request, pk):
    return _detail(request, _process(request, pk))


@login_required
@permission_required("cadres.change_selectionprocess", raise_exception=True)
@require_POST
def selection_step(request, pk, step, objection_id=None):
    process = _process(request, pk)
    if step not in FORMS:
        raise Http404
    form = FORMS[step](request.POST, user=request.user, process=process, prefix=step)
    if form.is_valid():
        try:
            _run(process, request.user, step, form, objection_id)
        except ValidationError as exc:
            add_service_errors(form, exc)
            messages.error(request, "；".join(exc.messages))
            reasons = getattr(exc, "extra", {}).get("reasons")
            if reasons:
                form.eligibility_reasons = reasons_visible(reasons, user=request.user)
        else:
            messages.success(request, _("Recorded."))
            return redirect("cadres:selection-detail", pk=process.pk)
    else:
        messages.error(request, _("Please correct the fields marked below."))
    return _detail(request, _process(request, pk), bound=(step, form), status=400)


@login_required
@permission_required("cadres.view_selectionprocess", raise_exception=True)
def selection_print(request, pk):
    process = _process(request, pk)
    return render(request, "cadres/selection_print.html", {"process": process, "today": timezone.localdate()})


@login_required
@permission_required("cadres.view_appointment", raise_exception=True)
def due_list(request):
    days_field = RangedIntegerField(bounds=ranges.DAYS, label=_("Next days"), required=False)
    days = query_param(request, "days", days_field, default=90)
    kind = request.GET.get("kind")
    kinds = [kind] if kind in DUE_KINDS else None
    units = scoped(request.user, OrgUnit.objects.filter(active=True)).order_by("path")
    unit_id = query_param(
        request, "unit", RangedIntegerField(bounds=ranges.ID, label=_("Unit"), required=False)
    )
    unit = units.filter(pk=unit_id).first() if unit_id else None
    items = due_items(user=request.user, on=timezone.localdate(), days=days, kinds=kinds, unit=unit)
    context = {
        "items": items,
        "days": days,
        "days_bounds": ranges.DAYS,
        "kind": kind,
        "kinds": due_kinds_visible(user=request.user),
        # The roster's menu (cadres.filters.unit_choices): the scope's top levels, from the figures
        # cache; all 6,515 units of a province were read and rendered on every due page. Any unit in
        # scope is still accepted by id.
        "unit_choices": unit_choices(units, selected=unit.pk if unit else None),
        "unit": unit,
        "today": timezone.localdate(),
    }
    return render(request, "cadres/due_list.html", context)


@login_required
@permission_required("cadres.view_reservecadre", raise_exception=True)
def reserve_list(request):
    reserves = scoped(request.user, ReserveCadre.objects.select_related("cadre__unit", "target_level"))
    levels = PostLevel.objects.filter(active=True).order_by("rank")
    level_id = query_param(
        request, "target_level", RangedIntegerField(bounds=ranges.ID, label=_("Target level"), required=False)
    )
    level = levels.filter(pk=level_id).first() if level_id else None
    form = f.ReserveForm(request.POST or None, user=request.user, target_level=level)
    if request.method == "POST":
        if not request.user.has_perm("cadres.add_reservecadre"):
            raise Http404
        if form.is_valid():
            try:
                reserve_save(reserve=form.instance, acting_user=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Added to the reserve pool."))
                return redirect("cadres:reserve-list")
    context = {"reserves": reserves, "form": form, "levels": levels, "level": level}
    return render(request, "cadres/reserve_list.html", context)


@login_required
@permission_required("cadres.view_reservecadre", raise_exception=True)
def reserve_detail(request, pk):
    reserve = get_object_or_404(
        scoped(request.user, ReserveCadre.objects.select_related("cadre", "target_level")), pk=pk
    )
    rows = reserve_eligibility(user=request.user, reserve=reserve, on=timezone.localdate())
    return render(request, "cadres/reserve_detail.html", {"reserve": reserve, "rows": rows})
