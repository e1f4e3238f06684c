"""Shapes of the case API."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cadres.models import Cadre
from core.api.fields import RangedDateField
from core.api.scoping import ScopedPrimaryKeyRelatedField
from oversight.choices import CaseOutcome, FourForm, SanctionKind
from oversight.models import Case, CaseNote, Complaint
from oversight.selectors.complaints import complaints_visible


class VisibleComplaintField(serializers.PrimaryKeyRelatedField):
    """A complaint the user may see (in scope, not recused)."""

    def get_queryset(self):
        return complaints_visible(user=self.context["request"].user)


class NoteSerializer(serializers.ModelSerializer):
    written_by = serializers.CharField(source="written_by.display_name", read_only=True)

    class Meta:
        model = CaseNote
        fields = ["id", "text", "written_by", "written_at"]
        read_only_fields = fields


class CaseSerializer(serializers.ModelSerializer):
    cadre_name = serializers.CharField(source="cadre.name", read_only=True)
    notes = NoteSerializer(many=True, read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "cadre",
            "cadre_name",
            "complaint",
            "opened_on",
            "state",
            "outcome",
            "form",
            "sanction_kind",
            "decided_on",
            "reason",
            "sanction",
            "notes",
        ]
        read_only_fields = fields


class CaseInput(serializers.Serializer):
    cadre = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.select_related("unit"))
    complaint = VisibleComplaintField(queryset=Complaint.objects.all(), required=False, allow_null=True)
    opened_on = RangedDateField(label=_("opened on"))


class NoteInput(serializers.Serializer):
    text = serializers.CharField(max_length=20000)


class CaseConcludeInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=CaseOutcome.choices)
    form = serializers.ChoiceField(choices=FourForm.choices, help_text="The four forms (四种形态), 1–4.")
    sanction_kind = serializers.ChoiceField(
        choices=SanctionKind.choices, required=False, allow_blank=True, default=""
    )
    decided_on = RangedDateField(label=_("decided on"))
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
