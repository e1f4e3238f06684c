from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cadres.api.cadre_serializers import (
    AppointmentSerializer,
    CadreDetailSerializer,
    CadreSaveErrorSerializer,
    CadreSerializer,
)
from cadres.api.selection_serializers import EligibilityQuerySerializer, EligibilitySerializer
from cadres.api.selection_views import eligibility_response
from cadres.filters import CadreFilter
from cadres.models import Appointment, Cadre
from cadres.selectors.cadres import cadres_visible
from cadres.services import appointment_save, cadre_save
from cadres.services.reads import log_full_id_numbers
from cadres.signals import NAMESPACE
from core.api.scoping import ScopedQuerysetMixin
from core.models import ReadChannel

_SAVE_ERRORS = {
    400: OpenApiResponse(
        CadreSaveErrorSerializer,
        description="A field error; an impossible date (`date_in_future`, `before_birth`) on its field; or "
        "`confirmation_required` with the implausible dates under `warnings`, saved when the request is "
        "sent again with `confirm: true`.",
    )
}


@extend_schema_view(
    create=extend_schema(responses={201: CadreDetailSerializer, **_SAVE_ERRORS}),
    update=extend_schema(responses={200: CadreDetailSerializer, **_SAVE_ERRORS}),
    partial_update=extend_schema(responses={200: CadreDetailSerializer, **_SAVE_ERRORS}),
)
class CadreViewSet(viewsets.ModelViewSet):
    """Cadre records (干部) in the user's data scope. `?q=` searches name, pinyin initials,
    full pinyin, unit and post; the other parameters filter."""

    filterset_class = CadreFilter
    ordering_fields = ["name", "birth_date", "retirement_date"]
    search_fields = []
    count_cache_namespace = NAMESPACE  # the list's total, until a cadre or appointment changes
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        queryset = cadres_visible(user=self.request.user, on=timezone.localdate())
        if self.action == "retrieve":
            queryset = queryset.prefetch_related("family")
        return queryset.order_by("unit__path", "name", "id")

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = self.get_serializer().rows(queryset if page is None else page)
        return Response(rows) if page is None else self.get_paginated_response(rows)

    def get_serializer_class(self):
        return CadreSerializer if self.action == "list" else CadreDetailSerializer

    # Full ID numbers sent are sensitive reads (core.readlog): a list page is one entry, a record one.
    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None and self.action == "list":
            log_full_id_numbers(request=self.request, cadres=page, channel=ReadChannel.API)
        return page

    def get_object(self):
        cadre = super().get_object()
        if self.action in ("retrieve", "update", "partial_update"):  # the answer holds the record
            log_full_id_numbers(request=self.request, cadres=[cadre], channel=ReadChannel.API)
        return cadre

    def get_serializer_context(self):
        return super().get_serializer_context() | {"on": timezone.localdate()}

    @extend_schema(
        summary=gettext_lazy("Check a cadre's eligibility for a post"),
        parameters=[EligibilityQuerySerializer],
        responses=EligibilitySerializer,
    )
    @action(detail=True, methods=["get"])
    def eligibility(self, request, pk=None):
        """Every eligibility rule's reason for this cadre and post: code, block/warn, rule, figure applied."""
        return eligibility_response(request, self.get_object())

    def _save(self, serializer, cadre):
        data = dict(serializer.validated_data)
        family = data.pop("family", None)
        confirm = data.pop("confirm", False)
        for name, value in data.items():
            setattr(cadre, name, value)
        serializer.instance = cadre_save(
            cadre=cadre, acting_user=self.request.user, family=family, confirm=confirm
        )

    def perform_create(self, serializer):
        self._save(serializer, Cadre())

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)


class AppointmentViewSet(ScopedQuerysetMixin, viewsets.ModelViewSet):
    """Appointments (任职): cadre × post × [start_date, end_date). A post is one seat."""

    queryset = Appointment.objects.select_related("cadre", "post__unit", "post__level")
    serializer_class = AppointmentSerializer
    filterset_fields = ["cadre", "post", "kind", "is_primary"]
    ordering_fields = ["start_date", "end_date"]

    def _save(self, serializer, appointment):
        data = dict(serializer.validated_data)
        close_previous = data.pop("close_previous_primary", False)
        for name, value in data.items():
            setattr(appointment, name, value)
        serializer.instance = appointment_save(
            appointment=appointment, acting_user=self.request.user, close_previous_primary=close_previous
        )

    def perform_create(self, serializer):
        self._save(serializer, Appointment())

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)
