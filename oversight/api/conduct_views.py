"""The yearly conduct work's API: responsibility letters, duty and integrity reports, the risk
register and its reviews, supervised meetings and supervised tasks (督办)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from core.api.fields import query_value
from core.api.permissions import perm_required
from core.api.views import ServiceSaveMixin
from core.scope import scoped
from oversight.api import conduct_serializers as s
from oversight.api.complaint_views import REFUSED
from oversight.api.steps import StepViewMixin
from oversight.models import (
    DutyReport,
    IntegrityRisk,
    ResponsibilityLetter,
    RiskReview,
    SupervisedMeeting,
    SupervisedTask,
)
from oversight.selectors import duty_reports as report_selectors
from oversight.selectors import letters as letter_selectors
from oversight.selectors import risks as risk_selectors
from oversight.selectors import tasks as task_selectors
from oversight.services import duty_reports as report_services
from oversight.services import letters as letter_services
from oversight.services import meetings as meeting_services
from oversight.services import risks as risk_services
from oversight.services import tasks as task_services

YEAR_PARAM = OpenApiParameter("year", int, required=True, description="2000–2100")


class ResponsibilityLetterViewSet(
    StepViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Responsibility letters (党风廉政建设责任书), generated yearly top-down from the org tree and the
    leadership posts; a letter is signed once (`already_signed`), with its scan (PDF, JPEG, PNG)."""

    serializer_class = s.LetterSerializer
    queryset = ResponsibilityLetter.objects.none()
    filterset_fields = ["year", "tier", "state", "unit"]
    ordering_fields = ["year", "sign_by"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return letter_selectors.letter_list(user=self.request.user)

    @extend_schema(
        summary=gettext_lazy("Generate the year's letters"),
        request=s.LetterGenerateInput,
        responses={200: s.LetterGenerationSerializer, **REFUSED},
    )
    @action(detail=False, methods=["post"])
    def generate(self, request):
        """Creates the letters the year lacks (a second call creates none) and lists the gaps: no
        secretary post, a vacant leadership post, a unit no member oversees, a unit with no principal post."""
        data = self._input(request, s.LetterGenerateInput)
        made = letter_services.letters_generate(
            year=data["year"], sign_by=data.get("sign_by"), acting_user=request.user
        )
        body = {
            "created": made.created,
            "existing": made.existing,
            "gaps": letter_selectors.gap_rows(made.gaps),
        }
        return Response(s.LetterGenerationSerializer(body).data)

    @extend_schema(
        summary=gettext_lazy("Letters signed and the gaps of a year"),
        parameters=[YEAR_PARAM],
        responses={200: s.LetterProgressSerializer, **REFUSED},
    )
    @action(detail=False, methods=["get"])
    def progress(self, request):
        year = self._input_query(request)
        body = letter_selectors.letter_progress(user=request.user, year=year)
        body["gaps"] = letter_selectors.letter_gaps(
            user=request.user, on=min(timezone.localdate(), datetime.date(year, 12, 31))
        )
        return Response(s.LetterProgressSerializer(body).data)

    def _input_query(self, request) -> int:
        data = s.YearQuery(data=request.query_params)
        data.is_valid(raise_exception=True)
        return data.validated_data["year"]

    @extend_schema(
        summary=gettext_lazy("Record a letter signed"),
        request={"multipart/form-data": s.LetterSignInput, "application/json": s.LetterSignInput},
        responses={200: s.LetterSerializer, **REFUSED},
    )
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[perm_required("oversight.change_responsibilityletter")],
    )
    def sign(self, request, pk=None):
        data = self._input(request, s.LetterSignInput)
        letter = letter_services.letter_sign(
            letter=self.get_object(),
            signed_on=data["signed_on"],
            scan=data.get("signed_scan"),
            acting_user=request.user,
        )
        return self._answer(letter)

    @extend_schema(
        summary=gettext_lazy("Attach the signed scan"),
        request={"multipart/form-data": s.LetterScanInput},
        responses={200: s.LetterSerializer, **REFUSED},
    )
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[perm_required("oversight.change_responsibilityletter")],
    )
    def scan(self, request, pk=None):
        data = self._input(request, s.LetterScanInput)
        letter = letter_services.letter_scan_attach(
            letter=self.get_object(), scan=data["signed_scan"], acting_user=request.user
        )
        return self._answer(letter)


