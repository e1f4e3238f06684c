"""Shapes of the cycle API's self reports, teams, publication, objections, notices and appeals."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from appraisal.choices import AppealKind, AppealOutcome, Grade, ObjectionOutcome
from appraisal.models import Objection, ResultAppeal, SelfReport
from cadres.models import Cadre, OrgUnit
from core.api.fields import RangedDateField
from core.api.scoping import ScopedPrimaryKeyRelatedField

SCORE = {"max_digits": 6, "decimal_places": 2, "coerce_to_string": False}


class SelfReportSerializer(serializers.ModelSerializer):
    cadre = serializers.IntegerField(source="participant.cadre_id")
    cadre_name = serializers.CharField(source="participant.cadre.name")

    class Meta:
        model = SelfReport
        fields = ["id", "cadre", "cadre_name", "text", "file", "submitted_on"]
        read_only_fields = fields


class SelfReportInput(serializers.Serializer):
    cadre = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.all())
    text = serializers.CharField(required=False, allow_blank=True, max_length=50000, default="")
    file = serializers.FileField(
        required=False, allow_null=True, help_text=_("A .pdf, .doc, .docx or .txt file.")
    )


class TeamInput(serializers.Serializer):
    unit = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    report = serializers.CharField(required=False, allow_blank=True, max_length=50000, default="")


class TeamResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="team.pk")
    unit = serializers.IntegerField(source="team.unit_id")
    unit_name = serializers.CharField(source="team.unit.name")
    report = serializers.CharField(source="team.report")
    composite = serializers.DecimalField(allow_null=True, **SCORE)
    group_means = serializers.DictField(
        child=serializers.DecimalField(**SCORE), help_text="Rater group id → mean."
    )
    reweighted = serializers.BooleanField()
    proposed_grade = serializers.CharField(
        help_text="good, fairly_good, average, poor; empty without ballots."
    )
    confirmed_grade = serializers.CharField(source="team.grade", help_text="Empty until confirmed.")
    members = serializers.SerializerMethodField()

    def get_members(self, row) -> list[int]:
        return [p.cadre_id for p in row.members]


class PublishInput(serializers.Serializer):
    starts_on = RangedDateField(label=_("notice from"))
    ends_on = RangedDateField(label=_("notice until"))
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    excellent = ScopedPrimaryKeyRelatedField(
        queryset=Cadre.objects.all(), many=True, required=False, help_text=_("Default: the proposed 优秀.")
    )


class PublicationObjectionSerializer(serializers.ModelSerializer):
    cadre = serializers.IntegerField(source="participant.cadre_id")

    class Meta:
        model = Objection
        fields = ["id", "cadre", "received_on", "content", "outcome", "answer"]
        read_only_fields = fields


class PublishedNameSerializer(serializers.Serializer):
    cadre = serializers.IntegerField(source="cadre_id")
    cadre_name = serializers.CharField(source="cadre.name")
    unit_name = serializers.CharField(source="unit.name")


class PublicationSerializer(serializers.Serializer):
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    note = serializers.CharField()
    names = PublishedNameSerializer(many=True, source="participants.all")
    objections = PublicationObjectionSerializer(many=True, source="objections.all")


class PublicationObjectionInput(serializers.Serializer):
    cadre = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.all())
    content = serializers.CharField(max_length=5000)
    received_on = RangedDateField(label=_("received on"))


class PublicationObjectionAnswerInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=[ObjectionOutcome.UPHELD, ObjectionOutcome.DISMISSED])
    answer = serializers.CharField(max_length=5000)


class ResultNoticeInput(serializers.Serializer):
    cadre = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.all())
    told_on = RangedDateField(label=_("told on"))


class AppealSerializer(serializers.ModelSerializer):
    cadre = serializers.IntegerField(source="participant.cadre_id")

    class Meta:
        model = ResultAppeal
        fields = [
            "id",
            "cadre",
            "kind",
            "filed_on",
            "grounds",
            "answer_due",
            "grade_before",
            "outcome",
            "new_grade",
            "answer",
            "answered_on",
        ]
        read_only_fields = fields


class AppealInput(serializers.Serializer):
    cadre = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.all())
    kind = serializers.ChoiceField(choices=AppealKind.choices)
    filed_on = RangedDateField(label=_("filed on"))
    grounds = serializers.CharField(max_length=5000)


class AppealAnswerInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=[AppealOutcome.KEPT, AppealOutcome.CHANGED])
    new_grade = serializers.ChoiceField(choices=Grade.choices, required=False, allow_blank=True, default="")
    answer = serializers.CharField(max_length=5000)
    answered_on = RangedDateField(label=_("answered on"))
