"""The selection workflow, eligibility, the reserve pool and what falls due."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from cadres.api import selection_serializers as s
from cadres.models import Objection, ReserveCadre
from cadres.selectors.due import due_items
from cadres.selectors.eligibility import cadre_eligibility, reasons_as_data
from cadres.selectors.exceptional import relaxable_codes
from cadres.selectors.selection import (
    reserve_eligibility,
    selection_detail_queryset,
    selection_start_warnings,
    selections_visible,
)
from cadres.services import selection as services
from cadres.services.reserve import reserve_save
from cadres.services.selection_steps import selection_step_run
from core.api.fields import AsOfQuerySerializer, as_of
from core.api.permissions import perm_required
from core.api.scoping import ScopedQuerysetMixin
from core.api.views import ServiceSaveMixin

ERRORS = {
    400: OpenApiResponse(description='{"code", "message", "fields"}: the step was refused, with the reason')
}


def eligibility_response(request, cadre):
    if not request.user.has_perm("cadres.view_selectionprocess"):
        raise PermissionDenied()
    query = s.EligibilityQuerySerializer(data=request.query_params, context={"request": request})
    query.is_valid(raise_exception=True)
    on = query.validated_data.get("on") or timezone.localdate()
    result = cadre_eligibility(cadre=cadre, post=query.validated_data["post"], on=on)
    reasons = reasons_as_data(result, relaxable=relaxable_codes(), user=request.user)
    return Response({"eligible": result.eligible, "reasons": reasons})


class SelectionViewSet(
    ScopedQuerysetMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Selection processes (选拔任用) for one post each, through the steps of the 2019 regulations.
    A step out of order is refused with 400 and code `step_out_of_order`. Every step takes its
    date (`date`, or `decision_date`, `start_date`, `received_date`, `resolved_date`; today when
    left out): after today is refused with `date_in_future` (an appointment may start later), and
    out of the order recommendation ≤ candidates ≤ checks ≤ decision ≤ notice start, objections
    within the notice, appointment after its end, with `step_date_out_of_order` and both dates
    (`date`, `previous`)."""

    filterset_fields = ["state", "post"]

    def get_queryset(self):
        if self.action == "list":
            return selections_visible(user=self.request.user)
        return selection_detail_queryset(user=self.request.user)

    def get_serializer_class(self):
        return s.SelectionSerializer if self.action in ("list", "create") else s.SelectionDetailSerializer

    @extend_schema(
        summary=gettext_lazy("Start a selection"),
        request=s.SelectionSerializer,
        responses={201: s.SelectionStartedSerializer, **ERRORS},
    )
    def create(self, request, *args, **kwargs):
        """分析研判和动议: `selection_open` while a process for the post is under way. A post someone
        holds needs `vacancy_date` (`vacancy_date_required`; not before today: `vacancy_date_past`).
        The answer carries `warnings`: `post_held` and `quota_full`."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        process = services.selection_start(
            post=data["post"],
            analysis=data.get("analysis", ""),
            method=data.get("method", ""),
            vacancy_date=data.get("vacancy_date"),
            acting_user=request.user,
        )
        process.warnings = selection_start_warnings(user=request.user, process=process)
        body = s.SelectionStartedSerializer(process, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    def _step(self, request, input_class, step, *, vote_key=None, **extra):
        """Run `step` (cadres.services.selection_steps) with the input validated by `input_class`."""
        process = self.get_object()
        if not request.user.has_perm("cadres.change_selectionprocess"):
            raise PermissionDenied()
        data = input_class(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data) | extra
        if vote_key:
            values["votes"] = [(v["cadre"], v[vote_key]) for v in values["votes"]]
        result = selection_step_run(process=process, step=step, data=values, acting_user=request.user)
        if step == "notice":
            return Response(s.NoticeOutput(result).data)
        fresh = selection_detail_queryset(user=request.user).get(pk=process.pk)
        return Response(s.SelectionDetailSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(
        summary=gettext_lazy("Record a democratic recommendation"),
        request=s.RecommendationInput,
        responses={200: s.SelectionDetailSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def recommendation(self, request, pk=None):
        """民主推荐: meeting or talk recommendation with the votes per person."""
        return self._step(request, s.RecommendationInput, "recommendation", vote_key="count")

    @extend_schema(
        summary=gettext_lazy("Add an inspection candidate"),
        request=s.CandidateInput,
        responses={200: s.SelectionDetailSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def candidates(self, request, pk=None):
        """确定考察对象: refused with `ineligible` and the reasons while a rule blocks, unless an
        exceptional promotion (破格) is requested with `override_reason` and `override_document` (the
        higher organisation department's consent). Each reason says whether it is `relaxable`.
        An override is refused with `not_relaxable` (and `codes`) when a block may not be relaxed
        (effect periods, age limit, appraisal, recusal, party standing, ...), with
        `break_rule_probation` (on probation or promoted less than a year ago), `break_rule_twice`
        (tenure relaxed at the previous promotion too) or `break_rule_two_levels` (skips two
        levels), with `override_reason_required` / `override_document_required` when one is
        missing, and with `override_not_needed` for an eligible cadre."""
        return self._step(request, s.CandidateInput, "candidates")

    @extend_schema(
        summary=gettext_lazy("Record one of the four musts"),
        request=s.CheckInput,
        responses={200: s.SelectionDetailSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def checks(self, request, pk=None):
        """考察: one of the four musts (凡提四必) for a candidate."""
        return self._step(request, s.CheckInput, "checks")

    @extend_schema(
        summary=gettext_lazy("Record the committee decision"),
        request=s.DecisionInput,
        responses={200: s.SelectionDetailSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def decision(self, request, pk=None):
        """讨论决定: `four_musts_open`, `quorum_not_met` or `votes_insufficient` when refused. The post
        has one seat: of those reaching the majority the one with most votes is approved, the others
        are recorded as not approved; `tie_at_cut` when two tie for the seat (vote again).
        `ineligible` (with `reasons`) when the approved candidate is no longer eligible on the
        decision date beyond what the recorded 破格 relaxed."""
        return self._step(request, s.DecisionInput, "decision", vote_key="votes_for")

    @extend_schema(
        summary=gettext_lazy("Start the public notice"),
        request=s.NoticeInput,
        responses={200: s.NoticeOutput, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def notice(self, request, pk=None):
        """任前公示: the answer gives `end_date`, the 5th working day counted from the start."""
        return self._step(request, s.NoticeInput, "notice")

    @extend_schema(
        summary=gettext_lazy("Record an objection"),
        request=s.ObjectionInput,
        responses={200: s.SelectionDetailSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def objections(self, request, pk=None):
        """An objection during the notice pauses the process until it is resolved."""
        return self._step(request, s.ObjectionInput, "objections")

    @extend_schema(
        summary=gettext_lazy("Resolve an objection"),
        request=s.ObjectionResolveInput,
        responses={200: s.SelectionDetailSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path=r"objections/(?P<objection_id>\d+)/resolve")
    def resolve_objection(self, request, pk=None, objection_id=None):
        objection = get_object_or_404(Objection, pk=objection_id, process=self.get_object())
        return self._step(request, s.ObjectionResolveInput, "resolve", objection=objection)

    @extend_schema(
        summary=gettext_lazy("Appoint the approved candidate"),
        request=s.AppointInput,
        responses={200: s.SelectionDetailSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def appoint(self, request, pk=None):
        """任职: only after the notice ended with no open objection (`notice_not_ended`, `objection_open`),
        for an approved candidate (`not_approved`) still eligible on the start date beyond what the
        recorded 破格 relaxed (`ineligible`, with `reasons`)."""
        return self._step(request, s.AppointInput, "appoint")

    @extend_schema(
        summary=gettext_lazy("Withdraw the process"),
        request=s.WithdrawInput,
        responses={200: s.SelectionDetailSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Ends a process under way with the `reason` (kept in the process record); refused with
        `step_out_of_order` once it is appointed, closed or withdrawn. A new selection may then start."""
        return self._step(request, s.WithdrawInput, "withdraw")

    @extend_schema(
        summary=gettext_lazy("Review the probation"),
        request=s.ProbationReviewInput,
        responses={200: s.SelectionDetailSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="probation-review")
    def probation_review(self, request, pk=None):
        """试用期满考核: confirm, or reverse (the appointment ends)."""
        return self._step(request, s.ProbationReviewInput, "probation")


class ReserveCadreViewSet(ScopedQuerysetMixin, ServiceSaveMixin, viewsets.ModelViewSet):
    """The reserve pool (后备干部), with each reserve's eligibility against the posts of the target level."""

    queryset = ReserveCadre.objects.select_related("cadre", "target_level")
    serializer_class = s.ReserveCadreSerializer
    filterset_fields = ["target_level", "status"]

    service = staticmethod(reserve_save)
    service_kwarg = "reserve"

    @extend_schema(
        summary=gettext_lazy("Check a reserve cadre's eligibility for posts"),
        parameters=[AsOfQuerySerializer],
        responses=s.PostEligibilitySerializer(many=True),
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def eligibility(self, request, pk=None):
        reserve = self.get_object()
        on = as_of(request)
        rows = reserve_eligibility(user=request.user, reserve=reserve, on=on)
        return Response(s.PostEligibilitySerializer(rows, many=True).data)


class DueView(APIView):
    """What falls due in the next `days` days: terms, probation, rotation, retirement, effect periods
    and public notices."""

    permission_classes = [perm_required("cadres.view_appointment")]

    @extend_schema(
        summary=gettext_lazy("List the due reminders"),
        parameters=[s.DueQuerySerializer],
        responses=s.DueItemSerializer(many=True),
    )
    def get(self, request):
        params = s.DueQuerySerializer(data=request.query_params, context={"request": request})
        params.is_valid(raise_exception=True)
        data = params.validated_data
        kinds = [data["kind"]] if data.get("kind") else None
        items = due_items(
            user=request.user, on=timezone.localdate(), days=data["days"], kinds=kinds, unit=data.get("unit")
        )
        return Response(s.DueItemSerializer(items, many=True).data)
