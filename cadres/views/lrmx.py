"""HR pages for .lrmx files: download one or a zip, and import with a preview before saving."""

import secrets

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from cadres.exchange.lrmx.mapping import element_label
from cadres.models import Cadre, OrgUnit
from cadres.registry import OFFER_NEW
from cadres.services.lrmx import (
    MAX_UPLOAD_BYTES,
    LrmxImportReport,
    lrmx_export,
    lrmx_export_zip,
    lrmx_filename,
    lrmx_import,
)
from cadres.services.reads import log_lrmx_export
from cadres.views.appointment_form import form_text_params
from core import ranges
from core.downloads import file_response
from core.forms import BootstrapFormMixin, add_service_errors
from core.models import ReadChannel
from core.scope import scoped

# Uploaded bytes wait here between the preview and the confirmation.
PENDING_SECONDS = 30 * 60
MAX_EXPORT = 500


@login_required
@permission_required("cadres.view_cadre", raise_exception=True)
def cadre_lrmx(request, pk):
    """拟任职务, 拟免职务 and 任免理由 as on the printed form (`form_text_params`)."""
    cadre = get_object_or_404(scoped(request.user, Cadre), pk=pk)
    on = timezone.localdate()
    texts, _candidate = form_text_params(request, cadre=cadre, on=on)
    content = lrmx_export(cadre=cadre, on=on, user=request.user, **texts)
    log_lrmx_export(request=request, cadres=[cadre], channel=ReadChannel.FILE)
    return file_response(content, filename=lrmx_filename(cadre), content_type="application/xml")


def _selected_ids(request) -> list[int]:
    """`?ids=1,2,3` or the roster's ticked rows (`?ids=1&ids=2`); anything else is a 404."""
    parts = [part for value in request.GET.getlist("ids") for part in value.split(",") if part.strip()]
    try:
        ids = {ranges.parse_integer(part, bounds=ranges.ID, label="ids") for part in parts}
    except ValidationError:
        raise Http404 from None
    if not ids:
        raise Http404
    return sorted(ids)


@login_required
@permission_required("cadres.view_cadre", raise_exception=True)
def cadres_lrmx_zip(request):
    """A zip of the chosen cadres' .lrmx files. An id outside the user's scope (or unknown)
    refuses the whole download, as does a choice of more than MAX_EXPORT: nothing is left out
    without saying so."""
    ids = _selected_ids(request)
    if len(ids) > MAX_EXPORT:
        message = _("Choose at most %(count)s cadres for one download.") % {"count": MAX_EXPORT}
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    cadres = list(scoped(request.user, Cadre).filter(pk__in=ids).order_by("unit__path", "name", "id"))
    if len(cadres) != len(ids):
        raise Http404
    today = timezone.localdate()
    content = lrmx_export_zip(cadres=cadres, on=today, user=request.user)
    log_lrmx_export(request=request, cadres=cadres, channel=ReadChannel.FILE)
    return file_response(content, filename=f"lrmx-{today:%Y%m%d}.zip", content_type="application/zip")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(one, initial) for one in files if one]


class LrmxUploadForm(BootstrapFormMixin, forms.Form):
    files = MultipleFileField(
        label=gettext_lazy("Files"), help_text=gettext_lazy("One or more .lrmx files, or a zip of them.")
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit for new cadres"),
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text=gettext_lazy("Files whose ID number matches no record create a cadre in this unit."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scoped(user, OrgUnit).order_by("path")
        self.fields["files"].widget.attrs["accept"] = ".lrmx,.zip"

    def clean_files(self):
        files = self.cleaned_data["files"]
        if sum(f.size for f in files) > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The upload is larger than 50 MB."), code="too_large")
        return files


def _service_errors(form, exc: ValidationError) -> None:
    # The service names the upload `file`, as the API does; the form's field is `files`.
    if hasattr(exc, "error_dict") and "file" in exc.error_dict:
        exc = ValidationError({"files" if k == "file" else k: v for k, v in exc.error_dict.items()})
    add_service_errors(form, exc)


def _pending_key(user, token: str) -> str:
    return f"lrmx-import:{user.pk}:{token}"


def _rows(report: LrmxImportReport) -> list[dict]:
    return [{"file": f, "missing": [(e, element_label(e)) for e in f.missing]} for f in report.files]


def _preview(request, form, report: LrmxImportReport, token: str = ""):
    offers_grades = any(o.status == OFFER_NEW for f in report.files for o in f.appraisals)
    context = {
        "form": form,
        "report": report,
        "rows": _rows(report),
        "token": token,
        "offers_grades": offers_grades,
    }
    return render(request, "cadres/lrmx_import.html", context)


@login_required
@permission_required(("cadres.add_cadre", "cadres.change_cadre"), raise_exception=True)
@require_http_methods(["GET", "POST"])
def lrmx_import_page(request):
    form = LrmxUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method != "POST" or not form.is_valid():
        return render(request, "cadres/lrmx_import.html", {"form": form})
    files = [(upload.name, upload.read()) for upload in form.cleaned_data["files"]]
    unit = form.cleaned_data["unit"]
    try:
        report = lrmx_import(files=files, unit=unit, acting_user=request.user, dry_run=True)
    except ValidationError as exc:
        _service_errors(form, exc)
        return render(request, "cadres/lrmx_import.html", {"form": form})
    token = ""
    if report.ok:
        token = secrets.token_urlsafe(16)
        pending = {"files": files, "unit": unit.pk if unit else None}
        cache.set(_pending_key(request.user, token), pending, PENDING_SECONDS)
    return _preview(request, form, report, token)


@login_required
@permission_required(("cadres.add_cadre", "cadres.change_cadre"), raise_exception=True)
@require_POST
def lrmx_import_confirm(request):
    key = _pending_key(request.user, request.POST.get("token", ""))
    pending = cache.get(key)
    if pending is None:
        messages.error(request, _("The preview has expired; upload the files again."))
        return redirect("cadres:lrmx-import")
    unit = scoped(request.user, OrgUnit).filter(pk=pending["unit"]).first() if pending["unit"] else None
    form = LrmxUploadForm(user=request.user, initial={"unit": unit})
    try:
        report = lrmx_import(
            files=pending["files"],
            unit=unit,
            acting_user=request.user,
            dry_run=False,
            # The preview offers the grades the files carry; an unticked box declines them.
            accept_appraisals=request.POST.get("accept_appraisals") == "1",
        )
    except ValidationError as exc:
        _service_errors(form, exc)
        return render(request, "cadres/lrmx_import.html", {"form": form})
    if not report.saved:
        return _preview(request, form, report)
    cache.delete(key)
    count = sum(1 for f in report.files if f.action != "unchanged")
    messages.success(
        request, _("Imported %(count)s of %(total)s files.") % {"count": count, "total": len(report.files)}
    )
    if len(report.files) == 1 and report.files[0].cadre_id:
        return redirect("cadres:cadre-detail", pk=report.files[0].cadre_id)
    return redirect("cadres:cadre-list")
