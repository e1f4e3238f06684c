"""HR pages for cadre records and appointments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cadres.exchange.lrmx.mapping import registered_rewards
from cadres.filters import CadreFilter, RosterDisplayForm
from cadres.forms import (
    AppointmentEndForm,
    AppointmentForm,
    CadreForm,
    FamilyFormSet,
)
from cadres.models import Appointment, Cadre
from cadres.registry import RECORD_PANELS
from cadres.selectors.cadres import cadres_visible, roster_sorted
from cadres.selectors.profile import age_on, cadre_profile
from cadres.selectors.visibility import hidden_cadre_fields, id_number_shown
from cadres.services import appointment_end, appointment_save, cadre_save
from cadres.services.reads import log_full_id_numbers
from cadres.services.record_dates import ConfirmationRequired
from cadres.signals import NAMESPACE
from core.figures_cache import CachedCountPaginator, figures_key, list_count_parts, viewer_key
from core.forms import add_service_errors
from core.htmx import render_fragment_or_page
from core.models import ReadChannel
from core.pages import form_page
from core.scope import scoped
from core.visibility import may_see, visible_facts

# The box "I have checked these dates" shown beside implausible dates (cadres.rules.record_dates).
CONFIRM_FIELD = "confirm_dates"


@login_required
@permission_required("cadres.view_cadre", raise_exception=True)
def cadre_list(request):
    today = timezone.localdate()
    queryset = cadres_visible(user=request.user, on=today)
    cadre_filter = CadreFilter(request.GET or None, queryset=queryset, request=request, on=today)
    return render_cadre_list(request, cadre_filter, on=today)


# The roster's columns: label and sort key (None: not sortable).
ROSTER_COLUMNS = (
    (gettext_lazy("Name"), "name"),
    (gettext_lazy("Gender"), "gender"),
    (gettext_lazy("Born"), "birth_date"),
    (gettext_lazy("Age"), "age"),
    (gettext_lazy("Ethnicity"), "ethnicity"),
    (gettext_lazy("Education"), "education"),
    (gettext_lazy("Political status"), "political_status"),
    (gettext_lazy("Unit"), "unit"),
    (gettext_lazy("Current posts"), None),
    (gettext_lazy("Retirement"), "retirement_date"),
)


def _columns(params, sort: str) -> list[dict]:
    """Each header's link sorts by its column, ascending first, then descending on a second click."""
    columns = []
    for label, key in ROSTER_COLUMNS:
        state = "asc" if key and sort == key else "desc" if key and sort == f"-{key}" else ""
        link = _with(params, sort=f"-{key}" if state == "asc" else key) if key else ""
        columns.append({"label": label, "key": key, "state": state, "query": link})
    return columns


# The roster's columns that show a choice's label.
LABELLED = ("gender", "ethnicity", "education", "political_status")

# Parameters of the list's own links: the filters travel with them, the page does not.
LINK_EXCLUDED = ("page", "sort")


def render_cadre_list(request, cadre_filter: CadreFilter, *, on, status: int = 200):
    """The roster page, or its table for htmx. A filter value that fails its check (an age of
    101, an unknown sort key) lists no one and shows the error beside the field and above the
    table."""
    display = RosterDisplayForm(request.GET or None)
    invalid = (cadre_filter.is_bound and not cadre_filter.is_valid()) or (
        display.is_bound and not display.is_valid()
    )
    sort, page_size = display.display()
    rows = cadre_filter.queryset.none() if invalid else roster_sorted(cadre_filter.qs, sort=sort)
    paginator = CachedCountPaginator(
        rows, page_size, namespace=NAMESPACE, parts=list_count_parts(request, on=on)
    )
    page = paginator.get_page(request.GET.get("page"))
    labels = {name: dict(Cadre._meta.get_field(name).flatchoices) for name in LABELLED}
    detail_url = reverse("cadres:cadre-detail", args=[0]).replace("/0/", "/{}/")
    select_label = _("Select %(name)s")
    for cadre in page:
        # Once per page, not per cell: get_FOO_display rebuilt the choices' dict in every cell,
        # and `|date`, `{% blocktranslate %}` per row were a third of the table's rendering.
        cadre.age = age_on(cadre.birth_date, on)
        cadre.labels = {name: labels[name].get(getattr(cadre, name), getattr(cadre, name)) for name in labels}
        cadre.detail_url = detail_url.format(cadre.pk)
        cadre.select_label = select_label % {"name": cadre.name}
        cadre.born, cadre.retires = _year_month(cadre.birth_date), _year_month(cadre.retirement_date)
    params = request.GET.copy()
    for name in LINK_EXCLUDED:
        params.pop(name, None)
    context = {
        "filter": cadre_filter,
        "display": display,
        "page": page,
        "sort": sort,
        "columns": _columns(params, sort),
        "filters_query": params.urlencode(),
        "query": _with(params, sort=sort),
        "invalid": invalid,
        "can_export_lrmx": request.user.has_perm("cadres.view_cadre"),
        # The filter form's 14 menus (56 ethnicities, the units) took a third of the page.
        "filter_form_key": figures_key(
            NAMESPACE,
            (
                "roster-filter",
                viewer_key(request.user),
                request.path,
                request.GET.urlencode(),
                get_language(),
            ),
        ),
    }
    return render_fragment_or_page(
        request,
        fragment="cadres/_cadre_table.html",
        page="cadres/cadre_list.html",
        context=context,
        target="cadre-table",
        status=status,
    )


