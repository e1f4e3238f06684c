"""The complaint API: discipline staff and administrators only (403 for every other role), plus
the public status look-up by query code (no account, rate-limited, status only)."""

from django.db import transaction
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from core.actors import public_actor
from core.models import ReadChannel
from oversight.api import complaint_serializers as s
from oversight.api.steps import StepViewMixin
from oversight.models import Complaint
from oversight.selectors.complaints import attachment_visible, complaint_by_query_code, complaints_visible
from oversight.services import complaints as services
from oversight.services.attachments import attachment_open, complaint_attachment_add
from oversight.services.online import complaint_file_online
from oversight.services.reads import log_complaints

REFUSED = {
    400: OpenApiResponse(description='{"code", "message", "fields"}: the step was refused, with the reason')
}


class ComplaintViewSet(
    StepViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Complaints (信访举报). A step out of order is refused with `step_out_of_order`; dates before the
    previous step with `before_previous_step`, dates in the future with `in_future`. The reporter's
    identity is never in these answers: `GET .../{id}/reporter/` shows it, and records who looked."""

    serializer_class = s.ComplaintSerializer
    filterset_fields = ["state", "channel", "category", "disposal_way", "unit"]
    ordering_fields = ["received_on", "accept_due", "conclude_due"]
    queryset = Complaint.objects.none()  # the model, for the permission class and the schema

    def get_queryset(self):
        return complaints_visible(user=self.request.user)

    def get_object(self):
        complaint = super().get_object()
        if self.action == "retrieve":  # a complaint opened is a sensitive read (core.readlog)
            log_complaints(request=self.request, complaints=[complaint], channel=ReadChannel.API)
        return complaint

    @extend_schema(request=s.ComplaintInput, responses={201: s.ComplaintRegisteredSerializer, **REFUSED})
    def create(self, request):
        """登记: `reporter_name` is required unless `reporter_anonymous` (`required`); an anonymous
        complaint carrying a reporter's details is refused with `reporter_given_anonymous`."""
        data = self._input(request, s.ComplaintInput)
        reporter = services.Reporter(
            anonymous=data["reporter_anonymous"],
            name=data.get("reporter_name", ""),
            phone=data.get("reporter_phone", ""),
            address=data.get("reporter_address", ""),
        )
        complaint, code = services.complaint_register(
            unit=data["unit"],
            channel=data["channel"],
            received_on=data["received_on"],
            category=data["category"],
            content=data["content"],
            subjects=data.get("subjects", []),
            reporter=reporter,
            acting_user=request.user,
        )
        answer = self._answer(complaint, status=201)
        answer.data["query_code"] = code
        return answer

    @extend_schema(
        summary=gettext_lazy("Accept a complaint"),
        request=s.AcceptInput,
        responses={200: s.ComplaintSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        data = self._input(request, s.AcceptInput)
        return self._answer(
            services.complaint_accept(complaint=self.get_object(), acting_user=request.user, **data)
        )

    @extend_schema(
        summary=gettext_lazy("Refuse a complaint"),
        request=s.RejectInput,
        responses={200: s.ComplaintSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        data = self._input(request, s.RejectInput)
        return self._answer(
            services.complaint_reject(complaint=self.get_object(), acting_user=request.user, **data)
        )

    @extend_schema(
        summary=gettext_lazy("Dispose of a complaint's clue"),
        request=s.DisposeInput,
        responses={200: s.ComplaintSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def dispose(self, request, pk=None):
        """处置 in one of the four ways: 谈话函询, 初步核实, 暂存待查, 予以了结."""
        data = self._input(request, s.DisposeInput)
        return self._answer(
            services.complaint_dispose(complaint=self.get_object(), acting_user=request.user, **data)
        )

    @extend_schema(
        summary=gettext_lazy("Extend a complaint's deadline"),
        request=None,
        responses={200: s.ComplaintSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def extend(self, request, pk=None):
        """Adds the extension to `conclude_due` once (`already_extended` the second time)."""
        return self._answer(services.complaint_extend(complaint=self.get_object(), acting_user=request.user))

    @extend_schema(
        summary=gettext_lazy("Conclude a complaint"),
        request=s.ConcludeInput,
        responses={200: s.ComplaintSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        """办结: `cleared` records 澄清正名 for a cadre falsely accused."""
        data = self._input(request, s.ConcludeInput)
        return self._answer(
            services.complaint_conclude(complaint=self.get_object(), acting_user=request.user, **data)
        )

    @extend_schema(
        summary=gettext_lazy("Record that the reporter was told"),
        request=s.TellInput,
        responses={200: s.ComplaintSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"], url_path="tell-reporter")
    def tell_reporter(self, request, pk=None):
        """A named reporter is told of the acceptance and of the result; each is recorded
        (`reporter_anonymous`, `nothing_to_tell`)."""
        data = self._input(request, s.TellInput)
        return self._answer(
            services.complaint_tell_reporter(complaint=self.get_object(), acting_user=request.user, **data)
        )

    @extend_schema(
        summary=gettext_lazy("Name the cadres a complaint is about"),
        request=s.SubjectsInput,
        responses={200: s.ComplaintSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def subjects(self, request, pk=None):
        """Replaces the cadres complained about (an online complaint names them in its text);
        they must belong to the unit concerned (`subject_outside_unit`)."""
        data = self._input(request, s.SubjectsInput)
        services.complaint_subjects_set(
            complaint=self.get_object(), subjects=data["subjects"], acting_user=request.user
        )
        return self._answer(self.get_object())

    @extend_schema(
        summary=gettext_lazy("Recuse a staff member from a complaint"),
        request=s.RecuseInput,
        responses={200: s.ComplaintSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def recuse(self, request, pk=None):
        """回避: a discipline staff member related to a cadre complained about stops seeing the
        complaint (`not_discipline_staff` for anyone else)."""
        data = self._input(request, s.RecuseInput)
        services.complaint_recuse(complaint=self.get_object(), user=data["user"], acting_user=request.user)
        return self._answer(self.get_object())

    @extend_schema(summary=gettext_lazy("Show who filed a complaint"), responses=s.ReporterSerializer)
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def reporter(self, request, pk=None):
        """The reporter's identity; each look is recorded (who, when)."""
        with transaction.atomic():
            identity = services.reporter_reveal(complaint=self.get_object(), acting_user=request.user)
        return Response(s.ReporterSerializer(identity).data)

    @extend_schema(
        summary=gettext_lazy("Attach files to a complaint"),
        request={"multipart/form-data": s.AttachmentInput},
        responses={200: s.ComplaintSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser], url_path="attachments")
    def attach(self, request, pk=None):
        """Files that came with the complaint (`files`, one or more): kept encrypted, never served
        by URL. Refused with `bad_file_type`, `empty_file`, `too_large` (10 MB), `too_many_files` (10)."""
        data = self._input(request, s.AttachmentInput)
        complaint_attachment_add(complaint=self.get_object(), uploads=data["files"], acting_user=request.user)
        return self._answer(self.get_object())

    @extend_schema(
        summary=gettext_lazy("Download a complaint's attachment"),
        responses={
            (200, "application/octet-stream"): OpenApiResponse(description="The file, as a download.")
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"attachments/(?P<attachment_id>[0-9]+)",
        filter_backends=[],
        pagination_class=None,
    )
    def attachment(self, request, pk=None, attachment_id=None):
        """The file, decrypted; each download is recorded in the read log (who, when, which file)."""
        found = attachment_visible(
            user=request.user, complaint_id=self.get_object().pk, attachment_id=int(attachment_id)
        )
        if found is None:
            raise Http404
        opened = attachment_open(
            attachment=found, channel=ReadChannel.API, request=request, acting_user=request.user
        )
        return attachment_response(opened)


def attachment_response(opened) -> HttpResponse:
    """Always a download (never rendered by the browser), kept by no cache."""
    response = HttpResponse(opened.content, content_type=opened.content_type)
    response["Content-Disposition"] = content_disposition_header(True, opened.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


class StatusThrottle(SimpleRateThrottle):
    scope = "complaint_status"
    rate = "10/min"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ComplaintStatusView(APIView):
    """An online reporter follows their complaint without an account: the state only."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [StatusThrottle]

    @extend_schema(
        summary=gettext_lazy("Follow a complaint by its query code"),
        parameters=[s.StatusQuery],
        responses={
            200: s.StatusSerializer,
            404: OpenApiResponse(description="No complaint has this code (`not_found`)."),
            429: OpenApiResponse(
                description="Too many look-ups from this address (`throttled`); wait a minute."
            ),
        },
    )
    def get(self, request):
        query = s.StatusQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        complaint = complaint_by_query_code(query.validated_data["code"])
        if complaint is None:
            raise Http404
        return Response({"state": complaint.state, "state_label": complaint.get_state_display()})


class FilingThrottle(StatusThrottle):
    scope = "complaint_filing"
    rate = "5/hour"


class ComplaintFilingView(APIView):
    """网上举报 through the API, without an account (like the `/report/` page)."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [FilingThrottle]
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        summary=gettext_lazy("File a complaint online"),
        request={"application/json": s.FilingInput, "multipart/form-data": s.FilingInput},
        responses={
            201: s.FiledSerializer,
            **REFUSED,
            429: OpenApiResponse(description="Five filings an hour per address (`throttled`)."),
        },
    )
    def post(self, request):
        """Anonymous (`reporter_anonymous`, the default) or named (`reporter_name` required); the
        answer carries the `query_code` once. `reporter_given_anonymous`, `required`, file codes as
        for attachments."""
        data = s.FilingInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        reporter = services.Reporter(
            anonymous=d["reporter_anonymous"],
            name=d["reporter_name"],
            phone=d["reporter_phone"],
            address=d["reporter_address"],
        )
        complaint, code = complaint_file_online(
            unit=d["unit"],
            category=d["category"],
            named=d["named"],
            content=d["content"],
            reporter=reporter,
            uploads=d["files"],
            acting_user=public_actor(),
        )
        body = {"query_code": code, "state": complaint.state, "accept_due": complaint.accept_due}
        return Response(s.FiledSerializer(body).data, status=201)
