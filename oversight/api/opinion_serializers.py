"""Shapes of the integrity opinion API; the draft (which counts complaints) is for discipline staff."""

from rest_framework import serializers

from cadres.models import Cadre, SelectionProcess
from core.api.scoping import ScopedPrimaryKeyRelatedField
from core.visibility import COMPLAINTS, may_see
from oversight.choices import OpinionVerdict
from oversight.models import IntegrityOpinion


class OpinionSerializer(serializers.ModelSerializer):
    cadre_name = serializers.CharField(source="cadre.name", read_only=True)
    draft = serializers.SerializerMethodField(help_text="Discipline staff only; empty for others.")

    class Meta:
        model = IntegrityOpinion
        fields = [
            "id",
            "cadre",
            "cadre_name",
            "selection",
            "state",
            "requested_on",
            "draft",
            "opinion",
            "text",
            "answered_on",
        ]
        read_only_fields = fields

    def get_draft(self, opinion) -> str:
        return opinion.draft if may_see(self.context["request"].user, COMPLAINTS) else ""


class OpinionInput(serializers.Serializer):
    cadre = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.select_related("unit"))
    selection = ScopedPrimaryKeyRelatedField(
        queryset=SelectionProcess.objects.all(), required=False, allow_null=True
    )


class AnswerInput(serializers.Serializer):
    opinion = serializers.ChoiceField(choices=OpinionVerdict.choices)
    text = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
