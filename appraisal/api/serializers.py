from rest_framework import serializers

from appraisal.models import AppraisalResult
from cadres.models import Cadre
from core.api.scoping import ScopedPrimaryKeyRelatedField


class AppraisalResultSerializer(serializers.ModelSerializer):
    cadre = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.all())

    class Meta:
        model = AppraisalResult
        fields = ["id", "cadre", "year", "grade", "note"]
