"""The HR page of a cycle's self reports, leadership teams, published 优秀 list with its
objections, and the cadres' notices, review requests and appeals: one page, one form per action,
each calling its service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from appraisal import forms as f
from appraisal.models import AppraisalCycle, Objection, Publication, ResultAppeal, SelfReport
from appraisal.selectors.cycles import participant_list
from appraisal.selectors.teams import team_results
from appraisal.services import appeals, publications, reports, teams
from cadres.models import OrgUnit
from core.scope import scoped
from core.visibility import APPRAISAL_GRADES, may_see

CYCLE_VIEW = "appraisal.view_appraisalcycle"
CYCLE_CHANGE = "appraisal.change_appraisalcycle"


def _participant(cycle, pk):
    return get_object_or_404(participant_list(cycle=cycle), pk=pk)


def _report(cycle, data, request):
    return reports.self_report_save(
        participant=_participant(cycle, data["participant"]),
        text=data["text"],
        file=data.get("file"),
        acting_user=request.user,
    )


def _team(cycle, data, request):
    unit = get_object_or_404(scoped(request.user, OrgUnit), pk=data["unit"])
    return teams.team_add(cycle=cycle, unit=unit, report=data["report"], acting_user=request.user)


def _publish(cycle, data, request):
    return publications.publication_publish(cycle=cycle, acting_user=request.user, **data)


def _objection(cycle, data, request):
    publication = get_object_or_404(Publication, cycle=cycle)
    return publications.objection_record(
        publication=publication,
        cadre=_participant(cycle, data["participant"]).cadre,
        content=data["content"],
        received_on=data["received_on"],
        acting_user=request.user,
    )


def _objection_answer(cycle, data, request):
    row = get_object_or_404(Objection, publication__cycle=cycle, pk=data.pop("objection"))
    return publications.objection_answer(objection=row, acting_user=request.user, **data)


def _notice(cycle, data, request):
    participant = _participant(cycle, data["participant"])
    return appeals.result_notify(participant=participant, told_on=data["told_on"], acting_user=request.user)


def _appeal(cycle, data, request):
    participant = _participant(cycle, data.pop("participant"))
    return appeals.appeal_file(participant=participant, acting_user=request.user, **data)


def _appeal_answer(cycle, data, request):
    row = get_object_or_404(ResultAppeal, participant__cycle=cycle, pk=data.pop("appeal"))
    return appeals.appeal_answer(appeal=row, acting_user=request.user, **data)


# action → (form, service call, needs the grades visible)
ACTIONS = {
    "report": (f.SelfReportForm, _report, False),
    "team": (f.TeamForm, _team, False),
    "publish": (f.PublishForm, _publish, True),
    "objection": (f.ObjectionForm, _objection, True),
    "objection_answer": (f.ObjectionAnswerForm, _objection_answer, True),
    "notice": (f.NoticeForm, _notice, False),
    "appeal": (f.AppealForm, _appeal, True),
    "appeal_answer": (f.AppealAnswerForm, _appeal_answer, True),
}


def _post(request, cycle):
    if not request.user.has_perm(CYCLE_CHANGE) or request.POST.get("action") not in ACTIONS:
        raise PermissionDenied
    form_class, call, grades = ACTIONS[request.POST["action"]]
    if grades and not may_see(request.user, APPRAISAL_GRADES):
        raise PermissionDenied
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        for name, errors in form.errors.items():
            messages.error(request, f"{name}: {errors[0]}")
        return
    try:
        call(cycle, dict(form.cleaned_data), request)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, "✓")


@login_required
@permission_required(CYCLE_VIEW, raise_exception=True)
def cycle_reviews_page(request, pk):
    cycle = get_object_or_404(scoped(request.user, AppraisalCycle.objects.select_related("unit")), pk=pk)
    if request.method == "POST":
        _post(request, cycle)
        return redirect("appraisal:cycle-reviews", pk=pk)
    grades = may_see(request.user, APPRAISAL_GRADES)
    participants = list(participant_list(cycle=cycle, include_removed=False).select_related("notice"))
    reports_by = {r.participant_id: r for r in SelfReport.objects.filter(participant__cycle=cycle)}
    publication = Publication.objects.filter(cycle=cycle).prefetch_related("participants__cadre").first()
    context = {
        "cycle": cycle,
        "grades_visible": grades,
        "can_change": request.user.has_perm(CYCLE_CHANGE),
        "rows": [(p, reports_by.get(p.pk)) for p in participants],
        "teams": team_results(cycle=cycle, participants=participants) if grades else [],
        "publication": publication if grades else None,
        "objections": (
            Objection.objects.filter(publication=publication).select_related("participant__cadre")
            if grades and publication
            else []
        ),
        "appeals": (
            ResultAppeal.objects.filter(participant__cycle=cycle).select_related("participant__cadre")
            if grades
            else []
        ),
        "units": cycle.units.all(),
    }
    return render(request, "appraisal/cycle_reviews.html", context)
