from rest_framework import viewsets

from core.api.scoping import ScopedQuerysetMixin
from core.api.views import ServiceSaveMixin
from core.models import ReadChannel
from oversight.api.serializers import SanctionSerializer
from oversight.models import Sanction
from oversight.services import sanction_save
from oversight.services.reads import log_sanctions


class SanctionViewSet(ScopedQuerysetMixin, ServiceSaveMixin, viewsets.ModelViewSet):
    """Sanctions and organisational measures (处分 / 组织处理); `effect_end` follows the effect-period
    table. Visible to HR, discipline staff and administrators only."""

    queryset = Sanction.objects.select_related("cadre")
    serializer_class = SanctionSerializer
    filterset_fields = ["cadre", "kind"]
    ordering_fields = ["decision_date", "effect_end"]
    service = staticmethod(sanction_save)
    service_kwarg = "sanction"

    # A sanction sent is a sensitive read (core.readlog): a list page is one entry, a record one.
    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None and self.action == "list":
            log_sanctions(
                user=self.request.user, sanctions=page, channel=ReadChannel.API, request=self.request
            )
        return page

    def get_object(self):
        sanction = super().get_object()
        if self.action in ("retrieve", "update", "partial_update"):  # the answer holds the record
            log_sanctions(
                user=self.request.user, sanctions=[sanction], channel=ReadChannel.API, request=self.request
            )
        return sanction
