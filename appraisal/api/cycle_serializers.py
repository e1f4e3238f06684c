"""Shapes of the appraisal cycle API: cycles, participants, set-up input, results, ballots."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from appraisal.choices import Grade, TeamGrade
from appraisal.models import AppraisalCycle, Indicator, IndicatorTemplate, Participant, RaterGroup
from appraisal.services.ballots import MAX_CODES_PER_ISSUE
from cadres.models import Cadre, OrgUnit
from core import ranges
from core.api.fields import RangedDateField, RangedIntegerField
from core.api.scoping import ScopedPrimaryKeyRelatedField

SCORE = {"max_digits": 5, "decimal_places": 2, "coerce_to_string": False}
ID = {"bounds": ranges.ID}


class IndicatorSerializer(serializers.ModelSerializer):
    weight = serializers.IntegerField(min_value=1, max_value=100)

    class Meta:
        model = Indicator
        fields = ["id", "dimension", "name", "weight", "order"]
        read_only_fields = ["id", "order"]


class RaterGroupSerializer(serializers.ModelSerializer):
    weight = serializers.IntegerField(min_value=1, max_value=100)

    class Meta:
        model = RaterGroup
        fields = ["id", "name", "weight"]
        read_only_fields = ["id"]


class CycleSerializer(serializers.ModelSerializer):
    year = RangedIntegerField(bounds=ranges.YEAR, label=_("year"))
    quarter = serializers.IntegerField(min_value=1, max_value=4, required=False, allow_null=True)
    on = RangedDateField(label=_("as-of date"))
    closes_on = RangedDateField(label=_("closes on"), required=False, allow_null=True)
    units = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), many=True)
    template = serializers.PrimaryKeyRelatedField(
        queryset=IndicatorTemplate.objects.all(), required=False, allow_null=True
    )
    participant_count = serializers.IntegerField(read_only=True)
    indicators = IndicatorSerializer(many=True, read_only=True)
    rater_groups = RaterGroupSerializer(many=True, read_only=True)

    class Meta:
        model = AppraisalCycle
        fields = [
            "id",
            "kind",
            "year",
            "quarter",
            "name",
            "unit",
            "units",
            "on",
            "closes_on",
            "template",
            "scoring_kind",
            "state",
            "participant_count",
            "indicators",
            "rater_groups",
        ]
        read_only_fields = ["id", "unit", "scoring_kind", "state"]


class ParticipantSerializer(serializers.ModelSerializer):
    cadre_name = serializers.CharField(source="cadre.name", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Participant
        fields = [
            "id",
            "cadre",
            "cadre_name",
            "unit",
            "unit_name",
            "added_by_hr",
            "removed",
            "reason",
            "under_investigation",
            "absent_over_half_year",
        ]
        read_only_fields = fields


class ParticipantChangeInput(serializers.Serializer):
    cadre = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.all())
    reason = serializers.CharField(max_length=200)


class ParticipantFactsInput(serializers.Serializer):
    cadre = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.all())
    under_investigation = serializers.BooleanField()
    absent_over_half_year = serializers.BooleanField()


class BallotIssueInput(serializers.Serializer):
    group = RangedIntegerField(**ID, label=_("rater group"))
    count = serializers.IntegerField(min_value=1, max_value=MAX_CODES_PER_ISSUE)


class BallotCodesOutput(serializers.Serializer):
    codes = serializers.ListField(child=serializers.CharField(), help_text="Shown once, here only.")


class GroupProgressSerializer(serializers.Serializer):
    group = serializers.IntegerField(source="group.pk")
    name = serializers.CharField(source="group.name")
    weight = serializers.IntegerField(source="group.weight")
    issued = serializers.IntegerField()
    returned = serializers.IntegerField()


class ResultReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class ResultSerializer(serializers.Serializer):
    cadre = serializers.IntegerField(source="participant.cadre_id")
    cadre_name = serializers.CharField(source="participant.cadre.name")
    unit = serializers.IntegerField(source="participant.unit_id")
    composite = serializers.DecimalField(
        max_digits=6, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    rank = serializers.IntegerField(allow_null=True)
    proposed_grade = serializers.ChoiceField(choices=Grade.choices)
    confirmed_grade = serializers.CharField(source="participant.grade", help_text="Empty until confirmed.")
    group_means = serializers.DictField(
        child=serializers.DecimalField(**SCORE), help_text="Rater group id → mean."
    )
    reweighted = serializers.BooleanField()
    reasons = serializers.SerializerMethodField()

    @extend_schema_field(ResultReasonSerializer(many=True))
    def get_reasons(self, row) -> list[dict]:
        return ResultReasonSerializer([r.as_dict() for r in row.reasons], many=True).data


class GradeInput(serializers.Serializer):
    cadre = RangedIntegerField(**ID, label=_("cadre"))
    grade = serializers.ChoiceField(choices=Grade.choices)
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True)


class TeamGradeInput(serializers.Serializer):
    team = RangedIntegerField(**ID, label=_("leadership team"))
    grade = serializers.ChoiceField(choices=TeamGrade.choices)
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True)


class ConfirmInput(serializers.Serializer):
    grades = GradeInput(many=True, required=False)
    teams = TeamGradeInput(many=True, required=False, help_text=_("Overrides of the teams' proposed grades."))


class ScoreInput(serializers.Serializer):
    """A participant's score (`cadre`, per `indicator` or overall), or a leadership team's (`team`)."""

    cadre = RangedIntegerField(**ID, label=_("cadre"), required=False)
    team = RangedIntegerField(**ID, label=_("leadership team"), required=False, allow_null=True)
    indicator = RangedIntegerField(**ID, label=_("indicator"), required=False, allow_null=True)
    score = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)

    def validate(self, attrs):
        if (attrs.get("cadre") is None) == (attrs.get("team") is None):
            raise serializers.ValidationError(_("Score either a cadre or a team."), code="cadre_or_team")
        return attrs


class BallotSubmitInput(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    scores = ScoreInput(many=True, allow_empty=False, max_length=20000)


class BallotRecordedOutput(serializers.Serializer):
    recorded = serializers.BooleanField()
