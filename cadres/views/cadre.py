"""HR pages for cadre records and appointments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cadres.filters import CadreFilter
from cadres.forms import (
    AppointmentEndForm,
    AppointmentForm,
    CadreForm,
    FamilyFormSet,
)
from cadres.models import Appointment, Cadre
from cadres.registry import RECORD_PANELS
from cadres.selectors.cadres import cadres_visible
from cadres.selectors.profile import age_on, cadre_profile
from cadres.selectors.visibility import hidden_cadre_fields, id_number_shown
from cadres.services import appointment_end, appointment_save, cadre_save
from core.forms import add_service_errors
from core.pages import form_page
from core.scope import scoped
from core.visibility import may_see

PAGE_SIZE = 50


@login_required
@permission_required("cadres.view_cadre", raise_exception=True)
def cadre_list(request):
    today = timezone.localdate()
    queryset = cadres_visible(user=request.user, on=today).order_by("unit__path", "name", "id")
    cadre_filter = CadreFilter(request.GET or None, queryset=queryset, request=request, on=today)
    return render_cadre_list(request, cadre_filter, on=today)


def render_cadre_list(request, cadre_filter: CadreFilter, *, on, status: int = 200):
    """The roster page, or its table for htmx. A filter value that fails its check (an age of
    101) lists no one and shows the error beside the field and above the table."""
    invalid = cadre_filter.is_bound and not cadre_filter.is_valid()
    rows = cadre_filter.queryset.none() if invalid else cadre_filter.qs
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for cadre in page:
        cadre.age = age_on(cadre.birth_date, on)
    context = {"filter": cadre_filter, "page": page, "query": request.GET.urlencode(), "invalid": invalid}
    template = (
        "cadres/_cadre_table.html"
        if request.htmx and request.htmx.target == "cadre-table"
        else "cadres/cadre_list.html"
    )
    return render(request, template, context, status=status)


@login_required
@permission_required("cadres.view_cadre", raise_exception=True)
def cadre_detail(request, pk):
    today = timezone.localdate()
    cadre = get_object_or_404(scoped(request.user, Cadre.objects.select_related("unit")), pk=pk)
    appointments = list(
        cadre.appointments.select_related("post__unit", "post__level").order_by("-start_date")
    )
    return render(
        request,
        "cadres/cadre_detail.html",
        {
            "cadre": cadre,
            "profile": cadre_profile(cadre=cadre, on=today, appointments=appointments),
            "appointments": appointments,
            "family": cadre.family.select_related("relative_cadre"),
            "id_number": id_number_shown(user=request.user, number=cadre.id_number),
            "hidden": hidden_cadre_fields(user=request.user),
            "panels": _record_panels(request.user, cadre),
            "today": today,
        },
    )


def _record_panels(user, cadre: Cadre) -> list[dict]:
    """Cards other systems add to the record page (cadres.registry), those the user may see."""
    panels = sorted(RECORD_PANELS.values(), key=lambda p: p.order)
    return [
        {"template": p.template, "data": p.context(cadre=cadre, user=user)}
        for p in panels
        if user.has_perm(p.permission) and may_see(user, p.reveals)
    ]


def _family_rows(formset) -> list[dict]:
    rows = []
    for form in formset.forms:
        if not form.has_changed() or form.cleaned_data.get("DELETE"):
            continue
        rows.append({k: v for k, v in form.cleaned_data.items() if k in FamilyFormSet.form.Meta.fields})
    return rows


def _cadre_form(request, cadre: Cadre | None):
    form = CadreForm(request.POST or None, request.FILES or None, instance=cadre, user=request.user)
    family = FamilyFormSet(request.POST or None, instance=cadre or Cadre(), prefix="family")
    if request.method == "POST" and form.is_valid() and family.is_valid():
        try:
            with transaction.atomic():
                saved = cadre_save(cadre=form.instance, acting_user=request.user, family=_family_rows(family))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("cadres:cadre-detail", pk=saved.pk)
    title = _("Edit cadre record %(name)s") % {"name": cadre.name} if cadre else _("New cadre record")
    return render(request, "cadres/cadre_form.html", {"form": form, "family": family, "title": title})


@login_required
@permission_required("cadres.add_cadre", raise_exception=True)
def cadre_create(request):
    return _cadre_form(request, None)


@login_required
@permission_required("cadres.change_cadre", raise_exception=True)
def cadre_edit(request, pk):
    return _cadre_form(request, get_object_or_404(scoped(request.user, Cadre), pk=pk))


@login_required
@permission_required("cadres.add_appointment", raise_exception=True)
def appointment_create(request, pk):
    cadre = get_object_or_404(scoped(request.user, Cadre), pk=pk)
    form = AppointmentForm(request.POST or None, instance=Appointment(cadre=cadre), user=request.user)
    return form_page(
        request,
        form=form,
        save=lambda: appointment_save(
            appointment=form.instance,
            acting_user=request.user,
            close_previous_primary=form.cleaned_data["close_previous_primary"],
        ),
        success_url=reverse("cadres:cadre-detail", args=[cadre.pk]),
        done=_("Appointment saved."),
        title=_("Appoint %(name)s") % {"name": cadre.name},
    )


@login_required
@permission_required("cadres.change_appointment", raise_exception=True)
@require_http_methods(["GET", "POST"])
def appointment_end_view(request, pk):
    appointment = get_object_or_404(scoped(request.user, Appointment).select_related("cadre", "post"), pk=pk)
    form = AppointmentEndForm(request.POST or None)
    return form_page(
        request,
        form=form,
        save=lambda: appointment_end(appointment=appointment, acting_user=request.user, **form.cleaned_data),
        success_url=reverse("cadres:cadre-detail", args=[appointment.cadre_id]),
        done=_("Removed from the post."),
        title=_("Remove %(name)s from %(post)s") % {"name": appointment.cadre.name, "post": appointment.post},
    )
