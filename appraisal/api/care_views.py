"""Endpoints of 能上能下, commendations and care: talks and their coverage, visits, health checks."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from appraisal.api import care_serializers as s
from appraisal.api.filters import (
    CareTalkFilter,
    CommendationFilter,
    ConsequenceFilter,
    HealthCheckFilter,
    VisitFilter,
)
from appraisal.models import CareTalk, Commendation, HealthCheck, HealthCheckRound, Visit
from appraisal.models import Consequence as ConsequenceModel
from appraisal.selectors.care import (
    care_talk_list,
    health_check_list,
    health_check_round_list,
    notes_visible,
    talk_coverage,
    visit_list,
)
from appraisal.selectors.commendations import commendation_list
from appraisal.selectors.consequences import consequence_list
from appraisal.services import care as care_services
from appraisal.services.commendations import commendation_save
from appraisal.services.consequences import consequence_close
from core.api.views import ServiceSaveMixin
from core.errors import RuleViolation

REFUSED = OpenApiResponse(description='{"code", "message", "fields"}: refused, with a stable code')


def _user(view):
    return None if getattr(view, "swagger_fake_view", False) else view.request.user


class CommendationViewSet(ServiceSaveMixin, viewsets.ModelViewSet):
    """Commendations (表彰): individual (`cadre`) or collective (`unit` only); category, kind
    (material, honour), level, regular or timely (及时奖励). An individual one is listed in the
    cadre's 奖惩情况, in the .lrmx file and on the printed form. `cadre_scope_mismatch`,
    `cadre_required`, `unit_required`, `date_ahead`."""

    serializer_class = s.CommendationSerializer
    filterset_class = CommendationFilter
    queryset = Commendation.objects.none()
    service = staticmethod(commendation_save)
    service_kwarg = "commendation"

    def get_queryset(self):
        return commendation_list(user=_user(self))


class ConsequenceViewSet(viewsets.ReadOnlyModelViewSet):
    """能上能下: what the yearly grades call for (不称职; 基本称职 two years running: adjust; 优秀 three
    years running: commend), with the grades that caused it; raised by the system, closed by HR."""

    serializer_class = s.ConsequenceSerializer
    filterset_class = ConsequenceFilter
    queryset = ConsequenceModel.objects.none()

    def get_queryset(self):
        return consequence_list(user=_user(self))

    @extend_schema(
        summary=gettext_lazy("Close an item with what was done"),
        request=s.ConsequenceCloseInput,
        responses={200: s.ConsequenceSerializer, 400: REFUSED},
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """`already_closed`, `outcome_not_allowed`, `date_ahead`, `commendation_of_another_cadre`."""
        data = s.ConsequenceCloseInput(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        row = consequence_close(
            consequence=self.get_object(), acting_user=request.user, **data.validated_data
        )
        return Response(s.ConsequenceSerializer(self.get_queryset().get(pk=row.pk)).data)


class CareTalkViewSet(ServiceSaveMixin, viewsets.ModelViewSet):
    """Heart-to-heart talks (谈心谈话): who with whom, when, kind; the notes (topics, follow-up)
    only for roles that may read them. `date_ahead`, `same_person`."""

    serializer_class = s.CareTalkSerializer
    filterset_class = CareTalkFilter
    queryset = CareTalk.objects.none()
    service = staticmethod(care_services.care_talk_save)
    service_kwarg = "talk"

    def get_queryset(self):
        return care_talk_list(user=_user(self))

    def get_serializer_context(self):
        user = _user(self)
        return super().get_serializer_context() | {
            "notes_visible": user is not None and notes_visible(user=user)
        }

    @extend_schema(
        summary=gettext_lazy("Show the year's talk coverage"),
        parameters=[OpenApiParameter("year", int, required=True, description="1900 – 2100")],
        responses={200: s.CoverageSerializer, 400: REFUSED},
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def coverage(self, request):
        """The pairs the party committee owes a talk in `year` (the secretary with each committee
        member, members among themselves, each member with the heads of the units overseen, heads
        with their deputies), from the org tree and who holds the leadership posts, each with
        whether and when they talked; in the caller's scope. A later year is `year_ahead`."""
        query = s.CoverageQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        year, today = query.validated_data["year"], timezone.localdate()
        if year > today.year:
            raise RuleViolation("year", _("The year has not begun."), "year_ahead")
        return Response(s.CoverageSerializer(talk_coverage(user=request.user, year=year, on=today)).data)


class VisitViewSet(ServiceSaveMixin, viewsets.ModelViewSet):
    """Visits (走访慰问): whom, occasion (illness, bereavement, festival, retirement), when, by whom,
    what was given. `date_ahead`."""

    serializer_class = s.VisitSerializer
    filterset_class = VisitFilter
    queryset = Visit.objects.none()
    service = staticmethod(care_services.visit_save)
    service_kwarg = "visit"

    def get_queryset(self):
        return visit_list(user=_user(self))


class HealthCheckRoundViewSet(
    mixins.CreateModelMixin, mixins.RetrieveModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """The year's health check (体检) as arranged; arranging it makes the list of every serving
    cadre (a job, at commit). `year_ahead`; one per year (`unique`)."""

    serializer_class = s.HealthCheckRoundSerializer
    queryset = HealthCheckRound.objects.none()
    filter_backends = []

    def get_queryset(self):
        return health_check_round_list() if _user(self) is not None else HealthCheckRound.objects.none()

    def perform_create(self, serializer):
        row = care_services.health_check_round_arrange(
            check_round=HealthCheckRound(**serializer.validated_data), acting_user=self.request.user
        )
        serializer.instance = self.get_queryset().get(pk=row.pk)


class HealthCheckViewSet(
    mixins.UpdateModelMixin, mixins.RetrieveModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """The yearly list (体检): each cadre done or not, and the day — no medical content. Mark one
    with `done_on` (a day of the round's year, not ahead: `other_year`, `date_ahead`) or null."""

    serializer_class = s.HealthCheckSerializer
    filterset_class = HealthCheckFilter
    queryset = HealthCheck.objects.none()

    def get_queryset(self):
        return health_check_list(user=_user(self))

    def perform_update(self, serializer):
        row = care_services.health_check_mark(
            check=serializer.instance,
            done_on=serializer.validated_data.get("done_on", serializer.instance.done_on),
            acting_user=self.request.user,
        )
        serializer.instance = self.get_queryset().get(pk=row.pk)