class DutyReportViewSet(
    StepViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Duty and integrity reports (述责述廉), one a year per leader: opened for the year, submitted,
    reviewed with a grade (a fair or poor grade says why). Appraisal shows the grade to raters."""

    serializer_class = s.DutyReportSerializer
    queryset = DutyReport.objects.none()
    filterset_fields = ["year", "state", "cadre", "grade"]
    ordering_fields = ["year", "due_on"]

    def get_queryset(self):
        return report_selectors.duty_report_list(user=self.request.user)

    @extend_schema(
        summary=gettext_lazy("Open the year's reports for every leader"),
        request=s.DutyReportOpenInput,
        responses={200: s.DutyReportOpened, **REFUSED},
    )
    @action(detail=False, methods=["post"])
    def open(self, request):
        data = self._input(request, s.DutyReportOpenInput)
        opened = report_services.duty_reports_open(acting_user=request.user, **data)
        return Response({"opened": opened})

    @extend_schema(
        summary=gettext_lazy("Record a report submitted"),
        request=s.DutyReportSubmitInput,
        responses={200: s.DutyReportSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"], permission_classes=[perm_required("oversight.change_dutyreport")])
    def submit(self, request, pk=None):
        data = self._input(request, s.DutyReportSubmitInput)
        return self._answer(
            report_services.duty_report_submit(report=self.get_object(), acting_user=request.user, **data)
        )

    @extend_schema(
        summary=gettext_lazy("Review and grade a report"),
        request=s.DutyReportReviewInput,
        responses={200: s.DutyReportSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"], permission_classes=[perm_required("oversight.change_dutyreport")])
    def review(self, request, pk=None):
        data = self._input(request, s.DutyReportReviewInput)
        return self._answer(
            report_services.duty_report_review(report=self.get_object(), acting_user=request.user, **data)
        )


class IntegrityRiskViewSet(ServiceSaveMixin, viewsets.ModelViewSet):
    """The integrity-risk register (廉政风险点): per post (in its unit) or per unit, with level
    (high, medium, low), controls and owner. Retire a risk with `active: false`."""

    serializer_class = s.IntegrityRiskSerializer
    queryset = IntegrityRisk.objects.none()
    filterset_fields = ["unit", "post", "level", "active"]
    search_fields = ["risk"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    service = staticmethod(risk_services.risk_save)
    service_kwarg = "risk"

    def get_queryset(self):
        return risk_selectors.risk_list(user=self.request.user)


class RiskReviewViewSet(
    StepViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The yearly integrity-risk review (廉政风险大排查) over a unit and everything under it: an entry
    per post says what the review found; the coverage lists the posts not reviewed yet."""

    serializer_class = s.RiskReviewSerializer
    queryset = RiskReview.objects.none()
    filterset_fields = ["year", "unit"]

    def get_queryset(self):
        return risk_selectors.review_list(user=self.request.user)

    @extend_schema(request=s.RiskReviewSerializer, responses={201: s.RiskReviewSerializer, **REFUSED})
    def create(self, request):
        data = self._input(request, s.RiskReviewSerializer)
        return self._answer(risk_services.risk_review_open(acting_user=request.user, **data), status=201)

    @extend_schema(
        summary=gettext_lazy("Record what the review found at a post"),
        request=s.ReviewEntryInput,
        responses={200: s.ReviewEntrySerializer, **REFUSED},
    )
    @action(
        detail=True, methods=["post"], permission_classes=[perm_required("oversight.add_riskreviewentry")]
    )
    def record(self, request, pk=None):
        data = self._input(request, s.ReviewEntryInput)
        entry = risk_services.risk_review_record(review=self.get_object(), acting_user=request.user, **data)
        return Response(s.ReviewEntrySerializer(entry).data)

    @extend_schema(summary=gettext_lazy("The review's coverage"), responses={200: s.CoverageSerializer})
    @action(detail=True, methods=["get"])
    def coverage(self, request, pk=None):
        return Response(s.CoverageSerializer(risk_selectors.review_report(review=self.get_object())).data)


class SupervisedMeetingViewSet(
    StepViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Supervised meetings (纪委列席): committee, president's meeting, enrolment exams, recruitment,
    title evaluation, contract negotiation, asset disposal; each attendance with its attendee and
    findings. A finding can be a supervised task's source (`oversight.meetingfinding`)."""

    serializer_class = s.MeetingSerializer
    queryset = SupervisedMeeting.objects.none()
    filterset_fields = ["kind", "unit", "attendee"]
    ordering_fields = ["held_on"]

    def get_queryset(self):
        rows = SupervisedMeeting.objects.select_related("unit", "attendee").prefetch_related("findings")
        return scoped(self.request.user, rows)

    @extend_schema(request=s.MeetingInput, responses={201: s.MeetingSerializer, **REFUSED})
    def create(self, request):
        data = self._input(request, s.MeetingInput)
        findings = [(f["text"], f["follow_up"]) for f in data.pop("findings")]
        meeting = meeting_services.meeting_record(findings=findings, acting_user=request.user, **data)
        return self._answer(meeting, status=201)

    @extend_schema(
        summary=gettext_lazy("Add a finding"),
        request=s.FindingInput,
        responses={200: s.MeetingSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"], permission_classes=[perm_required("oversight.add_meetingfinding")])
    def findings(self, request, pk=None):
        data = self._input(request, s.FindingInput)
        meeting_services.finding_add(meeting=self.get_object(), acting_user=request.user, **data)
        return self._answer(self.get_object())


OVERDUE_PARAM = OpenApiParameter(
    "overdue", bool, description="true: only tasks past their deadline and not done"
)


class SupervisedTaskViewSet(
    StepViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Supervised tasks (督办): a decision's execution by its responsible unit by a deadline. The source
    is linked generically (`source_kind`: training.followuptask, training.studysession or
    oversight.meetingfinding; `source_id`), found in your scope or refused (`source_not_found`).
    Overdue from the day after the deadline while not done. The unit reports progress (`report`,
    `done: true` to report it done); the office accepts it (`accept`) or sends it back (`send_back`)."""

    serializer_class = s.TaskSerializer
    queryset = SupervisedTask.objects.none()
    filterset_fields = ["state", "owner_unit", "owner"]
    ordering_fields = ["deadline", "assigned_on"]

    def get_queryset(self):
        rows = task_selectors.task_list(user=self.request.user)
        overdue = query_value(self.request, "overdue", s.serializers.BooleanField(), default=None)
        if overdue is True:
            rows = rows.filter(task_selectors.overdue_q(timezone.localdate()))
        return rows

    def get_serializer_context(self):
        today = timezone.localdate()
        return super().get_serializer_context() | {
            "is_overdue": lambda t: task_selectors.is_overdue(t, today)
        }

    def _data(self, rows: list, *, many: bool):
        """The tasks with their sources' names: one query per kind of source, whatever the count."""
        context = self.get_serializer_context()
        context["source_names"] = task_selectors.source_labels(tasks=rows, user=self.request.user)
        return s.TaskSerializer(rows if many else rows[0], many=many, context=context).data

    @extend_schema(parameters=[OVERDUE_PARAM])
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self._data(list(page), many=True))

    def retrieve(self, request, *args, **kwargs):
        return Response(self._data([self.get_object()], many=False))

    def _answer(self, obj, status=200):
        return Response(self._data([self.get_queryset().get(pk=obj.pk)], many=False), status=status)

    @extend_schema(request=s.TaskInput, responses={201: s.TaskSerializer, **REFUSED})
    def create(self, request):
        data = self._input(request, s.TaskInput)
        kind, object_id = data.pop("source_kind", None), data.pop("source_id", None)
        task = task_services.task_assign(
            source=(kind, object_id) if kind else None, acting_user=request.user, **data
        )
        return self._answer(task, status=201)

    @extend_schema(
        summary=gettext_lazy("Report progress (or done)"),
        request=s.TaskReportInput,
        responses={200: s.ProgressSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"], permission_classes=[perm_required("oversight.add_taskprogress")])
    def report(self, request, pk=None):
        data = self._input(request, s.TaskReportInput)
        entry = task_services.task_report(task=self.get_object(), acting_user=request.user, **data)
        return Response(s.ProgressSerializer(entry).data)

    @extend_schema(
        summary=gettext_lazy("Accept a task as done"),
        request=s.TaskAcceptInput,
        responses={200: s.TaskSerializer, **REFUSED},
    )
    @action(
        detail=True, methods=["post"], permission_classes=[perm_required("oversight.change_supervisedtask")]
    )
    def accept(self, request, pk=None):
        data = self._input(request, s.TaskAcceptInput)
        return self._answer(
            task_services.task_accept(task=self.get_object(), acting_user=request.user, **data)
        )

    @extend_schema(
        summary=gettext_lazy("Send a reported task back"),
        request=s.TaskSendBackInput,
        responses={200: s.TaskSerializer, **REFUSED},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="send-back",
        permission_classes=[perm_required("oversight.change_supervisedtask")],
    )
    def send_back(self, request, pk=None):
        data = self._input(request, s.TaskSendBackInput)
        return self._answer(
            task_services.task_send_back(task=self.get_object(), acting_user=request.user, **data)
        )

    @extend_schema(
        summary=gettext_lazy("A task's progress reports"), responses={200: s.ProgressSerializer(many=True)}
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def progress(self, request, pk=None):
        rows = task_selectors.task_progress(task=self.get_object())
        return Response(s.ProgressSerializer(rows, many=True).data)
