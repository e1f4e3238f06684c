from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from cadres.api.roster_views import ImportErrorSerializer
from cadres.exchange.roster.workbook import MAX_FILE_BYTES
from cadres.models import Cadre
from core.api.permissions import perm_required
from core.api.scoping import ScopedQuerysetMixin
from core.api.views import ServiceSaveMixin
from core.scope import scoped
from training import selectors, services
from training.api import serializers as s
from training.models import (
    FollowUpTask,
    ProgrammeParticipant,
    RuleDocument,
    Secondment,
    StudySession,
    TrainingProgramme,
)


def _query(serializer_class, request) -> dict:
    query = serializer_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data


class StudySessionViewSet(ScopedQuerysetMixin, viewsets.ModelViewSet):
    """Theory study sessions (理论学习): 第一议题, 中心组, monthly unit study, lectures, party-spirit
    trips, with their attendees. `hours` are credited to those present."""

    queryset = StudySession.objects.select_related("unit", "leader").prefetch_related("attendances__cadre")
    serializer_class = s.StudySessionSerializer
    filterset_fields = ["kind", "unit", "date"]
    ordering_fields = ["date"]
    search_fields = ["topic", "material_title"]

    def _save(self, serializer, instance):
        data = dict(serializer.validated_data)
        attendees = data.pop("attendances", None)
        for name, value in data.items():
            setattr(instance, name, value)
        if attendees is not None:
            attendees = [
                services.AttendeeInput(a["cadre"], a.get("attendance", "present")) for a in attendees
            ]
        serializer.instance = services.study_session_save(
            session=instance, attendees=attendees, acting_user=self.request.user
        )

    def perform_create(self, serializer):
        self._save(serializer, StudySession())

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)

    @extend_schema(
        summary=_("Units missing their monthly study"),
        parameters=[s.MonthQuerySerializer],
        responses=s.MissingUnitSerializer(many=True),
    )
    @action(detail=False, pagination_class=None, filter_backends=[])
    def missing(self, request):
        """The units in your scope that owed a monthly study (`unit_monthly`) in `month`
        (YYYY-MM, default this month) and held none."""
        month = _query(s.MonthQuerySerializer, request).get("month") or timezone.localdate().replace(day=1)
        units = selectors.missing_units(user=request.user, month=month)
        return Response(s.MissingUnitSerializer(units, many=True).data)


class FollowUpTaskViewSet(ScopedQuerysetMixin, ServiceSaveMixin, viewsets.ModelViewSet):
    """Follow-up tasks a committee's first agenda item (第一议题) assigned."""

    queryset = FollowUpTask.objects.select_related("owner_unit", "owner", "session")
    serializer_class = s.FollowUpTaskSerializer
    filterset_fields = ["session", "owner_unit"]
    service = staticmethod(services.follow_up_task_save)
    service_kwarg = "task"


