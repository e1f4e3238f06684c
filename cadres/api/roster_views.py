"""The roster (干部花名册) as .xlsx: import with a dry run, export with the list's filters, the template."""

import json

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.fields import empty
from rest_framework.filters import OrderingFilter
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from cadres.exchange.roster import (
    MAX_FILE_BYTES,
    TEMPLATE_FILENAME,
    XLSX_CONTENT_TYPE,
    export_filename,
    roster_export,
    roster_template,
)
from cadres.filters import CadreFilter
from cadres.models import OrgUnit
from cadres.selectors.cadres import cadres_visible
from cadres.services.reads import log_roster_export
from cadres.services.roster import roster_import
from core.api.scoping import ScopedPrimaryKeyRelatedField
from core.downloads import file_response
from core.models import ReadChannel


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    return file_response(data, filename=filename, content_type=XLSX_CONTENT_TYPE)


class XlsxRenderer(BaseRenderer):
    """Lets clients ask for the .xlsx by its media type; errors still come as JSON."""

    media_type = XLSX_CONTENT_TYPE
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode()


class _HasPerm(BasePermission):
    perm = ""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.has_perm(self.perm))


class CanAddCadre(_HasPerm):
    perm = "cadres.add_cadre"


class _TrueUnlessGiven(serializers.BooleanField):
    # A form post without the field would read as False and save: an absent dry_run means True.
    default_empty_html = empty


class ImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=_("The roster, an .xlsx file."))
    dry_run = _TrueUnlessGiven(
        default=True, help_text=_("Check every row and save nothing (the default); false to save.")
    )
    unit = ScopedPrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("The unit of new cadres whose 现任单位 cell is empty; within your data scope."),
    )

    def validate_file(self, value):
        if value.size > MAX_FILE_BYTES:
            raise serializers.ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": MAX_FILE_BYTES // 2**20},
                code="file_too_large",
            )
        return value


class ImportErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="Excel row number (the header is row 1); 0 for the whole file.")
    column = serializers.CharField(help_text="The column header, e.g. 出生年月; empty for the whole row.")
    code = serializers.CharField()
    message = serializers.CharField()


class FieldChangeSerializer(serializers.Serializer):
    column = serializers.CharField(help_text="The column header, e.g. 籍贯.")
    old = serializers.CharField(help_text="The recorded value as the file writes it.")
    new = serializers.CharField(help_text="The value the row brings.")


class RowWarningSerializer(serializers.Serializer):
    column = serializers.CharField(help_text="The column header, e.g. 参加工作时间.")
    code = serializers.CharField(help_text="work_start_young or party_entry_young.")
    message = serializers.CharField()


class RowChangeSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="Excel row number.")
    name = serializers.CharField()
    action = serializers.ChoiceField(
        choices=["create", "update", "unchanged"], help_text="unchanged: the row matches the record (无变化)."
    )
    fields = FieldChangeSerializer(many=True, help_text="The fields an update would change, old → new.")
    warnings = RowWarningSerializer(
        many=True,
        help_text="Implausible dates the row brings (work start before 16, party entry before 18); "
        "importing the file (dry_run=false) is their confirmation and saves them. Impossible dates "
        "(after today, before birth) are errors.",
    )


class ImportReportSerializer(serializers.Serializer):
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField(help_text="Rows that match a recorded cadre, changed or not.")
    unchanged = serializers.IntegerField(help_text="Rows that match a recorded cadre and change nothing.")
    warnings = serializers.IntegerField(help_text="Rows with implausible dates, listed on their change.")
    errors = ImportErrorSerializer(many=True)
    changes = RowChangeSerializer(
        many=True, help_text="Per valid row, what it does; empty when any row errs."
    )


class CadreImportView(APIView):
    """Import the roster (干部花名册). A dry run (the default) checks every row and saves nothing;
    `dry_run=false` saves all rows in one transaction, or none when any row has an error.
    A row whose 身份证号 is already recorded updates that cadre."""

    permission_classes = [CanAddCadre]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary=gettext_lazy("Import the cadre roster (.xlsx)"),
        request={"multipart/form-data": ImportRequestSerializer},
        responses={
            200: OpenApiResponse(
                ImportReportSerializer, description="Every row is valid (and saved unless dry run)."
            ),
            400: OpenApiResponse(
                ImportReportSerializer,
                description="Rows with errors, each with row, column and reason; nothing was saved. "
                "A request without a file, with a unit outside the scope, or with a file that cannot be "
                "read (`bad_file`) or passes a limit (`too_large`) gets the standard error body.",
            ),
            401: OpenApiResponse(description="Not logged in."),
            403: OpenApiResponse(description="No permission to add cadres."),
        },
    )
    def post(self, request):
        serializer = ImportRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        report = roster_import(
            data=serializer.validated_data["file"].read(),
            unit=serializer.validated_data.get("unit"),
            acting_user=request.user,
            dry_run=serializer.validated_data["dry_run"],
        )
        return Response(
            report.as_dict(), status=status.HTTP_200_OK if report.ok else status.HTTP_400_BAD_REQUEST
        )


class CadreExportView(GenericAPIView):
    """The roster of the cadres in your data scope as .xlsx, filtered and ordered like the cadre list.
    ID numbers are masked unless you may see them in full."""

    filterset_class = CadreFilter
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    ordering_fields = ["name", "birth_date", "retirement_date"]
    pagination_class = None
    renderer_classes = [JSONRenderer, XlsxRenderer]

    def get_queryset(self):
        return cadres_visible(user=self.request.user, on=timezone.localdate()).order_by(
            "unit__path", "name", "id"
        )

    @extend_schema(
        summary=gettext_lazy("Export the cadre roster (.xlsx)"),
        filters=True,
        responses={
            (200, XLSX_CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="The roster file."),
            400: OpenApiResponse(description="A filter value is invalid (e.g. a unit outside your scope)."),
            401: OpenApiResponse(description="Not logged in."),
            403: OpenApiResponse(description="No permission to view cadres."),
        },
    )
    def get(self, request):
        today = timezone.localdate()
        rows = self.filter_queryset(self.get_queryset())
        log_roster_export(request=request, rows=rows, channel=ReadChannel.API)
        data = roster_export(
            queryset=rows,
            on=today,
            mask_id_numbers=not request.user.has_perm("cadres.view_full_id_number"),
        )
        return xlsx_response(data, export_filename(today))


class CadreImportTemplateView(APIView):
    """An empty roster with every column and a 说明 (notes) sheet describing them."""

    permission_classes = [CanAddCadre]
    renderer_classes = [JSONRenderer, XlsxRenderer]

    @extend_schema(
        summary=gettext_lazy("Download the roster template"),
        responses={
            (200, XLSX_CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="The template."),
            401: OpenApiResponse(description="Not logged in."),
            403: OpenApiResponse(description="No permission to add cadres."),
        },
    )
    def get(self, request):
        return xlsx_response(roster_template(), TEMPLATE_FILENAME)
