"""The selection workflow, eligibility, the reserve pool and what falls due."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from cadres.api import selection_serializers as s
from cadres.models import Objection, ReserveCadre
from cadres.selectors.due import KINDS, due_items
from cadres.selectors.eligibility import cadre_eligibility, reasons_as_data
from cadres.selectors.selection import reserve_eligibility, selection_detail_queryset, selections_visible
from cadres.services import selection as services
from cadres.services.reserve import reserve_save
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
    return Response({"eligible": result.eligible, "reasons": reasons_as_data(result)})


class SelectionViewSet(
    ScopedQuerysetMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Selection processes (选拔任用) for one post each, through the steps of the 2019 regulations.
    A step out of order is refused with 400 and code `step_out_of_order`."""

    filterset_fields = ["state", "post"]

    def get_queryset(self):
        if self.action == "list":
            return selections_visible(user=self.request.user)
        return selection_detail_queryset(user=self.request.user)

    def get_serializer_class(self):
        return s.SelectionSerializer if self.action in ("list", "create") else s.SelectionDetailSerializer

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.selection_start(
            post=data["post"],
            analysis=data.get("analysis", ""),
            method=data.get("method", ""),
            acting_user=self.request.user,
        )

    def _step(self, request, input_class, run):
        process = self.get_object()
        if not request.user.has_perm("cadres.change_selectionprocess"):
            raise PermissionDenied()
        data = input_class(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        run(process, data.validated_data)
        fresh = selection_detail_queryset(user=request.user).get(pk=process.pk)
        return Response(s.SelectionDetailSerializer(fresh, context=self.get_serializer_context()).data)

    @extend_schema(request=s.RecommendationInput, responses={200: s.SelectionDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def recommendation(self, request, pk=None):
        """民主推荐: meeting or talk recommendation with the votes per person."""
        return self._step(
            request,
            s.RecommendationInput,
            lambda p, d: services.selection_record_recommendation(
                process=p,
                kind=d["kind"],
                participants=d["participants"],
                votes=[(v["cadre"], v["count"]) for v in d["votes"]],
                acting_user=request.user,
            ),
        )

    @extend_schema(request=s.CandidateInput, responses={200: s.SelectionDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def candidates(self, request, pk=None):
        """确定考察对象: refused with `ineligible` and the reasons unless `override_reason` is given."""
        return self._step(
            request,
            s.CandidateInput,
            lambda p, d: services.selection_add_candidate(
                process=p, cadre=d["cadre"], override_reason=d["override_reason"], acting_user=request.user
            ),
        )

    @extend_schema(request=s.CheckInput, responses={200: s.SelectionDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def checks(self, request, pk=None):
        """考察: one of the four musts (凡提四必) for a candidate."""
        return self._step(
            request,
            s.CheckInput,
            lambda p, d: services.selection_record_check(
                process=p,
                cadre=d["cadre"],
                kind=d["check"],
                result=d["result"],
                note=d["note"],
                acting_user=request.user,
            ),
        )

    @extend_schema(request=s.DecisionInput, responses={200: s.SelectionDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def decision(self, request, pk=None):
        """讨论决定: `four_musts_open`, `quorum_not_met` or `votes_insufficient` when refused."""
        return self._step(
            request,
            s.DecisionInput,
            lambda p, d: services.selection_decide(
                process=p,
                members_total=d["members_total"],
                members_present=d["members_present"],
                votes=[(v["cadre"], v["votes_for"]) for v in d["votes"]],
                decision_date=d.get("decision_date"),
                acting_user=request.user,
            ),
        )

    @extend_schema(request=s.NoticeInput, responses={200: s.NoticeOutput, **ERRORS})
    @action(detail=True, methods=["post"])
    def notice(self, request, pk=None):
        """任前公示: the answer gives `end_date`, the 5th working day counted from the start."""
        process = self.get_object()
        if not request.user.has_perm("cadres.change_selectionprocess"):
            raise PermissionDenied()
        data = s.NoticeInput(data=request.data)
        data.is_valid(raise_exception=True)
        process = services.selection_start_notice(
            process=process, start_date=data.validated_data["start_date"], acting_user=request.user
        )
        return Response(s.NoticeOutput(process).data)

    @extend_schema(request=s.ObjectionInput, responses={200: s.SelectionDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def objections(self, request, pk=None):
        """An objection during the notice pauses the process until it is resolved."""
        return self._step(
            request,
            s.ObjectionInput,
            lambda p, d: services.selection_record_objection(
                process=p,
                cadre=d["cadre"],
                content=d["content"],
                received_date=d["received_date"],
                acting_user=request.user,
            ),
        )

    @extend_schema(request=s.ObjectionResolveInput, responses={200: s.SelectionDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path=r"objections/(?P<objection_id>\d+)/resolve")
    def resolve_objection(self, request, pk=None, objection_id=None):
        def run(process, d):
            objection = get_object_or_404(Objection, pk=objection_id, process=process)
            services.selection_resolve_objection(
                objection=objection,
                resolution=d["resolution"],
                upheld=d["upheld"],
                resolved_date=d["resolved_date"],
                acting_user=request.user,
            )

        return self._step(request, s.ObjectionResolveInput, run)

    @extend_schema(request=s.AppointInput, responses={200: s.SelectionDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def appoint(self, request, pk=None):
        """任职: only after the notice ended with no open objection (`notice_not_ended`, `objection_open`)."""
        return self._step(
            request,
            s.AppointInput,
            lambda p, d: services.selection_appoint(
                process=p,
                cadre=d["cadre"],
                document_no=d["document_no"],
                start_date=d["start_date"],
                acting_user=request.user,
            ),
        )

    @extend_schema(request=s.ProbationReviewInput, responses={200: s.SelectionDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="probation-review")
    def probation_review(self, request, pk=None):
        """试用期满考核: confirm, or reverse (the appointment ends)."""

        def run(process, d):
            if process.appointment is None:
                raise serializers.ValidationError({"result": "no appointment"}, code="no_probation")
            services.probation_review(
                appointment=process.appointment, result=d["result"], note=d["note"], acting_user=request.user
            )

        return self._step(request, s.ProbationReviewInput, run)


class ReserveCadreViewSet(ScopedQuerysetMixin, ServiceSaveMixin, viewsets.ModelViewSet):
    """The reserve pool (后备干部), with each reserve's eligibility against the posts of the target level."""

    queryset = ReserveCadre.objects.select_related("cadre", "target_level")
    serializer_class = s.ReserveCadreSerializer
    filterset_fields = ["target_level", "status"]

    service = staticmethod(reserve_save)
    service_kwarg = "reserve"

    @extend_schema(parameters=[AsOfQuerySerializer], responses=s.PostEligibilitySerializer(many=True))
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

    @extend_schema(parameters=[s.DueQuerySerializer], responses=s.DueItemSerializer(many=True))
    def get(self, request):
        params = s.DueQuerySerializer(data=request.query_params, context={"request": request})
        params.is_valid(raise_exception=True)
        data = params.validated_data
        kinds = [data["kind"]] if data.get("kind") else KINDS
        items = due_items(
            user=request.user, on=timezone.localdate(), days=data["days"], kinds=kinds, unit=data.get("unit")
        )
        return Response(s.DueItemSerializer(items, many=True).data)
