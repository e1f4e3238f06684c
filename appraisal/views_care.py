"""HR pages of 能上能下, commendations and care: talks and their coverage, visits, health checks,
and the leader panel of coverage and commendations per unit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from appraisal.forms_care import (
    CareTalkForm,
    CommendationForm,
    ConsequenceCloseForm,
    HealthCheckRoundForm,
    VisitForm,
)
from appraisal.models import CareTalk, Commendation, HealthCheckRound, Visit
from appraisal.selectors.care import (
    care_talk_list,
    health_check_list,
    health_check_round_list,
    leader_panel,
    notes_visible,
    talk_coverage,
    visit_list,
)
from appraisal.selectors.commendations import commendation_list
from appraisal.selectors.consequences import consequence_list, grades_text
from appraisal.services import care as care_services
from appraisal.services.commendations import commendation_save
from appraisal.services.consequences import consequence_close
from core import ranges
from core.forms import add_service_errors
from core.pages import form_page
from core.visibility import APPRAISAL_GRADES, may_see

LIST_LIMIT = 500  # the pages show the latest rows; the API pages through all


def _year(request) -> int:
    """`?year=` within the years a record may have, else the current year (never later)."""
    today = timezone.localdate()
    try:
        year = ranges.parse_integer(request.GET.get("year", today.year), bounds=ranges.YEAR, label="year")
    except ValidationError:
        return today.year
    return min(year, today.year)


@login_required
@permission_required("appraisal.view_commendation", raise_exception=True)
def commendation_list_page(request):
    rows = commendation_list(user=request.user)[:LIST_LIMIT]
    can_add = request.user.has_perm("appraisal.add_commendation")
    return render(request, "appraisal/commendation_list.html", {"rows": rows, "can_add": can_add})


@login_required
@permission_required("appraisal.add_commendation", raise_exception=True)
def commendation_create(request):
    form = CommendationForm(request.POST or None, instance=Commendation(), user=request.user)
    return form_page(
        request,
        form=form,
        save=lambda: commendation_save(commendation=form.instance, acting_user=request.user),
        success_url=reverse("appraisal:commendation-list"),
        done=_("Commendation saved."),
        title=_("New commendation"),
    )


@login_required
@permission_required("appraisal.view_consequence", raise_exception=True)
def consequence_list_page(request):
    if not may_see(request.user, APPRAISAL_GRADES):
        return render(request, "appraisal/consequence_list.html", {"rows": [], "hidden": True})
    show_closed = request.GET.get("closed") == "1"
    rows = consequence_list(user=request.user, open_only=not show_closed)[:LIST_LIMIT]
    items = [(row, grades_text(row.grades)) for row in rows]
    return render(
        request,
        "appraisal/consequence_list.html",
        {
            "items": items,
            "show_closed": show_closed,
            "form": ConsequenceCloseForm(),
            "can_close": request.user.has_perm("appraisal.change_consequence"),
        },
    )


@login_required
@require_POST
@permission_required("appraisal.change_consequence", raise_exception=True)
def consequence_close_page(request, pk):
    if not may_see(request.user, APPRAISAL_GRADES):
        return redirect("appraisal:consequence-list")
    row = get_object_or_404(consequence_list(user=request.user), pk=pk)
    form = ConsequenceCloseForm(request.POST)
    if form.is_valid():
        try:
            consequence_close(consequence=row, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Item closed."))
            return redirect("appraisal:consequence-list")
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("appraisal:consequence-list")


@login_required
@permission_required("appraisal.view_caretalk", raise_exception=True)
def care_talk_list_page(request):
    year = _year(request)
    rows = care_talk_list(user=request.user).filter(talked_on__year=year)[:LIST_LIMIT]
    return render(
        request,
        "appraisal/care_talk_list.html",
        {
            "rows": rows,
            "year": year,
            "notes_visible": notes_visible(user=request.user),
            "can_add": request.user.has_perm("appraisal.add_caretalk"),
        },
    )


@login_required
@permission_required("appraisal.add_caretalk", raise_exception=True)
def care_talk_create(request):
    talk = CareTalk(talked_on=timezone.localdate())
    form = CareTalkForm(request.POST or None, instance=talk, user=request.user)
    return form_page(
        request,
        form=form,
        save=lambda: care_services.care_talk_save(talk=form.instance, acting_user=request.user),
        success_url=reverse("appraisal:care-talk-list"),
        done=_("Talk saved."),
        title=_("New heart-to-heart talk"),
    )


@login_required
@permission_required("appraisal.view_caretalk", raise_exception=True)
def care_talk_coverage_page(request):
    year = _year(request)
    coverage = talk_coverage(user=request.user, year=year, on=timezone.localdate())
    return render(request, "appraisal/care_talk_coverage.html", {"coverage": coverage, "year": year})


@login_required
@permission_required("appraisal.view_caretalk", raise_exception=True)
def leader_panel_page(request):
    year = _year(request)
    rows = leader_panel(user=request.user, year=year, on=timezone.localdate())
    return render(request, "appraisal/leader_panel.html", {"rows": rows, "year": year})


@login_required
@permission_required("appraisal.view_visit", raise_exception=True)
def visit_list_page(request):
    year = _year(request)
    rows = visit_list(user=request.user).filter(visited_on__year=year)[:LIST_LIMIT]
    can_add = request.user.has_perm("appraisal.add_visit")
    return render(request, "appraisal/visit_list.html", {"rows": rows, "year": year, "can_add": can_add})


@login_required
@permission_required("appraisal.add_visit", raise_exception=True)
def visit_create(request):
    form = VisitForm(request.POST or None, instance=Visit(visited_on=timezone.localdate()), user=request.user)
    return form_page(
        request,
        form=form,
        save=lambda: care_services.visit_save(visit=form.instance, acting_user=request.user),
        success_url=reverse("appraisal:visit-list"),
        done=_("Visit saved."),
        title=_("New visit"),
    )


@login_required
@permission_required("appraisal.view_healthcheck", raise_exception=True)
def health_check_list_page(request):
    year = _year(request)
    rows = list(health_check_list(user=request.user).filter(round__year=year))
    return render(
        request,
        "appraisal/health_check_list.html",
        {
            "rows": rows,
            "year": year,
            "done": sum(row.done for row in rows),
            "arranged": health_check_round_list().filter(year=year).first(),
            "can_arrange": request.user.has_perm("appraisal.add_healthcheckround"),
            "can_mark": request.user.has_perm("appraisal.change_healthcheck"),
            "today": timezone.localdate(),
        },
    )


@login_required
@permission_required("appraisal.add_healthcheckround", raise_exception=True)
def health_check_arrange(request):
    today = timezone.localdate()
    check_round = HealthCheckRound(year=today.year, arranged_on=today)
    form = HealthCheckRoundForm(request.POST or None, instance=check_round)
    return form_page(
        request,
        form=form,
        save=lambda: care_services.health_check_round_arrange(
            check_round=form.instance, acting_user=request.user
        ),
        success_url=lambda saved: reverse("appraisal:health-check-list") + f"?year={saved.year}",
        done=_("Health check arranged: the list is being made."),
        title=_("Arrange the year's health check"),
    )


@login_required
@require_POST
@permission_required("appraisal.change_healthcheck", raise_exception=True)
def health_check_mark_page(request, pk):
    check = get_object_or_404(health_check_list(user=request.user), pk=pk)
    done = request.POST.get("done") == "1"
    try:
        care_services.health_check_mark(
            check=check, done_on=timezone.localdate() if done else None, acting_user=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("appraisal:health-check-list") + f"?year={check.round.year}")
