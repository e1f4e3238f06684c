from rest_framework import serializers

from cadres.models import Cadre
from core.api.scoping import ScopedPrimaryKeyRelatedField
from oversight.models import Sanction


class SanctionSerializer(serializers.ModelSerializer):
    cadre = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.all())

    class Meta:
        model = Sanction
        fields = [
            "id",
            "cadre",
            "kind",
            "decision_date",
            "document_no",
            "reason",
            "effect_end",
            "no_higher_post_end",
        ]
        read_only_fields = ["effect_end", "no_higher_post_end"]
