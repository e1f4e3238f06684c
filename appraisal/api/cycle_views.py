"""The appraisal cycle API: set-up, ballots, progress, results and confirmation; the ballot box."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from appraisal.api import cycle_serializers as s
from appraisal.api.filters import AppraisalCycleFilter
from appraisal.api.review_views import ReviewActions
from appraisal.models import AppraisalCycle
from appraisal.selectors.cycles import ballot_progress, cycle_list, participant_list
from appraisal.selectors.results import cycle_results
from appraisal.services import ballots as ballot_services
from appraisal.services import cycles as services
from appraisal.services.results import cycle_confirm
from core.actors import public_actor
from core.scope import scoped
from core.visibility import APPRAISAL_GRADES, may_see

REFUSED = OpenApiResponse(description='{"code", "message", "fields"}: refused, with a stable code')


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = gettext_lazy("The request conflicts with the current state.")


class AppraisalCycleViewSet(
    ReviewActions,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Appraisal cycles (考核): kind, year, units in scope, as-of date; draft → open → closed →
    confirmed. Set-up changes are refused with `cycle_not_editable` once a cycle is open; a step
    out of order with `invalid_transition`."""

    serializer_class = s.CycleSerializer
    filterset_class = AppraisalCycleFilter
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        user = None if getattr(self, "swagger_fake_view", False) else self.request.user
        if self.action in ("list", "retrieve", "create"):
            return cycle_list(user=user).prefetch_related("units", "indicators", "rater_groups")
        return scoped(user, AppraisalCycle.objects.select_related("unit"))

    def perform_create(self, serializer):
        data = serializer.validated_data
        cycle = services.cycle_create(acting_user=self.request.user, **data)
        serializer.instance = self.get_queryset().get(pk=cycle.pk)  # with its counts and set-up

    def _fresh(self, cycle):
        fresh = cycle_list(user=self.request.user).prefetch_related("units", "indicators", "rater_groups")
        return Response(s.CycleSerializer(fresh.get(pk=cycle.pk)).data)

    def _input(self, request, input_class):
        data = input_class(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        return data.validated_data

    @extend_schema(
        summary=gettext_lazy("List a cycle's participants"),
        responses={200: s.ParticipantSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def participants(self, request, pk=None):
        """The cadres serving in the units on the as-of date, and those HR added or removed."""
        rows = participant_list(cycle=self.get_object())
        return Response(s.ParticipantSerializer(rows, many=True).data)

    @extend_schema(
        summary=gettext_lazy("Add a participant"),
        request=s.ParticipantChangeInput,
        responses={201: s.ParticipantSerializer, 400: REFUSED},
    )
    @participants.mapping.post
    def participant_add(self, request, pk=None):
        """`reason_required`, `already_participant`, `cycle_not_editable`."""
        data = self._input(request, s.ParticipantChangeInput)
        row = services.participant_add(cycle=self.get_object(), acting_user=request.user, **data)
        return Response(s.ParticipantSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=gettext_lazy("Remove a participant"),
        request=s.ParticipantChangeInput,
        responses={200: s.ParticipantSerializer, 400: REFUSED},
    )
    @action(detail=True, methods=["post"], url_path="participants/remove")
    def participant_remove(self, request, pk=None):
        """Marks the participant removed, with the reason (`reason_required`)."""
        cycle = self.get_object()
        data = self._input(request, s.ParticipantChangeInput)
        participant = get_object_or_404(participant_list(cycle=cycle), cadre=data["cadre"])
        row = services.participant_remove(
            participant=participant, reason=data["reason"], acting_user=request.user
        )
        return Response(s.ParticipantSerializer(row).data)

    @extend_schema(
        summary=gettext_lazy("Record why a participant is not graded"),
        request=s.ParticipantFactsInput,
        responses={200: s.ParticipantSerializer, 400: REFUSED},
    )
    @action(detail=True, methods=["post"], url_path="participants/facts")
    def participant_facts(self, request, pk=None):
        """Under investigation, or absent more than half the year: not graded (不定等次), until the
        cycle is confirmed (`cycle_not_editable` after)."""
        cycle = self.get_object()
        data = self._input(request, s.ParticipantFactsInput)
        participant = get_object_or_404(participant_list(cycle=cycle), cadre=data.pop("cadre"))
        row = services.participant_facts_save(participant=participant, acting_user=request.user, **data)
        return Response(s.ParticipantSerializer(row).data)

    @extend_schema(
        summary=gettext_lazy("Add an indicator"),
        request=s.IndicatorSerializer,
        responses={201: s.IndicatorSerializer, 400: REFUSED},
    )
    @action(detail=True, methods=["post"])
    def indicators(self, request, pk=None):
        """An indicator under one of 德 能 勤 绩 廉 (`de`, `neng`, `qin`, `ji`, `lian`) with its weight."""
        data = self._input(request, s.IndicatorSerializer)
        row = services.indicator_add(cycle=self.get_object(), acting_user=request.user, **data)
        return Response(s.IndicatorSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=gettext_lazy("Add a rater group"),
        request=s.RaterGroupSerializer,
        responses={201: s.RaterGroupSerializer, 400: REFUSED},
    )
    @action(detail=True, methods=["post"], url_path="rater-groups")
    def rater_groups(self, request, pk=None):
        """A rater group with its weight; the weights must sum to 100 before the cycle opens."""
        data = self._input(request, s.RaterGroupSerializer)
        row = services.rater_group_add(cycle=self.get_object(), acting_user=request.user, **data)
        return Response(s.RaterGroupSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=gettext_lazy("Issue ballot codes"),
        request=s.BallotIssueInput,
        responses={201: s.BallotCodesOutput, 400: REFUSED},
    )
    @action(detail=True, methods=["post"])
    def ballots(self, request, pk=None):
        """`count` one-time codes for a rater group, answered here once and never again
        (`cycle_closed` once the cycle is closed)."""
        cycle = self.get_object()
        data = self._input(request, s.BallotIssueInput)
        group = get_object_or_404(cycle.rater_groups, pk=data["group"])
        codes = ballot_services.ballots_issue(
            cycle=cycle, group=group, count=data["count"], acting_user=request.user
        )
        return Response({"codes": codes}, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=gettext_lazy("Show ballot progress"), responses={200: s.GroupProgressSerializer(many=True)}
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def progress(self, request, pk=None):
        """Per rater group: codes issued and ballots returned."""
        return Response(s.GroupProgressSerializer(ballot_progress(cycle=self.get_object()), many=True).data)

    def _step(self, request, step):
        if not request.user.has_perm("appraisal.change_appraisalcycle"):
            raise exceptions.PermissionDenied()
        return self._fresh(step(cycle=self.get_object(), acting_user=request.user))

    @extend_schema(
        summary=gettext_lazy("Open a cycle"), request=None, responses={200: s.CycleSerializer, 400: REFUSED}
    )
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        """draft → open; refused with `weights_not_100` (field `indicators` or `rater_groups`) or
        `no_participants`."""
        return self._step(request, services.cycle_open)

    @extend_schema(
        summary=gettext_lazy("Close a cycle"), request=None, responses={200: s.CycleSerializer, 400: REFUSED}
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """open → closed: no more ballots."""
        return self._step(request, services.cycle_close)

    @extend_schema(
        summary=gettext_lazy("Show a cycle's results"), responses={200: s.ResultSerializer(many=True)}
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def results(self, request, pk=None):
        """Per participant: group means, composite, rank, proposed grade and its reasons (ceilings,
        the 优秀 quota, the tie rule at the cut: all tied at the cut fall below it)."""
        cycle = self.get_object()
        if not may_see(request.user, APPRAISAL_GRADES):
            raise exceptions.PermissionDenied()
        return Response(s.ResultSerializer(cycle_results(cycle=cycle).rows, many=True).data)

    @extend_schema(
        summary=gettext_lazy("Confirm a cycle's grades"),
        request=s.ConfirmInput,
        responses={200: s.CycleSerializer, 400: REFUSED},
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """closed → confirmed: `grades` overrides (each with a reason), the others take their
        proposed grade; `excellent_quota_exceeded`, `above_ceiling`, `reason_required`. An annual
        cycle writes the yearly grades."""
        data = self._input(request, s.ConfirmInput)
        return self._step(
            request,
            lambda **kw: cycle_confirm(grades=data.get("grades", []), teams=data.get("teams", []), **kw),
        )


class BallotThrottle(AnonRateThrottle):
    """The code is the only credential: a guesser gets few tries a minute from one address."""

    scope = "ballot"
    rate = "30/minute"


class BallotSubmitView(APIView):
    """The ballot box, without a login: the code is the only credential."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = [BallotThrottle]

    @extend_schema(
        summary=gettext_lazy("Submit a ballot"),
        request=s.BallotSubmitInput,
        responses={
            201: s.BallotRecordedOutput,
            400: OpenApiResponse(description="`ballot_invalid` (unknown code), or a score refused."),
            409: OpenApiResponse(description="`ballot_used`, `cycle_closed` or `cycle_not_open`."),
            429: OpenApiResponse(description="Too many tries from this address."),
        },
    )
    def post(self, request):
        data = s.BallotSubmitInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            ballot_services.ballot_submit(acting_user=public_actor(), **data.validated_data)
        except ValidationError as exc:
            code = next(e.code for errors in exc.error_dict.values() for e in errors)
            if code in ballot_services.CONFLICT_CODES:
                raise Conflict(exc.messages[0], code=code) from None
            raise
        return Response({"recorded": True}, status=status.HTTP_201_CREATED)
