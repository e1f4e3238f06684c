from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter

from appraisal.models import (
    AppraisalCycle,
    AppraisalResult,
    CareTalk,
    Commendation,
    Consequence,
    HealthCheck,
    Visit,
)
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


class CommendationFilter(FilterSet):
    year = RangedNumberFilter(field_name="awarded_on__year", label=_("year"), bounds=ranges.YEAR)

    class Meta:
        model = Commendation
        fields = ["scope", "cadre", "unit", "category", "kind", "level", "timing", "year"]


class ConsequenceFilter(FilterSet):
    year = RangedNumberFilter(label=_("year"), bounds=ranges.YEAR)
    open = BooleanFilter(field_name="closed_on", lookup_expr="isnull", label=_("open"))

    class Meta:
        model = Consequence
        fields = ["cadre", "kind", "year", "outcome", "open"]


class CareTalkFilter(FilterSet):
    year = RangedNumberFilter(field_name="talked_on__year", label=_("year"), bounds=ranges.YEAR)

    class Meta:
        model = CareTalk
        fields = ["talker", "talkee", "kind", "year"]


class VisitFilter(FilterSet):
    year = RangedNumberFilter(field_name="visited_on__year", label=_("year"), bounds=ranges.YEAR)

    class Meta:
        model = Visit
        fields = ["cadre", "occasion", "year"]


class HealthCheckFilter(FilterSet):
    year = RangedNumberFilter(field_name="round__year", label=_("year"), bounds=ranges.YEAR)
    done = BooleanFilter(field_name="done_on", lookup_expr="isnull", exclude=True, label=_("done"))

    class Meta:
        model = HealthCheck
        fields = ["cadre", "year", "done"]
