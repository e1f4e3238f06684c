"""HR pages for the roster (干部花名册) as .xlsx: import with a dry run first, export, template."""

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from cadres.exchange.roster import (
    MAX_FILE_BYTES,
    TEMPLATE_FILENAME,
    XLSX_CONTENT_TYPE,
    export_filename,
    roster_export,
    roster_row_count,
    roster_template,
)
from cadres.filters import CadreFilter, RosterDisplayForm
from cadres.models import OrgUnit
from cadres.selectors.cadres import cadres_visible, roster_sorted
from cadres.services.reads import log_roster_export
from cadres.services.roster import (
    ASYNC_ROWS,
    roster_async_available,
    roster_import,
    roster_job_start,
    roster_job_status,
    roster_upload_drop,
    roster_upload_load,
    roster_upload_store,
)
from cadres.views.cadre import render_cadre_list
from core.downloads import file_response
from core.forms import BootstrapFormMixin, add_service_errors
from core.models import ReadChannel
from core.scope import scoped


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    return file_response(data, filename=filename, content_type=XLSX_CONTENT_TYPE)


class RosterImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Roster file (.xlsx)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    unit = forms.ModelChoiceField(
        label=_("Unit for new cadres"),
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text=_("Used for new cadres whose 现任单位 cell is empty."),
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scoped(user, OrgUnit.objects.filter(active=True))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": MAX_FILE_BYTES // 2**20},
                code="file_too_large",
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("token") and "file" not in self.errors:
            self.add_error("file", ValidationError(_("Choose a file."), code="required"))
        return cleaned


def _uploaded(request, form) -> tuple[bytes | None, str]:
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


def _run(request, form) -> dict:
    dry_run = request.POST.get("action") != "import"
    data, token = _uploaded(request, form)
    if data is None:
        return {}
    unit = form.cleaned_data["unit"]
    try:
        # Opening the file checks its parts and limits before anything is queued.
        total = roster_row_count(data=data)
        if total > ASYNC_ROWS and roster_async_available():
            job = roster_job_start(
                token=token, unit=unit, acting_user=request.user, dry_run=dry_run, total=total
            )
            status = roster_job_status(job_id=job, acting_user=request.user)
            return {"job": job, "status": status, "percent": 0}
        report = roster_import(data=data, unit=unit, acting_user=request.user, dry_run=dry_run)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return {}
    if report.ok and not dry_run:
        roster_upload_drop(token=token)
    return {
        "report": report.as_dict(),
        "dry_run": dry_run,
        "token": token,
        "unit_id": unit.pk if unit else None,
    }


@login_required
@permission_required("cadres.add_cadre", raise_exception=True)
@require_http_methods(["GET", "POST"])
def roster_import_page(request):
    form = RosterImportForm(request.POST or None, request.FILES or None, user=request.user)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        context |= _run(request, form)
    return render(request, "cadres/roster_import.html", context)


@login_required
@permission_required("cadres.add_cadre", raise_exception=True)
def roster_import_progress(request, job):
    status = roster_job_status(job_id=job, acting_user=request.user)
    if status is None:
        raise Http404
    percent = min(100, status["done"] * 100 // status["total"]) if status["total"] else 0
    return render(request, "cadres/roster_progress.html", {"job": job, "status": status, "percent": percent})


@login_required
@permission_required("cadres.add_cadre", raise_exception=True)
def roster_template_download(request):
    return _xlsx(roster_template(), TEMPLATE_FILENAME)


@login_required
@permission_required("cadres.view_cadre", raise_exception=True)
def roster_export_download(request):
    """The roster as the list page shows it: the user's scope, the list's filters and its sort."""
    today = timezone.localdate()
    queryset = cadres_visible(user=request.user, on=today)
    cadre_filter = CadreFilter(request.GET or None, queryset=queryset, request=request, on=today)
    display = RosterDisplayForm(request.GET or None)
    invalid_filter = cadre_filter.is_bound and not cadre_filter.is_valid()
    if invalid_filter or (display.is_bound and not display.is_valid()):
        return render_cadre_list(request, cadre_filter, on=today, status=400)
    sort, _page_size = display.display()
    rows = roster_sorted(cadre_filter.qs, sort=sort)
    log_roster_export(request=request, rows=rows, channel=ReadChannel.FILE)
    data = roster_export(
        queryset=rows,
        on=today,
        mask_id_numbers=not request.user.has_perm("cadres.view_full_id_number"),
    )
    return _xlsx(data, export_filename(today))
