from rest_framework import viewsets

from core.api.scoping import ScopedQuerysetMixin
from core.api.views import ServiceSaveMixin
from oversight.api.serializers import SanctionSerializer
from oversight.models import Sanction
from oversight.services import sanction_save


class SanctionViewSet(ScopedQuerysetMixin, ServiceSaveMixin, viewsets.ModelViewSet):
    """Sanctions and organisational measures (处分 / 组织处理); `effect_end` follows the effect-period
    table. Visible to HR, discipline staff and administrators only."""

    queryset = Sanction.objects.select_related("cadre")
    serializer_class = SanctionSerializer
    filterset_fields = ["cadre", "kind"]
    ordering_fields = ["decision_date", "effect_end"]
    service = staticmethod(sanction_save)
    service_kwarg = "sanction"
