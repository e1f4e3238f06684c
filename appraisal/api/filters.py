from django.utils.translation import gettext_lazy as _

from appraisal.models import AppraisalCycle, AppraisalResult
from core import ranges
from core.filters import FilterSet, RangedNumberFilter


class AppraisalResultFilter(FilterSet):
    year = RangedNumberFilter(label=_("year"), bounds=ranges.YEAR)

    class Meta:
        model = AppraisalResult
        fields = ["cadre", "year", "grade"]


class AppraisalCycleFilter(FilterSet):
    year = RangedNumberFilter(label=_("year"), bounds=ranges.YEAR)

    class Meta:
        model = AppraisalCycle
        fields = ["kind", "state", "year"]
