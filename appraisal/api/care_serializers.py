"""Shapes of the commendation, consequence and care endpoints; the rules are the services'."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from appraisal.choices import ConsequenceOutcome
from appraisal.models import CareTalk, Commendation, Consequence, HealthCheck, HealthCheckRound, Visit
from cadres.models import Cadre, OrgUnit
from core import ranges
from core.api.fields import QuerySerializer, RangedDateField, RangedIntegerField
from core.api.scoping import ScopedPrimaryKeyRelatedField


class CommendationSerializer(serializers.ModelSerializer):
    cadre = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.all(), required=False, allow_null=True)
    unit = ScopedPrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(),
        required=False,
        help_text=_("The unit commended; for an individual commendation, set from the cadre."),
    )
    awarded_on = RangedDateField(label=_("awarded on"))
    cadre_name = serializers.CharField(source="cadre.name", read_only=True, default="")
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Commendation
        fields = [
            "id",
            "scope",
            "cadre",
            "cadre_name",
            "unit",
            "unit_name",
            "title",
            "category",
            "kind",
            "level",
            "timing",
            "awarded_on",
            "issuing_body",
            "document_no",
            "note",
        ]


class ConsequenceSerializer(serializers.ModelSerializer):
    cadre_name = serializers.CharField(source="cadre.name", read_only=True)
    unit_name = serializers.CharField(source="cadre.unit.name", read_only=True)
    grades = serializers.ListField(child=serializers.ListField(), read_only=True)

    class Meta:
        model = Consequence
        fields = [
            "id",
            "cadre",
            "cadre_name",
            "unit_name",
            "kind",
            "year",
            "grades",
            "raised_on",
            "outcome",
            "closed_on",
            "note",
            "commendation",
        ]
        read_only_fields = fields


class ConsequenceCloseInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=ConsequenceOutcome.choices)
    note = serializers.CharField(max_length=300, allow_blank=True, required=False, default="")
    closed_on = RangedDateField(required=False, allow_null=True, label=_("closed on"))
    commendation = ScopedPrimaryKeyRelatedField(
        queryset=Commendation.objects.all(), required=False, allow_null=True
    )


class CareTalkSerializer(serializers.ModelSerializer):
    """`topics` and `follow_up` are the talk's notes: empty, with `notes_hidden`, for a role that
    may not read them (core.visibility.CARE_TALK_NOTES)."""

    talker = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.all())
    talkee = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.all())
    talked_on = RangedDateField(label=_("date"))
    talker_name = serializers.CharField(source="talker.name", read_only=True)
    talkee_name = serializers.CharField(source="talkee.name", read_only=True)
    notes_hidden = serializers.SerializerMethodField()

    class Meta:
        model = CareTalk
        fields = [
            "id",
            "talker",
            "talker_name",
            "talkee",
            "talkee_name",
            "talked_on",
            "kind",
            "topics",
            "follow_up",
            "notes_hidden",
        ]

    def _hidden(self) -> bool:
        return not self.context.get("notes_visible", False)

    def get_notes_hidden(self, obj) -> bool:
        return self._hidden()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if self._hidden():
            data["topics"] = data["follow_up"] = ""
        return data


class CoverageQuery(QuerySerializer):
    year = RangedIntegerField(bounds=ranges.YEAR, label=_("year"))


class CoveragePairSerializer(serializers.Serializer):
    kind = serializers.CharField(source="pair.kind")
    kind_label = serializers.CharField()
    senior = serializers.IntegerField(source="pair.senior")
    senior_name = serializers.CharField(source="senior.name")
    junior = serializers.IntegerField(source="pair.junior")
    junior_name = serializers.CharField(source="junior.name")
    unit = serializers.IntegerField(source="unit.pk")
    unit_name = serializers.CharField(source="unit.name")
    talked = serializers.BooleanField(source="pair.talked")
    last_talked_on = serializers.DateField(allow_null=True)


@extend_schema_serializer(component_name="TalkCoverage")  # oversight has a risk coverage
class CoverageSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    as_of = serializers.DateField()
    owed = serializers.IntegerField()
    talked = serializers.IntegerField()
    pairs = CoveragePairSerializer(source="rows", many=True)


class VisitSerializer(serializers.ModelSerializer):
    cadre = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.all())
    visited_on = RangedDateField(label=_("date"))
    cadre_name = serializers.CharField(source="cadre.name", read_only=True)

    class Meta:
        model = Visit
        fields = ["id", "cadre", "cadre_name", "occasion", "visited_on", "visited_by", "given", "note"]


class HealthCheckRoundSerializer(serializers.ModelSerializer):
    year = RangedIntegerField(bounds=ranges.YEAR, label=_("year"))
    arranged_on = RangedDateField(label=_("arranged on"))
    listed = serializers.IntegerField(read_only=True, default=0)
    done = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = HealthCheckRound
        fields = ["id", "year", "arranged_on", "note", "listed", "done"]


class HealthCheckSerializer(serializers.ModelSerializer):
    """Done or not, and the day: nothing medical is kept."""

    year = serializers.IntegerField(source="round.year", read_only=True)
    cadre_name = serializers.CharField(source="cadre.name", read_only=True)
    unit_name = serializers.CharField(source="cadre.unit.name", read_only=True)
    done = serializers.BooleanField(read_only=True)
    done_on = RangedDateField(allow_null=True, label=_("done on"))

    class Meta:
        model = HealthCheck
        fields = ["id", "year", "cadre", "cadre_name", "unit_name", "done", "done_on"]
        read_only_fields = ["cadre"]
