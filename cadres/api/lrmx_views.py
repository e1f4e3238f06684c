""".lrmx exchange (干部任免审批表 files): export one cadre or a zip of many, import with a preview."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from cadres.models import Cadre, OrgUnit
from cadres.registry import (
    OFFER_CONFLICT,
    OFFER_NEW,
    OFFER_NOT_PERMITTED,
    OFFER_RECORDED,
    OFFER_REFUSED,
    OFFER_SAVED,
)
from cadres.services.lrmx import (
    MAX_UPLOAD_BYTES,
    LrmxImportReport,
    lrmx_export,
    lrmx_export_zip,
    lrmx_filename,
    lrmx_import,
)
from cadres.services.reads import log_lrmx_export
from core.api.scoping import ScopedPrimaryKeyRelatedField
from core.downloads import file_response
from core.models import ReadChannel
from core.scope import scoped

MAX_EXPORT = 500


class CadrePermission(BasePermission):
    """Model permissions on Cadre: `perms` on the view names the actions it needs."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated) and all(
            user.has_perm(f"cadres.{action}_cadre") for action in view.perms
        )


# ---------------------------------------------------------------- serializers (shape only)


class LrmxProblemSerializer(serializers.Serializer):
    element = serializers.CharField()
    code = serializers.CharField()
    message = serializers.CharField()


class LrmxFileErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    field = serializers.CharField()


class LrmxChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    old = serializers.CharField()
    new = serializers.CharField()


class LrmxOfferedGradeSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    grade = serializers.CharField(
        help_text=_("A grade code: excellent, competent, basically_competent, incompetent.")
    )
    status = serializers.ChoiceField(
        choices=[OFFER_NEW, OFFER_SAVED, OFFER_RECORDED, OFFER_CONFLICT, OFFER_NOT_PERMITTED, OFFER_REFUSED],
        help_text=_(
            "new: recorded when the import is saved with accept_appraisals; saved: recorded by this import; "
            "recorded: already on record; conflict: another grade is on record and kept; "
            "not_permitted: you may not record appraisal results; refused: a year after the current one, "
            "never recorded."
        ),
    )
    recorded = serializers.CharField(help_text=_("The grade already on record for the year, if any."))


class LrmxFileReportSerializer(serializers.Serializer):
    name = serializers.CharField()
    action = serializers.ChoiceField(choices=["create", "update", "unchanged", ""])
    cadre_id = serializers.IntegerField(allow_null=True)
    cadre_name = serializers.CharField()
    changes = LrmxChangeSerializer(many=True)
    missing = serializers.ListField(child=serializers.CharField())
    problems = LrmxProblemSerializer(many=True)
    errors = LrmxFileErrorSerializer(many=True)
    warnings = LrmxFileErrorSerializer(
        many=True,
        help_text=_(
            "Implausible dates (work start before 16, party entry before 18, a family member's birth "
            "far from the cadre's), saved as they are when the import is run with dry_run=false."
        ),
    )
    appraisals = LrmxOfferedGradeSerializer(many=True)


class LrmxImportReportSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    saved = serializers.BooleanField()
    files = LrmxFileReportSerializer(many=True)


class LrmxImportErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=LrmxFileErrorSerializer(many=True))
    dry_run = serializers.BooleanField()
    saved = serializers.BooleanField()
    files = LrmxFileReportSerializer(many=True)


class LrmxImportRequestSerializer(serializers.Serializer):
    file = serializers.ListField(
        child=serializers.FileField(), help_text=_("One or more .lrmx files, or zips of them.")
    )
    dry_run = serializers.BooleanField(default=True, help_text=_("Preview only; nothing is saved."))
    accept_appraisals = serializers.BooleanField(
        default=True,
        help_text=_("Also record the yearly grades the files carry (年度考核结果) where none is on record."),
    )
    unit = ScopedPrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("The unit of cadres the files create (files without a known ID number)."),
    )


class LrmxExportRequestSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), min_length=1, max_length=MAX_EXPORT
    )


# ---------------------------------------------------------------- views


class CadreLrmxView(APIView):
    """One cadre's .lrmx file (form version 3.2.1.6), with the photo. Outside your scope: 404.

    The ID number is masked for users who see it masked on screen."""

    permission_classes = [CadrePermission]
    perms = ("view",)

    @extend_schema(
        summary=gettext_lazy("Download a cadre's .lrmx file"),
        responses={
            (200, "application/xml"): OpenApiResponse(OpenApiTypes.BINARY, description="The .lrmx file."),
            404: OpenApiResponse(description="No such cadre in your data scope."),
        },
    )
    def get(self, request, pk):
        cadre = get_object_or_404(scoped(request.user, Cadre), pk=pk)
        content = lrmx_export(cadre=cadre, on=timezone.localdate(), user=request.user)
        log_lrmx_export(request=request, cadres=[cadre], channel=ReadChannel.API)
        return file_response(content, filename=lrmx_filename(cadre), content_type="application/xml")


