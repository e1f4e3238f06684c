from rest_framework import viewsets

from appraisal.api.filters import AppraisalResultFilter
from appraisal.api.serializers import AppraisalResultSerializer
from appraisal.models import AppraisalResult
from appraisal.services import appraisal_result_save
from core.api.scoping import ScopedQuerysetMixin
from core.api.views import ServiceSaveMixin


class AppraisalResultViewSet(ScopedQuerysetMixin, ServiceSaveMixin, viewsets.ModelViewSet):
    """Yearly appraisal results (年度考核结果): 优秀 / 称职 / 基本称职 / 不称职."""

    queryset = AppraisalResult.objects.select_related("cadre")
    serializer_class = AppraisalResultSerializer
    filterset_class = AppraisalResultFilter
    service = staticmethod(appraisal_result_save)
    service_kwarg = "result"
