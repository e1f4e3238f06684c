"""Shapes of the yearly conduct work's API: letters, duty reports, the risk register and its
reviews, supervised meetings and supervised tasks (督办)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from cadres.models import Cadre, OrgUnit, Post
from core import ranges
from core.api.fields import RangedDateField, RangedIntegerField
from core.api.scoping import ScopedPrimaryKeyRelatedField
from oversight.choices import (
    DutyReportGrade,
    LetterGap,
    MeetingKind,
    ReviewOutcome,
    RiskLevel,
)
from oversight.models import (
    SOURCE_MODELS,
    DutyReport,
    IntegrityRisk,
    MeetingFinding,
    ResponsibilityLetter,
    RiskReview,
    RiskReviewEntry,
    SupervisedMeeting,
    SupervisedTask,
    TaskProgress,
)

YEAR = ranges.Bounds(2000, 2100)


class LetterSerializer(serializers.ModelSerializer):
    issuer_post_name = serializers.CharField(source="issuer_post.__str__", read_only=True)
    signatory_post_name = serializers.SerializerMethodField()
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    issuer_name = serializers.CharField(source="issuer.name", read_only=True, default="")
    signatory_name = serializers.CharField(source="signatory.name", read_only=True, default="")
    has_scan = serializers.SerializerMethodField()

    class Meta:
        model = ResponsibilityLetter
        fields = [
            "id",
            "year",
            "tier",
            "issuer_post",
            "issuer_post_name",
            "signatory_post",
            "signatory_post_name",
            "unit",
            "unit_name",
            "issuer",
            "issuer_name",
            "signatory",
            "signatory_name",
            "sign_by",
            "state",
            "signed_on",
            "has_scan",
        ]
        read_only_fields = fields

    def get_signatory_post_name(self, letter) -> str:
        return str(letter.signatory_post) if letter.signatory_post_id else ""

    def get_has_scan(self, letter) -> bool:
        return bool(letter.signed_scan)


class LetterGenerateInput(serializers.Serializer):
    year = RangedIntegerField(bounds=YEAR, label=_("year"))
    sign_by = RangedDateField(label=_("to be signed by"), required=False, allow_null=True)


class GapSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=LetterGap.choices)
    label = serializers.CharField()
    post = serializers.IntegerField(allow_null=True)
    unit = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()


class LetterGenerationSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    existing = serializers.IntegerField()
    gaps = GapSerializer(many=True)


class LetterProgressSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    total = serializers.IntegerField()
    signed = serializers.IntegerField()
    pending = serializers.IntegerField()
    gaps = GapSerializer(many=True)


class YearQuery(serializers.Serializer):
    year = RangedIntegerField(bounds=YEAR, label=_("year"))


class LetterSignInput(serializers.Serializer):
    signed_on = RangedDateField(label=_("signed on"))
    signed_scan = serializers.FileField(required=False, allow_null=True, label=_("signed scan"))


class LetterScanInput(serializers.Serializer):
    signed_scan = serializers.FileField(label=_("signed scan"))


class DutyReportSerializer(serializers.ModelSerializer):
    cadre_name = serializers.CharField(source="cadre.name", read_only=True)
    unit_name = serializers.CharField(source="cadre.unit.name", read_only=True)

    class Meta:
        model = DutyReport
        fields = [
            "id",
            "cadre",
            "cadre_name",
            "unit_name",
            "year",
            "due_on",
            "state",
            "submitted_on",
            "text",
            "reviewed_on",
            "grade",
            "comment",
        ]
        read_only_fields = fields


class DutyReportOpenInput(serializers.Serializer):
    year = RangedIntegerField(bounds=YEAR, label=_("year"))
    due_on = RangedDateField(label=_("due on"))


class DutyReportOpened(serializers.Serializer):
    opened = serializers.IntegerField()


class DutyReportSubmitInput(serializers.Serializer):
    submitted_on = RangedDateField(label=_("submitted on"))
    text = serializers.CharField(max_length=50000)


class DutyReportReviewInput(serializers.Serializer):
    grade = serializers.ChoiceField(choices=DutyReportGrade.choices)
    comment = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class IntegrityRiskSerializer(serializers.ModelSerializer):
    unit = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    post = ScopedPrimaryKeyRelatedField(
        queryset=Post.objects.select_related("unit"), required=False, allow_null=True
    )
    owner = ScopedPrimaryKeyRelatedField(
        queryset=Cadre.objects.select_related("unit"), required=False, allow_null=True
    )
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    post_title = serializers.CharField(source="post.title", read_only=True, default="")
    level = serializers.ChoiceField(choices=RiskLevel.choices)

    class Meta:
        model = IntegrityRisk
        fields = [
            "id",
            "unit",
            "unit_name",
            "post",
            "post_title",
            "risk",
            "level",
            "controls",
            "owner",
            "active",
        ]


class RiskReviewSerializer(serializers.ModelSerializer):
    unit = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    year = RangedIntegerField(bounds=YEAR, label=_("year"))
    started_on = RangedDateField(label=_("started on"))
    closes_on = RangedDateField(label=_("closes on"))

    class Meta:
        model = RiskReview
        fields = ["id", "year", "unit", "name", "started_on", "closes_on"]


class ReviewEntryInput(serializers.Serializer):
    post = ScopedPrimaryKeyRelatedField(queryset=Post.objects.select_related("unit"))
    outcome = serializers.ChoiceField(choices=ReviewOutcome.choices)
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class ReviewEntrySerializer(serializers.ModelSerializer):
    post_name = serializers.CharField(source="post.__str__", read_only=True)

    class Meta:
        model = RiskReviewEntry
        fields = ["id", "review", "post", "post_name", "outcome", "note", "reviewed_on"]
        read_only_fields = fields


class MissingPostSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")


@extend_schema_serializer(component_name="RiskCoverage")  # appraisal has a talk coverage
class CoverageSerializer(serializers.Serializer):
    total = serializers.IntegerField(source="coverage.total")
    covered = serializers.IntegerField(source="coverage.covered")
    percent = serializers.IntegerField(source="coverage.percent")
    complete = serializers.BooleanField(source="coverage.complete")
    missing = MissingPostSerializer(many=True)
    changed = ReviewEntrySerializer(many=True)


class FindingSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingFinding
        fields = ["id", "text", "follow_up"]
        read_only_fields = ["id"]


class MeetingSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    attendee_name = serializers.CharField(source="attendee.name", read_only=True)
    findings = FindingSerializer(many=True, read_only=True)

    class Meta:
        model = SupervisedMeeting
        fields = [
            "id",
            "kind",
            "unit",
            "unit_name",
            "title",
            "held_on",
            "attendee",
            "attendee_name",
            "notes",
            "findings",
        ]
        read_only_fields = fields


@extend_schema_serializer(component_name="MeetingFindingInput")
class FindingInput(serializers.Serializer):
    text = serializers.CharField(max_length=5000)
    follow_up = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class MeetingInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MeetingKind.choices)
    unit = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    title = serializers.CharField(max_length=200)
    held_on = RangedDateField(label=_("held on"))
    attendee = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.select_related("unit"))
    notes = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    findings = FindingInput(many=True, required=False, default=list)


class TaskSerializer(serializers.ModelSerializer):
    owner_unit_name = serializers.CharField(source="owner_unit.name", read_only=True)
    owner_name = serializers.CharField(source="owner.name", read_only=True, default="")
    source_kind = serializers.SerializerMethodField()
    source_name = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = SupervisedTask
        fields = [
            "id",
            "title",
            "description",
            "decision",
            "source_kind",
            "source_id",
            "source_name",
            "owner_unit",
            "owner_unit_name",
            "owner",
            "owner_name",
            "assigned_on",
            "deadline",
            "state",
            "done_on",
            "overdue",
        ]
        read_only_fields = fields

    def get_source_kind(self, task) -> str:
        return f"{task.source_type.app_label}.{task.source_type.model}" if task.source_type_id else ""

    def get_source_name(self, task) -> str:
        return self.context.get("source_names", {}).get(task.pk, "")

    def get_overdue(self, task) -> bool:
        return self.context["is_overdue"](task)


class TaskInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    decision = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    source_kind = serializers.ChoiceField(
        choices=[(m, m) for m in SOURCE_MODELS], required=False, allow_null=True
    )
    source_id = RangedIntegerField(bounds=ranges.ID, required=False, allow_null=True, label=_("source id"))
    owner_unit = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    owner = ScopedPrimaryKeyRelatedField(
        queryset=Cadre.objects.select_related("unit"), required=False, allow_null=True
    )
    deadline = RangedDateField(label=_("deadline"))

    def validate(self, attrs):
        if bool(attrs.get("source_kind")) != bool(attrs.get("source_id")):
            raise serializers.ValidationError(
                {"source_id": _("Give both the kind and the id of the source, or neither.")}, code="required"
            )
        return attrs


class ProgressSerializer(serializers.ModelSerializer):
    class Meta:
        model = TaskProgress
        fields = ["id", "task", "kind", "reported_on", "text"]
        read_only_fields = fields


class TaskReportInput(serializers.Serializer):
    reported_on = RangedDateField(label=_("reported on"))
    text = serializers.CharField(max_length=20000)
    done = serializers.BooleanField(required=False, default=False)


class TaskAcceptInput(serializers.Serializer):
    done_on = RangedDateField(label=_("done on"))
    text = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class TaskSendBackInput(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)
