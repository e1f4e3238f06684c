"""The case API (立案审查): discipline staff and administrators only."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action

from core.scope import scoped
from oversight.api import case_serializers as s
from oversight.api.complaint_views import REFUSED
from oversight.api.steps import StepViewMixin
from oversight.models import Case, CaseNote
from oversight.services import cases as services


class CaseViewSet(StepViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Cases. A case from a complaint needs the complaint under preliminary check
    (`not_a_preliminary_check`) and the cadre named in it (`not_a_subject`)."""

    serializer_class = s.CaseSerializer
    queryset = Case.objects.none()  # the model, for the permission class and the schema
    filterset_fields = ["state", "outcome", "form", "cadre"]
    ordering_fields = ["opened_on", "decided_on"]

    def get_queryset(self):
        notes = Prefetch("notes", queryset=CaseNote.objects.select_related("written_by"))
        return scoped(self.request.user, Case.objects.select_related("cadre").prefetch_related(notes))

    @extend_schema(request=s.CaseInput, responses={201: s.CaseSerializer, **REFUSED})
    def create(self, request):
        data = self._input(request, s.CaseInput)
        case = services.case_open(
            cadre=data["cadre"],
            complaint=data.get("complaint"),
            opened_on=data["opened_on"],
            acting_user=request.user,
        )
        return self._answer(case, status=201)

    @extend_schema(
        summary=gettext_lazy("Add an investigation note"),
        request=s.NoteInput,
        responses={200: s.CaseSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def notes(self, request, pk=None):
        data = self._input(request, s.NoteInput)
        services.case_note_add(case=self.get_object(), text=data["text"], acting_user=request.user)
        return self._answer(self.get_object())

    @extend_schema(
        summary=gettext_lazy("Conclude a case"),
        request=s.CaseConcludeInput,
        responses={200: s.CaseSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        """结案: `sanction` and `measure` create the Sanction (its effect period blocks promotion);
        `excused` (三个区分开来) needs its reasoning and creates none. Refused with `form_mismatch`,
        `not_a_measure`, `not_a_sanction`, `no_sanction_for_outcome`, `already_concluded`."""
        data = self._input(request, s.CaseConcludeInput)
        case = services.case_conclude(case=self.get_object(), acting_user=request.user, **data)
        return self._answer(case)
