import datetime
import re

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cadres.models import Appointment, Cadre, OrgUnit
from core import ranges
from core.api.fields import QuerySerializer, RangedDateField
from core.api.scoping import ScopedPrimaryKeyRelatedField
from training import choices as c
from training.models import (
    FollowUpTask,
    ProgrammeParticipant,
    RuleDocument,
    Secondment,
    StudyAttendance,
    StudySession,
    TrainingProgramme,
)

DATE_FIELDS = {"format": "%Y-%m-%d"}


MONTH = re.compile(r"(\d{4})-(\d{2})")


@extend_schema_field({"type": "string", "pattern": r"^\d{4}-\d{2}$", "example": "2026-03"})
class MonthField(serializers.CharField):
    """`YYYY-MM` → the month's first day, within the date range every other date field has."""

    def to_internal_value(self, data):
        match = MONTH.fullmatch(super().to_internal_value(data))
        year, month = (int(match[1]), int(match[2])) if match else (0, 0)
        if not 1 <= month <= 12 or not ranges.YEAR.minimum <= year <= ranges.YEAR.maximum:
            raise serializers.ValidationError(_("Give a month as YYYY-MM."), code="invalid")
        return datetime.date(year, month, 1)


class MonthQuerySerializer(QuerySerializer):
    month = MonthField(required=False, label=_("Month"), help_text="YYYY-MM")


class AsOfQuerySerializer(QuerySerializer):
    on = RangedDateField(required=False, label=_("As-of date"))


class RuleQuerySerializer(QuerySerializer):
    q = serializers.CharField(required=False, max_length=100, label=_("Search"))


class AttendeeSerializer(serializers.ModelSerializer):
    cadre = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.select_related("unit"))
    cadre_name = serializers.CharField(source="cadre.name", read_only=True)

    class Meta:
        model = StudyAttendance
        fields = ["cadre", "cadre_name", "attendance"]


class FollowUpTaskSerializer(serializers.ModelSerializer):
    session = ScopedPrimaryKeyRelatedField(queryset=StudySession.objects.select_related("unit"))
    owner_unit = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    owner = ScopedPrimaryKeyRelatedField(
        queryset=Cadre.objects.select_related("unit"), allow_null=True, required=False
    )

    class Meta:
        model = FollowUpTask
        fields = ["id", "session", "description", "owner_unit", "owner", "deadline", "done_on"]


class StudySessionSerializer(serializers.ModelSerializer):
    unit = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    leader = ScopedPrimaryKeyRelatedField(
        queryset=Cadre.objects.select_related("unit"), allow_null=True, required=False
    )
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    attendees = AttendeeSerializer(many=True, required=False, source="attendances")
    date = RangedDateField()
    material_date = RangedDateField(required=False, allow_null=True)

    class Meta:
        model = StudySession
        fields = [
            "id",
            "kind",
            "date",
            "unit",
            "unit_name",
            "topic",
            "material_title",
            "material_source",
            "material_date",
            "leader",
            "hours",
            "place",
            "notes",
            "attendees",
        ]


class MissingUnitSerializer(serializers.Serializer):
    unit = serializers.IntegerField(source="pk")
    unit_name = serializers.CharField(source="name")


class TrainingProgrammeSerializer(serializers.ModelSerializer):
    start_date = RangedDateField()
    end_date = RangedDateField()
    reporting_unit = ScopedPrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(),
        required=False,
        allow_null=True,
        help_text=_(
            "The unit that reports an online course or an external training (a unit clerk's "
            "default: their unit); empty for HR's catalogue."
        ),
    )

    class Meta:
        model = TrainingProgramme
        fields = [
            "id",
            "title",
            "kind",
            "organiser",
            "institution",
            "party_school",
            "recognised",
            "start_date",
            "end_date",
            "hours",
            "place",
            "reporting_unit",
        ]


