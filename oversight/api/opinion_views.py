"""The integrity opinion API (廉政意见): HR asks and reads, discipline staff answer."""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied

from oversight.api import opinion_serializers as s
from oversight.api.complaint_views import REFUSED
from oversight.api.steps import StepViewMixin
from oversight.models import IntegrityOpinion
from oversight.selectors.opinions import opinions_visible
from oversight.services import opinions as services


class IntegrityOpinionViewSet(
    StepViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Integrity opinions. One is asked for with each inspection candidate of a selection; its
    answer closes the selection's 纪检监察机关意见必听 check (`state` on the candidate's `checks`)."""

    serializer_class = s.OpinionSerializer
    queryset = IntegrityOpinion.objects.none()  # the model, for the permission class and the schema
    filterset_fields = ["state", "opinion", "cadre", "selection"]
    ordering_fields = ["requested_on", "answered_on"]

    def get_queryset(self):
        return opinions_visible(user=self.request.user)

    @extend_schema(request=s.OpinionInput, responses={201: s.OpinionSerializer, **REFUSED})
    def create(self, request):
        """Ask for an opinion, ad hoc or for a selection's candidate (`not_a_candidate`,
        `already_requested`)."""
        data = self._input(request, s.OpinionInput)
        opinion = services.opinion_request(
            cadre=data["cadre"], selection=data.get("selection"), acting_user=request.user
        )
        return self._answer(opinion, status=201)

    @extend_schema(
        summary=gettext_lazy("Answer an integrity opinion"),
        request=s.AnswerInput,
        responses={200: s.OpinionSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        """Discipline staff only. An `objection` needs its `text` (`required`); once only
        (`already_answered`)."""
        if not request.user.has_perm("oversight.change_integrityopinion"):
            raise PermissionDenied()
        data = self._input(request, s.AnswerInput)
        opinion = services.opinion_answer(
            opinion=self.get_object(), verdict=data["opinion"], text=data["text"], acting_user=request.user
        )
        return self._answer(opinion)
