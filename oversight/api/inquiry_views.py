"""The letter inquiry API (函询): discipline staff and administrators only."""

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action

from core.scope import scoped
from oversight.api import inquiry_serializers as s
from oversight.api.complaint_views import REFUSED
from oversight.api.steps import StepViewMixin
from oversight.models import LetterInquiry
from oversight.services import inquiries as services


class LetterInquiryViewSet(
    StepViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.InquirySerializer
    queryset = LetterInquiry.objects.none()  # the model, for the permission class and the schema
    filterset_fields = ["state", "cadre", "complaint"]
    ordering_fields = ["sent_on"]

    def get_queryset(self):
        return scoped(self.request.user, LetterInquiry.objects.select_related("cadre"))

    @extend_schema(request=s.InquiryInput, responses={201: s.InquirySerializer, **REFUSED})
    def create(self, request):
        data = self._input(request, s.InquiryInput)
        inquiry = services.inquiry_send(
            cadre=data["cadre"],
            complaint=data.get("complaint"),
            sent_on=data["sent_on"],
            letter=data["letter"],
            acting_user=request.user,
        )
        return self._answer(inquiry, status=201)

    @extend_schema(
        summary=gettext_lazy("Record the written reply"),
        request=s.ReplyInput,
        responses={200: s.InquirySerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        data = self._input(request, s.ReplyInput)
        return self._answer(
            services.inquiry_reply(inquiry=self.get_object(), acting_user=request.user, **data)
        )

    @extend_schema(
        summary=gettext_lazy("Conclude a letter inquiry"),
        request=s.InquiryConcludeInput,
        responses={200: s.InquirySerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        data = self._input(request, s.InquiryConcludeInput)
        return self._answer(
            services.inquiry_conclude(inquiry=self.get_object(), acting_user=request.user, **data)
        )