class ProgrammeParticipantSerializer(serializers.ModelSerializer):
    cadre = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.select_related("unit"))
    cadre_name = serializers.CharField(source="cadre.name", read_only=True)

    class Meta:
        model = ProgrammeParticipant
        fields = [
            "id",
            "programme",
            "cadre",
            "cadre_name",
            "completed",
            "hours",
            "absent_hours",
            "score",
            "certificate_no",
            "confirmed",
        ]
        read_only_fields = ["programme", "confirmed"]


class HoursSourceSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=c.SOURCE_CHOICES)
    hours = serializers.DecimalField(max_digits=8, decimal_places=1)


class TrainingHoursSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    year_hours = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    year_required = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    year_compliant = serializers.BooleanField(allow_null=True)
    five_year_start = serializers.DateField()
    five_year_hours = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    five_year_required = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    five_year_compliant = serializers.BooleanField(allow_null=True)
    online_hours = serializers.DecimalField(max_digits=8, decimal_places=1)
    online_required = serializers.DecimalField(max_digits=8, decimal_places=1)
    grace_until = serializers.DateField(allow_null=True)
    sources = HoursSourceSerializer(many=True)


class ComplianceQuerySerializer(QuerySerializer):
    on = RangedDateField(required=False, label=_("As-of date"))
    unit = ScopedPrimaryKeyRelatedField(
        queryset=OrgUnit.objects.all(), required=False, label=_("Unit"), help_text=_("This unit and below.")
    )
    all = serializers.BooleanField(
        required=False, default=False, label=_("Everyone"), help_text=_("Everyone, not only those behind.")
    )


class ComplianceRowSerializer(serializers.Serializer):
    cadre = serializers.IntegerField(source="cadre_id")
    name = serializers.CharField()
    unit_name = serializers.CharField()
    behind = serializers.BooleanField()
    pace = serializers.DecimalField(
        max_digits=8,
        decimal_places=1,
        allow_null=True,
        help_text=_("This year's pro-rata hours (yearly rule)."),
    )
    year_hours = serializers.DecimalField(
        source="summary.year_hours", max_digits=8, decimal_places=1, allow_null=True
    )
    year_required = serializers.DecimalField(
        source="summary.year_required", max_digits=8, decimal_places=1, allow_null=True
    )
    year_compliant = serializers.BooleanField(source="summary.year_compliant", allow_null=True)
    five_year_start = serializers.DateField(source="summary.five_year_start")
    five_year_hours = serializers.DecimalField(
        source="summary.five_year_hours", max_digits=8, decimal_places=1, allow_null=True
    )
    five_year_required = serializers.DecimalField(
        source="summary.five_year_required", max_digits=8, decimal_places=1, allow_null=True
    )
    five_year_compliant = serializers.BooleanField(source="summary.five_year_compliant", allow_null=True)
    online_hours = serializers.DecimalField(source="summary.online_hours", max_digits=8, decimal_places=1)
    grace_until = serializers.DateField(source="summary.grace_until", allow_null=True)


class SecondmentSerializer(serializers.ModelSerializer):
    cadre = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.select_related("unit"))
    planned_start = RangedDateField()
    planned_end = RangedDateField()
    actual_start = RangedDateField(required=False, allow_null=True)
    actual_end = RangedDateField(required=False, allow_null=True)
    appointment = ScopedPrimaryKeyRelatedField(
        queryset=Appointment.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Secondment
        fields = [
            "id",
            "cadre",
            "direction",
            "appointment",
            "host_organisation",
            "host_post",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "purpose",
            "grade",
            "assessment",
            "in_resume",
        ]
        read_only_fields = ["in_resume"]


class RuleDocumentSerializer(serializers.ModelSerializer):
    effective_date = RangedDateField()
    repeal_date = RangedDateField(required=False, allow_null=True)

    class Meta:
        model = RuleDocument
        fields = [
            "id",
            "part",
            "title",
            "number",
            "version",
            "issuing_body",
            "effective_date",
            "repeal_date",
            "body",
        ]
