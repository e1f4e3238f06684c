"""HR pages of the training system: dense lists with filters, entry forms, attendance by keyboard."""

import datetime
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cadres.models import Cadre, OrgUnit
from cadres.services.roster import roster_upload_drop, roster_upload_load, roster_upload_store
from core.downloads import file_response
from core.forms import add_service_errors
from core.pages import form_page
from core.scope import scoped
from core.spreadsheets import XLSX_CONTENT_TYPE, escape_cell
from training import choices as c
from training import selectors, services
from training.forms import (
    AttendanceImportForm,
    FollowUpTaskForm,
    RuleDocumentForm,
    SecondmentForm,
    StudySessionForm,
    TrainingProgrammeForm,
)
from training.models import FollowUpTask, RuleDocument, Secondment, StudySession, TrainingProgramme


def record_panel_context(*, cadre: Cadre, user) -> dict:
    """The training card on the cadre record page (cadres.registry.RECORD_PANELS)."""
    hours = selectors.cadre_hours(cadre=cadre, on=timezone.localdate())
    labels = dict(c.SOURCE_CHOICES)
    return {"hours": hours, "sources": [(labels.get(k, k), v) for k, v in hours.sources.items()]}


def _month(request) -> datetime.date:
    raw = request.GET.get("month", "")
    try:
        return (
            datetime.date(int(raw[:4]), int(raw[5:7]), 1)
            if len(raw) == 7 and raw[4] == "-"
            else _this_month()
        )
    except ValueError:
        return _this_month()


def _this_month() -> datetime.date:
    return timezone.localdate().replace(day=1)


def _unit(request) -> OrgUnit | None:
    raw = request.GET.get("unit", "")
    return scoped(request.user, OrgUnit).filter(pk=raw).first() if raw.isdigit() else None


def _units(request):
    return scoped(request.user, OrgUnit.objects.filter(active=True)).order_by("path")


@login_required
@permission_required("training.view_studysession", raise_exception=True)
def session_list(request):
    kind = request.GET.get("kind", "") if request.GET.get("kind") in c.SessionKind.values else ""
    unit, month = _unit(request), (_month(request) if request.GET.get("month") else None)
    sessions = selectors.session_list(user=request.user, kind=kind, unit=unit, month=month)
    if request.GET.get("format") == "xlsx":
        rows = [
            [s.date.isoformat(), s.get_kind_display(), s.unit.name, s.topic, s.material_title,
             s.leader.name if s.leader else "", float(s.hours), s.place, s.present, s.attendee_count]
            for s in sessions.iterator(chunk_size=2000)
        ]  # fmt: skip
        return _xlsx(_("Study sessions"), SESSION_COLUMNS, rows, "study-sessions")
    sessions = sessions[:500]
    context = {
        "sessions": sessions,
        "kinds": c.SessionKind.choices,
        "kind": kind,
        "units": _units(request),
        "unit": unit,
        "month": month.strftime("%Y-%m") if month else "",
        "can_add": request.user.has_perm("training.add_studysession"),
    }
    return render(request, "training/session_list.html", context)


@login_required
@permission_required("training.view_studysession", raise_exception=True)
def session_form(request, pk=None):
    if pk is None:
        if not request.user.has_perm("training.add_studysession"):
            return render(request, "403.html", status=403)
        session = StudySession(date=timezone.localdate(), kind=c.SessionKind.UNIT_MONTHLY)
    else:
        session = get_object_or_404(scoped(request.user, StudySession), pk=pk)
    form = StudySessionForm(request.POST or None, instance=session, user=request.user)
    return form_page(
        request,
        form=form,
        save=lambda: services.study_session_save(session=form.instance, acting_user=request.user),
        success_url=lambda saved: reverse("training:session-attendance", args=[saved.pk]),
        done=_("Study session saved; now mark the attendance."),
        title=str(StudySession._meta.verbose_name),
    )