class TrainingProgrammeViewSet(ServiceSaveMixin, viewsets.ModelViewSet):
    """Training programmes (培训班), online courses and reported external training: a catalogue;
    the participants are scoped to the user's units."""

    queryset = TrainingProgramme.objects.all()
    serializer_class = s.TrainingProgrammeSerializer
    filterset_fields = ["kind", "organiser", "recognised"]
    search_fields = ["title", "institution"]
    ordering_fields = ["start_date"]
    service = staticmethod(services.training_programme_save)
    service_kwarg = "programme"

    def get_queryset(self):
        return selectors.programme_queryset(user=self.request.user).select_related("reporting_unit")

    def get_permissions(self):
        if self.action == "participants":
            model = "add" if self.request.method == "POST" else "view"
            return [perm_required(f"training.{model}_programmeparticipant")()]
        if self.action == "confirm_participant":
            return [perm_required("training.change_programmeparticipant")()]
        return super().get_permissions()

    @extend_schema(
        methods=["GET"],
        summary=_("List a programme's participants"),
        responses=s.ProgrammeParticipantSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary=_("Add a participant to a programme"),
        request=s.ProgrammeParticipantSerializer,
        responses={201: s.ProgrammeParticipantSerializer},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        serializer_class=s.ProgrammeParticipantSerializer,
        filter_backends=[],
    )
    def participants(self, request, pk=None):
        """Participants in your scope; one a unit clerk adds counts once HR confirms it."""
        programme = self.get_object()
        if request.method == "GET":
            rows = selectors.participant_list(user=request.user, programme=programme).order_by("pk")
            page = self.paginate_queryset(rows)
            return self.get_paginated_response(s.ProgrammeParticipantSerializer(page, many=True).data)
        serializer = s.ProgrammeParticipantSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        participant = ProgrammeParticipant(programme=programme, **serializer.validated_data)
        participant = services.participant_save(participant=participant, acting_user=request.user)
        return Response(s.ProgrammeParticipantSerializer(participant).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=_("Confirm a reported participant"),
        request=None,
        responses=s.ProgrammeParticipantSerializer,
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"participants/(?P<participant>[0-9]+)/confirm",
        serializer_class=s.ProgrammeParticipantSerializer,
        filter_backends=[],
    )
    def confirm_participant(self, request, pk=None, participant=None):
        """HR confirms a participant a unit clerk reported: the hours then count (`not_permitted`
        for anyone else)."""
        programme = self.get_object()
        rows = selectors.participant_list(user=request.user, programme=programme)
        row = get_object_or_404(rows, pk=int(participant) if participant and len(participant) < 19 else 0)
        row = services.participant_confirm(participant=row, acting_user=request.user)
        return Response(s.ProgrammeParticipantSerializer(row).data)


class _TrueUnlessGiven(serializers.BooleanField):
    # A form post without the field would read as False and save: an absent dry_run means True.
    default_empty_html = serializers.empty


class AttendanceImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text=_("The attendance sheet, an .xlsx file (姓名, 身份证号, 是否结业, ...).")
    )
    dry_run = _TrueUnlessGiven(
        default=True, help_text=_("Check every row and save nothing (the default); false to save.")
    )

    def validate_file(self, value):
        if value.size > MAX_FILE_BYTES:
            message = _("The file is larger than %(mb)s MB.") % {"mb": MAX_FILE_BYTES // 2**20}
            raise serializers.ValidationError(message, code="file_too_large")
        return value


class AttendancePreviewRowSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    name = serializers.CharField()
    unit = serializers.CharField(help_text=_("The matched cadre's unit; empty when no cadre matched."))
    cadre = serializers.IntegerField(allow_null=True)
    action = serializers.CharField(help_text=_("create, update, or empty when the row names no cadre."))
    completed = serializers.BooleanField()
    hours = serializers.CharField(help_text=_("Empty: the programme's hours."))
    absent_hours = serializers.CharField()
    score = serializers.CharField()
    certificate_no = serializers.CharField()


class AttendanceImportReportSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    errors = ImportErrorSerializer(many=True)
    rows = AttendancePreviewRowSerializer(many=True, help_text=_("What each row read and would do."))


class ProgrammeAttendanceImportView(generics.GenericAPIView):
    """Import a programme's attendance sheet. A dry run (the default) checks every row and saves
    nothing; `dry_run=false` saves all rows in one transaction, or none when any row has an error.
    A row names its cadre by 身份证号, or by a 姓名 unique in your scope."""

    queryset = TrainingProgramme.objects.all()
    permission_classes = [perm_required("training.add_programmeparticipant")]
    parser_classes = [MultiPartParser, FormParser]
    serializer_class = AttendanceImportRequestSerializer
    pagination_class = None
    filter_backends = []

    @extend_schema(
        summary=_("Import a programme's attendance (.xlsx)"),
        request={"multipart/form-data": AttendanceImportRequestSerializer},
        responses={
            200: OpenApiResponse(AttendanceImportReportSerializer, description="Every row is valid."),
            400: OpenApiResponse(
                AttendanceImportReportSerializer,
                description="Rows with errors, by row and column; nothing was saved.",
            ),
        },
    )
    def post(self, request, pk):
        programme = get_object_or_404(selectors.programme_queryset(user=request.user), pk=pk)
        serializer = AttendanceImportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = services.participants_import(
            programme=programme,
            data=serializer.validated_data["file"].read(),
            dry_run=serializer.validated_data["dry_run"],
            acting_user=request.user,
        )
        return Response(
            report.as_dict(), status=status.HTTP_400_BAD_REQUEST if report.errors else status.HTTP_200_OK
        )


class CadreTrainingHoursView(generics.GenericAPIView):
    """The cadre's hours ledger as of `on`: the yearly figures (乡科级 and below) or the five-year
    ones (县处级 and above); the figures a rule does not cover are null."""

    queryset = Cadre.objects.all()
    permission_classes = [perm_required("training.view_programmeparticipant")]
    serializer_class = s.TrainingHoursSerializer
    pagination_class = None
    filter_backends = []

    @extend_schema(
        summary=_("Show a cadre's training hours"),
        parameters=[s.AsOfQuerySerializer],
        responses=s.TrainingHoursSerializer,
    )
    def get(self, request, pk):
        cadre = get_object_or_404(scoped(request.user, Cadre), pk=pk)
        on = _query(s.AsOfQuerySerializer, request).get("on") or timezone.localdate()
        summary = selectors.cadre_hours(cadre=cadre, on=on)
        data = vars(summary) | {"sources": [{"source": k, "hours": v} for k, v in summary.sources.items()]}
        return Response(s.TrainingHoursSerializer(data).data)


class TrainingComplianceView(generics.GenericAPIView):
    """The serving cadres in your scope behind this year's training pace (the yearly rule) or
    short of the five-year figure outside their grace year, by unit and name; `all=true` lists
    everyone with their figures. Summed in the database: two queries for any scope."""

    queryset = Cadre.objects.none()
    permission_classes = [perm_required("training.view_programmeparticipant")]
    serializer_class = s.ComplianceRowSerializer
    filter_backends = []

    @extend_schema(
        summary=_("List the cadres behind on training hours"),
        parameters=[s.ComplianceQuerySerializer],
        responses=s.ComplianceRowSerializer(many=True),
    )
    def get(self, request):
        query = s.ComplianceQuerySerializer(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        data = query.validated_data
        size = self.paginator.get_page_size(request)
        raw_page = request.query_params.get(self.paginator.page_query_param, "1")
        page_number = int(raw_page) if raw_page.isdigit() and 0 < int(raw_page) < 10**6 else 1
        rows = selectors.ComplianceList(
            user=request.user,
            on=data.get("on") or timezone.localdate(),
            unit=data.get("unit"),
            behind_only=not data.get("all", False),
            expect=((page_number - 1) * size, size),  # the page and its count in one query
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(s.ComplianceRowSerializer(page, many=True).data)


class SecondmentViewSet(ScopedQuerysetMixin, ServiceSaveMixin, viewsets.ModelViewSet):
    """Secondments (挂职锻炼): outgoing, incoming and internal, with the host and the assessment."""

    queryset = Secondment.objects.select_related("cadre")
    serializer_class = s.SecondmentSerializer
    filterset_fields = ["cadre", "direction"]
    service = staticmethod(services.secondment_save)
    service_kwarg = "secondment"


@extend_schema_view(list=extend_schema(parameters=[s.RuleQuerySerializer]))
class RuleDocumentViewSet(ServiceSaveMixin, viewsets.ModelViewSet):
    """The rule library (制度汇编); `?q=` searches title and full text."""

    queryset = RuleDocument.objects.all()
    serializer_class = s.RuleDocumentSerializer
    filterset_fields = ["part"]
    service = staticmethod(services.rule_document_save)
    service_kwarg = "document"

    def get_queryset(self):
        q = _query(s.RuleQuerySerializer, self.request).get("q", "") if self.action == "list" else ""
        return selectors.rule_document_search(user=self.request.user, q=q)