def export_zip_response(request, ids: list[int]) -> HttpResponse:
    """An id that is unknown or outside the user's scope refuses the whole download (404 naming
    those ids), as the HTML download does: nothing is left out without saying so."""
    user = request.user
    cadres = list(scoped(user, Cadre).filter(pk__in=ids).order_by("unit__path", "name", "id"))
    missing = sorted(set(ids) - {cadre.pk for cadre in cadres})
    if missing:
        raise NotFound(
            _("No cadre in your data scope has the id %(ids)s.") % {"ids": ", ".join(map(str, missing))}
        )
    today = timezone.localdate()
    content = lrmx_export_zip(cadres=cadres, on=today, user=user)
    log_lrmx_export(request=request, cadres=cadres, channel=ReadChannel.API)
    return file_response(content, filename=f"lrmx-{today:%Y%m%d}.zip", content_type="application/zip")


def parse_ids(raw: str) -> list[int]:
    try:
        ids = [int(part) for part in raw.split(",") if part.strip()]
    except ValueError:
        raise ValidationError({"ids": [_("Give cadre ids separated by commas.")]}, code="invalid") from None
    if not ids or len(ids) > MAX_EXPORT:
        raise ValidationError(
            {"ids": [_("Give between 1 and %(n)s ids.") % {"n": MAX_EXPORT}]}, code="invalid"
        )
    return ids


class CadreLrmxExportView(APIView):
    """A zip of .lrmx files, one per cadre, named name_id.lrmx. An id unknown or outside your
    scope refuses the download with 404 naming it."""

    permission_classes = [CadrePermission]
    perms = ("view",)

    @extend_schema(
        summary=gettext_lazy("Download .lrmx files as a zip"),
        parameters=[OpenApiParameter("ids", str, description="Comma-separated cadre ids.", required=True)],
        responses={(200, "application/zip"): OpenApiTypes.BINARY, 400: None, 404: None},
    )
    def get(self, request):
        return export_zip_response(request, parse_ids(request.query_params.get("ids", "")))

    @extend_schema(
        summary=gettext_lazy("Download .lrmx files as a zip, ids in the body"),
        request=LrmxExportRequestSerializer,
        responses={(200, "application/zip"): OpenApiTypes.BINARY, 400: None, 404: None},
    )
    def post(self, request):
        serializer = LrmxExportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return export_zip_response(request, serializer.validated_data["ids"])


def report_data(report: LrmxImportReport) -> dict:
    return LrmxImportReportSerializer(report).data


def error_data(report: LrmxImportReport) -> dict:
    errors = report.errors
    first_file, first = errors[0]
    return {
        "code": first.code,
        "message": f"{first_file.name}: {first.message}",
        "fields": {"file": [{"code": e.code, "message": f"{f.name}: {e.message}"} for f, e in errors]},
        **report_data(report),
    }


class CadreLrmxImportView(APIView):
    """Import .lrmx files (or zips of them). With `dry_run` (the default) nothing is saved and
    the answer previews, per file, the action, the changed fields and the yearly grades found in
    年度考核结果 (`appraisals`), recorded on saving unless `accept_appraisals` is false. A file
    is matched to a cadre by its ID number; an ID number of a cadre outside your scope is an
    error. When any file has an error the answer is 400 with the per-file report and nothing
    is saved."""

    permission_classes = [CadrePermission]
    perms = ("add", "change")
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary=gettext_lazy("Import .lrmx files"),
        request={"multipart/form-data": LrmxImportRequestSerializer},
        responses={
            200: LrmxImportReportSerializer,
            400: OpenApiResponse(
                LrmxImportErrorSerializer,
                description="Errors per file, with the report; nothing was saved. An upload past a "
                "limit of the request (`too_large`: unpacked size, files, entries) gets the standard "
                "error body alone, before any file is read.",
            ),
        },
    )
    def post(self, request):
        serializer = LrmxImportRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if sum(upload.size for upload in data["file"]) > MAX_UPLOAD_BYTES:
            raise ValidationError({"file": [_("The upload is larger than 50 MB.")]}, code="too_large")
        files = [(upload.name, upload.read()) for upload in data["file"]]
        report = lrmx_import(
            files=files,
            unit=data.get("unit"),
            acting_user=request.user,
            dry_run=data["dry_run"],
            accept_appraisals=data["accept_appraisals"],
        )
        if not report.ok:
            return Response(error_data(report), status=status.HTTP_400_BAD_REQUEST)
        return Response(report_data(report))