@login_required
@permission_required("training.view_studysession", raise_exception=True)
def session_attendance(request, pk):
    """Every serving cadre of the session's unit, one row each, present by default: Tab and the
    arrow keys move through the select boxes."""
    session = get_object_or_404(selectors.session_detail_queryset(user=request.user), pk=pk)
    marked = {a.cadre_id: a.attendance for a in session.attendances.all()}
    cadres = scoped(
        request.user, Cadre.objects.filter(unit__path__startswith=session.unit.path, status="serving")
    )
    cadres = list(cadres.select_related("unit").order_by("unit__path", "name_pinyin"))
    if request.method == "POST" and request.user.has_perm("training.change_studyattendance"):
        attendees = [
            services.AttendeeInput(cadre, request.POST[f"a{cadre.pk}"])
            for cadre in cadres
            if request.POST.get(f"a{cadre.pk}") in c.Attendance.values
        ]
        try:
            services.study_session_save(session=session, attendees=attendees, acting_user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Attendance saved."))
            return redirect("training:session-list")
    rows = [(cadre, marked.get(cadre.pk, "")) for cadre in cadres]
    context = {"session": session, "rows": rows, "attendance": c.Attendance.choices}
    return render(request, "training/session_attendance.html", context)


@login_required
@permission_required("training.view_studysession", raise_exception=True)
def missing_list(request):
    month = _month(request)
    units = selectors.missing_units(user=request.user, month=month)
    heat = selectors.study_heat_map(user=request.user, year=month.year, rows=selectors.HEAT_MAP_ROWS)
    context = {
        "units": units,
        "month": month.strftime("%Y-%m"),
        "heat": heat,
        "year": month.year,
        "heat_rows": selectors.HEAT_MAP_ROWS,
    }
    return render(request, "training/missing_list.html", context)


@login_required
@permission_required("training.view_programmeparticipant", raise_exception=True)
def dashboard(request):
    """The leaders' panel: monthly study per unit and month (to the missing list), the hours
    against the 90- and 550-hour lines, and how many are behind."""
    today = timezone.localdate()
    context = {
        "heat": selectors.study_heat_map(user=request.user, year=today.year, rows=selectors.HEAT_MAP_ROWS),
        "heat_rows": selectors.HEAT_MAP_ROWS,
        "year": today.year,
        "distribution": selectors.hours_distribution(user=request.user, on=today),
    }
    return render(request, "training/dashboard.html", context)


@login_required
@permission_required("training.view_trainingprogramme", raise_exception=True)
def programme_list(request):
    kind = request.GET.get("kind", "") if request.GET.get("kind") in c.ProgrammeKind.values else ""
    year = (
        int(request.GET["year"])
        if request.GET.get("year", "").isdigit() and 1900 <= int(request.GET["year"]) <= 2100
        else None
    )
    programmes = selectors.programme_list(user=request.user, kind=kind, year=year)
    if request.GET.get("format") == "xlsx":
        rows = [
            [p.title, p.get_kind_display(), p.get_organiser_display(), p.institution,
             _("Yes") if p.recognised else _("No"), p.start_date.isoformat(), p.end_date.isoformat(),
             float(p.hours), p.place, p.reporting_unit.name if p.reporting_unit else "", p.participant_count]
            for p in programmes.iterator(chunk_size=2000)
        ]  # fmt: skip
        return _xlsx(_("Training programmes"), PROGRAMME_COLUMNS, rows, "training-programmes")
    programmes = programmes[:500]
    context = {
        "programmes": programmes,
        "kinds": c.ProgrammeKind.choices,
        "kind": kind,
        "year": year or "",
        "can_add": request.user.has_perm("training.add_trainingprogramme"),
        "can_import": request.user.has_perm("training.add_programmeparticipant"),
    }
    return render(request, "training/programme_list.html", context)


@login_required
@permission_required("training.add_trainingprogramme", raise_exception=True)
def programme_form(request):
    form = TrainingProgrammeForm(request.POST or None, instance=TrainingProgramme(), user=request.user)
    return form_page(
        request,
        form=form,
        save=lambda: services.training_programme_save(programme=form.instance, acting_user=request.user),
        success_url=reverse("training:programme-list"),
        done=_("Training programme saved."),
        title=str(TrainingProgramme._meta.verbose_name),
    )


BEHIND_COLUMNS = ("Unit", "Name", "Hours", "Required", "Pace")
SESSION_COLUMNS = (
    "Date", "Kind", "Unit", "Topic", "Material studied", "Study leader", "Hours", "Place",
    "Present", "Attendees",
)  # fmt: skip
PROGRAMME_COLUMNS = (
    "Title", "Kind", "Organiser", "Institution", "Recognised", "Start date", "End date", "Hours", "Place",
    "Reporting unit", "Participants",
)  # fmt: skip
SECONDMENT_COLUMNS = (
    "Unit", "Name", "Direction", "Host organisation", "Host post", "Start date", "End date",
    "Grade", "Assessment",
)  # fmt: skip
FOLLOW_UP_COLUMNS = ("Task", "Date", "Topic", "Responsible unit", "Responsible person", "Deadline", "Done on")


def _xlsx(title: str, columns, rows, name: str):
    """A list as .xlsx, every cell escaped (a cell starting with = is text, not a formula)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    ws.append([_(column) for column in columns])
    for row in rows:
        ws.append([escape_cell(v) for v in row])
    out = io.BytesIO()
    wb.save(out)
    filename = f"{name}-{timezone.localdate().isoformat()}.xlsx"
    return file_response(out.getvalue(), filename=filename, content_type=XLSX_CONTENT_TYPE)


PAGE_ROWS = 500  # the page shows the first rows of a province; the export has them all


@login_required
@permission_required("training.view_programmeparticipant", raise_exception=True)
def behind_view(request):
    """Who is behind this year's pace (or short of the five-year figure), per unit; `?format=xlsx`."""
    on, unit = timezone.localdate(), _unit(request)
    if request.GET.get("format") == "xlsx":
        return _behind_xlsx(selectors.behind_list(user=request.user, on=on, unit=unit), on)
    rows, total = selectors.compliance_rows(user=request.user, on=on, unit=unit, limit=PAGE_ROWS)
    context = {"rows": rows, "total": total, "units": _units(request), "unit": unit, "on": on}
    return render(request, "training/behind_list.html", context)


def _behind_xlsx(rows, on: datetime.date):
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Behind on training hours"))
    ws.append([_(name) for name in BEHIND_COLUMNS])
    for row in rows:
        summary = row.summary
        hours = summary.year_hours if summary.year_hours is not None else summary.five_year_hours
        required = summary.year_required or summary.five_year_required
        cells = [
            row.unit_name,
            row.name,
            float(hours),
            float(required),
            float(row.pace or required),
        ]
        ws.append([escape_cell(v) for v in cells])
    out = io.BytesIO()
    wb.save(out)
    return file_response(
        out.getvalue(), filename=f"training-behind-{on.isoformat()}.xlsx", content_type=XLSX_CONTENT_TYPE
    )


@login_required
@permission_required("training.view_secondment", raise_exception=True)
def secondment_list_view(request):
    secondments = selectors.secondment_list(user=request.user)
    if request.GET.get("format") == "xlsx":
        rows = [
            [s.cadre.unit.name, s.cadre.name, s.get_direction_display(), s.host_organisation, s.host_post,
             (s.actual_start or s.planned_start).isoformat(),
             (s.actual_end or s.planned_end).isoformat(), s.get_grade_display(), s.assessment]
            for s in secondments.iterator(chunk_size=2000)
        ]  # fmt: skip
        return _xlsx(_("Secondments"), SECONDMENT_COLUMNS, rows, "secondments")
    if request.method == "POST" and request.user.has_perm("training.change_secondment"):
        secondment = get_object_or_404(secondments, pk=request.POST.get("resume", "0") or 0)
        try:
            services.secondment_to_resume(secondment=secondment, acting_user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Added to the résumé."))
        return redirect("training:secondment-list")
    return render(request, "training/secondment_list.html", {"secondments": secondments[:500]})


@login_required
@permission_required("training.view_ruledocument", raise_exception=True)
def rule_list(request):
    q = request.GET.get("q", "")[:100]
    part = request.GET.get("part", "") if request.GET.get("part") in c.RulePart.values else ""
    documents = selectors.rule_document_search(user=request.user, q=q, part=part)[:500]
    context = {"documents": documents, "q": q, "parts": c.RulePart.choices, "part": part}
    return render(request, "training/rule_list.html", context)


@login_required
@permission_required("training.view_followuptask", raise_exception=True)
def follow_up_list_view(request):
    """The 第一议题's follow-up tasks in your scope, open ones first; overdue ones marked."""
    status = request.GET.get("status", "")
    tasks = selectors.follow_up_list(user=request.user).order_by("done_on", "deadline", "pk")
    if status == "open":
        tasks = tasks.filter(done_on__isnull=True)
    elif status == "overdue":
        tasks = tasks.filter(done_on__isnull=True, deadline__lt=timezone.localdate())
    if request.GET.get("format") == "xlsx":
        rows = [
            [t.description, t.session.date.isoformat(), t.session.topic, t.owner_unit.name,
             t.owner.name if t.owner else "", t.deadline.isoformat(),
             t.done_on.isoformat() if t.done_on else ""]
            for t in tasks.iterator(chunk_size=2000)
        ]  # fmt: skip
        return _xlsx(_("First-item follow-up tasks"), FOLLOW_UP_COLUMNS, rows, "follow-up-tasks")
    context = {"tasks": tasks[:500], "status": status, "today": timezone.localdate()}
    return render(request, "training/follow_up_list.html", context)


@login_required
@permission_required("training.view_followuptask", raise_exception=True)
def follow_up_form(request, pk):
    """One follow-up task (what oversight's supervised tasks link to): its owner, deadline, done."""
    task = get_object_or_404(selectors.follow_up_list(user=request.user), pk=pk)
    if request.method == "POST" and not request.user.has_perm("training.change_followuptask"):
        return render(request, "403.html", status=403)
    form = FollowUpTaskForm(request.POST or None, instance=task, user=request.user)
    return form_page(
        request,
        form=form,
        save=lambda: services.follow_up_task_save(task=form.instance, acting_user=request.user),
        success_url=reverse("training:follow-up-list"),
        done=_("Follow-up task saved."),
        title=f"{FollowUpTask._meta.verbose_name}: {task.session}",
    )


def _import_upload(request, form) -> tuple[bytes | None, str]:
    upload = form.cleaned_data["file"]
    if upload:
        data = upload.read()
        return data, roster_upload_store(data=data, acting_user=request.user)
    token = form.cleaned_data["token"]
    data = roster_upload_load(token=token, acting_user=request.user)
    if data is None:
        form.add_error(
            "file", ValidationError(_("The uploaded file has expired; choose it again."), code="expired")
        )
    return data, token


@login_required
@permission_required("training.add_programmeparticipant", raise_exception=True)
@require_http_methods(["GET", "POST"])
def attendance_import_page(request, pk):
    """A programme's attendance sheet: the dry run previews every row and error and saves
    nothing; the import then saves all rows, or none if any row has an error."""
    programme = get_object_or_404(selectors.programme_queryset(user=request.user), pk=pk)
    form = AttendanceImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "programme": programme}
    if request.method == "POST" and form.is_valid():
        dry_run = request.POST.get("action") != "import"
        data, token = _import_upload(request, form)
        if data is not None:
            try:
                report = services.participants_import(
                    programme=programme, data=data, dry_run=dry_run, acting_user=request.user
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if not report.errors and not dry_run:
                    roster_upload_drop(token=token)
                context |= {"report": report, "dry_run": dry_run, "token": token}
    return render(request, "training/attendance_import.html", context)


@login_required
@permission_required("training.add_programmeparticipant", raise_exception=True)
def attendance_template_download(request):
    from training.exchange import attendance_template

    return file_response(attendance_template(), filename="培训班考勤表.xlsx", content_type=XLSX_CONTENT_TYPE)


@login_required
@permission_required("training.change_programmeparticipant", raise_exception=True)
def reported_list(request):
    """Training reported by unit clerks that waits for HR: confirm the ticked rows (a clerk
    sees what their units reported and what is still waiting)."""
    waiting = (
        selectors.participant_list(user=request.user)
        .filter(confirmed=False)
        .order_by("programme__end_date", "pk")
    )
    may_confirm = services.may_confirm_training(user=request.user)
    if request.method == "POST" and may_confirm:
        ids = [int(v) for v in request.POST.getlist("confirm") if v.isdigit()]
        try:
            count = services.participants_confirm(
                participants=list(waiting.filter(pk__in=ids)), acting_user=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(count)d reported trainings confirmed.") % {"count": count})
        return redirect("training:reported")
    context = {"rows": waiting.select_related("programme__reporting_unit")[:500], "may_confirm": may_confirm}
    return render(request, "training/reported_list.html", context)


@login_required
@permission_required("training.view_secondment", raise_exception=True)
def secondment_form(request, pk=None):
    action = "add" if pk is None else "change"
    if not request.user.has_perm(f"training.{action}_secondment"):
        return render(request, "403.html", status=403)
    secondment = (
        Secondment() if pk is None else get_object_or_404(selectors.secondment_list(user=request.user), pk=pk)
    )
    form = SecondmentForm(request.POST or None, instance=secondment, user=request.user)
    return form_page(
        request,
        form=form,
        save=lambda: services.secondment_save(secondment=form.instance, acting_user=request.user),
        success_url=reverse("training:secondment-list"),
        done=_("Secondment saved."),
        title=str(Secondment._meta.verbose_name),
    )


@login_required
@permission_required("training.view_ruledocument", raise_exception=True)
def rule_document_form(request, pk=None):
    action = "add" if pk is None else "change"
    if not request.user.has_perm(f"training.{action}_ruledocument"):
        return render(request, "403.html", status=403)
    document = (
        RuleDocument()
        if pk is None
        else get_object_or_404(selectors.rule_document_search(user=request.user), pk=pk)
    )
    form = RuleDocumentForm(request.POST or None, instance=document)
    return form_page(
        request,
        form=form,
        save=lambda: services.rule_document_save(document=form.instance, acting_user=request.user),
        success_url=reverse("training:rule-list"),
        done=_("Rule document saved."),
        title=str(RuleDocument._meta.verbose_name),
    )


@login_required
@permission_required("training.add_followuptask", raise_exception=True)
def follow_up_create(request, session):
    """A task the committee's first agenda item assigns (only a first item assigns them)."""
    first = get_object_or_404(selectors.session_detail_queryset(user=request.user), pk=session)
    task = FollowUpTask(session=first, owner_unit=first.unit, deadline=timezone.localdate())
    form = FollowUpTaskForm(request.POST or None, instance=task, user=request.user)
    return form_page(
        request,
        form=form,
        save=lambda: services.follow_up_task_save(task=form.instance, acting_user=request.user),
        success_url=reverse("training:follow-up-list"),
        done=_("Follow-up task saved."),
        title=f"{FollowUpTask._meta.verbose_name}: {first}",
    )