def _year_month(day) -> str:
    """What `|date:"Y.m"` shows."""
    return f"{day.year:04d}.{day.month:02d}" if day else ""


def _with(params, **extra) -> str:
    params = params.copy()
    for name, value in extra.items():
        if value:
            params[name] = value
    return params.urlencode()


@login_required
@permission_required("cadres.view_cadre", raise_exception=True)
def cadre_detail(request, pk):
    today = timezone.localdate()
    cadre = get_object_or_404(scoped(request.user, Cadre.objects.select_related("unit")), pk=pk)
    appointments = list(
        cadre.appointments.select_related("post__unit", "post__level").order_by("-start_date")
    )
    log_full_id_numbers(request=request, cadres=[cadre], channel=ReadChannel.PAGE)
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
            "registered_rewards": registered_rewards(cadre=cadre, facts=visible_facts(request.user)),
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


def _family_rows(formset) -> tuple[list[dict], list]:
    """The family rows to save and, in the same order, the formset forms they come from."""
    rows, forms = [], []
    for form in formset.forms:
        # A member on record stays unless deleted: the save replaces the whole family.
        unchanged_extra = not form.has_changed() and form.instance.pk is None
        if unchanged_extra or form.cleaned_data.get("DELETE"):
            continue
        row = {k: v for k, v in form.cleaned_data.items() if k in FamilyFormSet.form.Meta.fields}
        if (
            form.instance.pk is not None
        ):  # the link to a relative's record is kept; the form has no field for it
            row["relative_cadre"] = form.instance.relative_cadre
        rows.append(row)
        forms.append(form)
    return rows, forms


def _add_errors(form, family_forms: list, exc: ValidationError) -> None:
    """The service's errors beside their fields, a family member's (`family.N.field`) on its form."""
    errors = exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}
    for name, field_errors in errors.items():
        prefix, _dot, rest = (name or "").partition(".")
        order, _dot, field = rest.partition(".")
        if prefix == "family" and order.isdigit() and int(order) < len(family_forms):
            member_form = family_forms[int(order)]
            member_form.add_error(field if field in member_form.fields else None, field_errors)
        else:
            add_service_errors(form, ValidationError({name: field_errors}) if name else exc)


def _cadre_form(request, cadre: Cadre | None):
    form = CadreForm(request.POST or None, request.FILES or None, instance=cadre, user=request.user)
    family = FamilyFormSet(request.POST or None, instance=cadre or Cadre(), prefix="family")
    ask_confirmation = False
    if request.method == "POST" and form.is_valid() and family.is_valid():
        rows, family_forms = _family_rows(family)
        try:
            with transaction.atomic():
                saved = cadre_save(
                    cadre=form.instance,
                    acting_user=request.user,
                    family=rows,
                    confirm=request.POST.get(CONFIRM_FIELD) == "on",
                )
        except ValidationError as exc:
            ask_confirmation = isinstance(exc, ConfirmationRequired)
            _add_errors(form, family_forms, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("cadres:cadre-detail", pk=saved.pk)
    title = _("Edit cadre record %(name)s") % {"name": cadre.name} if cadre else _("New cadre record")
    context = {
        "form": form,
        "family": family,
        "title": title,
        "ask_confirmation": ask_confirmation,
        "confirm_field": CONFIRM_FIELD,
    }
    return render(request, "cadres/cadre_form.html", context)


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
