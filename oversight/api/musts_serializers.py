"""Shapes of the four musts' records API: file reviews, personal-matters reports and checks,
papers in custody, exit registrations and trips. Rules live in the services."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from cadres.models import Cadre, SelectionProcess
from core.api.fields import QuerySerializer, RangedDateField
from core.api.scoping import ScopedPrimaryKeyRelatedField
from oversight.choices import (
    ApprovalDecision,
    FileFinding,
    FileItem,
    MattersCheckKind,
    MattersHandling,
    MattersItemKind,
    MattersResult,
    MattersTarget,
    SanctionKind,
    TripStage,
)
from oversight.models import (
    DocumentLoan,
    ExitRegistration,
    FileReview,
    FileReviewItem,
    MattersCheck,
    MattersFinding,
    MattersItem,
    PersonalMattersReport,
    RandomDraw,
    TravelDocument,
    TripApproval,
    TripRequest,
)


def cadre_field():
    return ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.select_related("unit"))


def selection_field():
    return ScopedPrimaryKeyRelatedField(
        queryset=SelectionProcess.objects.all(), required=False, allow_null=True
    )


# ---- file reviews ----


class FileReviewItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = FileReviewItem
        fields = ["id", "item", "record_value", "file_value", "material", "finding", "resolved_on"]
        read_only_fields = fields


class FileReviewSerializer(serializers.ModelSerializer):
    cadre_name = serializers.CharField(source="cadre.name", read_only=True)
    items = FileReviewItemSerializer(many=True, read_only=True)
    open = serializers.BooleanField(source="is_open", read_only=True)

    class Meta:
        model = FileReview
        fields = [
            "id",
            "cadre",
            "cadre_name",
            "selection",
            "reviewed_on",
            "reviewer",
            "open",
            "open_doubts",
            "note",
            "items",
        ]
        read_only_fields = fields


class FileReviewItemInput(serializers.Serializer):
    item = serializers.ChoiceField(choices=FileItem.choices)
    file_value = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    material = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    finding = serializers.ChoiceField(choices=FileFinding.choices)


class FileReviewInput(serializers.Serializer):
    cadre = cadre_field()
    selection = selection_field()
    reviewed_on = RangedDateField(label=_("reviewed on"))
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    items = FileReviewItemInput(many=True)


class FileReviewResolveInput(serializers.Serializer):
    item = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    finding = serializers.ChoiceField(
        choices=[(FileFinding.CONSISTENT, "consistent"), (FileFinding.CORRECTED, "corrected")]
    )
    file_value = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    resolved_on = RangedDateField(label=_("resolved on"))


# ---- personal-matters reports ----


class FilingStatusSerializer(serializers.ModelSerializer):
    """What a unit clerk sees: who files, by when, whether it came in. Never the contents."""

    cadre_name = serializers.CharField(source="cadre.name", read_only=True)
    unit_name = serializers.CharField(source="cadre.unit.name", read_only=True)
    filed = serializers.SerializerMethodField()

    class Meta:
        model = PersonalMattersReport
        fields = ["id", "cadre", "cadre_name", "unit_name", "year", "due_on", "received_on", "filed"]
        read_only_fields = fields

    def get_filed(self, report) -> bool:
        return report.received_on is not None


class MattersItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = MattersItem
        fields = ["id", "kind", "content"]
        read_only_fields = fields


class MattersFindingSerializer(serializers.ModelSerializer):
    class Meta:
        model = MattersFinding
        fields = ["id", "item", "result", "note", "resolved_on"]
        read_only_fields = fields


class MattersCheckSerializer(serializers.ModelSerializer):
    findings = MattersFindingSerializer(many=True, read_only=True)

    class Meta:
        model = MattersCheck
        fields = [
            "id",
            "report",
            "kind",
            "target",
            "selection",
            "draw",
            "comparison_date",
            "checked_on",
            "handling",
            "handling_note",
            "sanction",
            "findings",
        ]
        read_only_fields = fields


class ReportDetailSerializer(FilingStatusSerializer):
    """The whole report, read through report_read (a row in the read log)."""

    items = MattersItemSerializer(many=True, read_only=True)
    checks = MattersCheckSerializer(many=True, read_only=True)

    class Meta(FilingStatusSerializer.Meta):
        fields = [*FilingStatusSerializer.Meta.fields, "items", "checks"]
        read_only_fields = fields


class MattersItemInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MattersItemKind.choices)
    content = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")


class ReportInput(serializers.Serializer):
    cadre = cadre_field()
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    received_on = RangedDateField(label=_("received on"), required=False, allow_null=True)
    items = MattersItemInput(many=True, required=False)


class ReportReadQuery(QuerySerializer):
    purpose = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


@extend_schema_serializer(component_name="MattersFindingInput")  # conduct has a FindingInput
class FindingInput(serializers.Serializer):
    item = serializers.ChoiceField(choices=MattersItemKind.choices)
    result = serializers.ChoiceField(choices=MattersResult.choices)
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


@extend_schema_serializer(component_name="MattersCheckInput")  # selection has a CheckInput
class CheckInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=MattersCheckKind.choices)
    target = serializers.ChoiceField(
        choices=MattersTarget.choices, required=False, allow_blank=True, default=""
    )
    selection = selection_field()
    checked_on = RangedDateField(label=_("checked on"))
    comparison_date = RangedDateField(label=_("comparison data as of"), required=False, allow_null=True)
    findings = FindingInput(many=True)


class DrawInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    seed = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")


class DrawSerializer(serializers.ModelSerializer):
    class Meta:
        model = RandomDraw
        fields = ["id", "year", "drawn_on", "seed", "share_percent", "population", "drawn_ids"]
        read_only_fields = fields


class HandlingInput(serializers.Serializer):
    handling = serializers.ChoiceField(choices=MattersHandling.choices)
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    sanction_kind = serializers.ChoiceField(
        choices=SanctionKind.choices, required=False, allow_blank=True, default=""
    )
    decision_date = RangedDateField(label=_("decision date"), required=False, allow_null=True)
    document_no = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class ResolveFindingInput(serializers.Serializer):
    finding = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    resolved_on = RangedDateField(label=_("resolved on"))


# ---- travel ----


class LoanSerializer(serializers.ModelSerializer):
    class Meta:
        model = DocumentLoan
        fields = ["id", "trip", "lent_on", "due_back", "returned_on"]
        read_only_fields = fields


class TravelDocumentSerializer(serializers.ModelSerializer):
    cadre = cadre_field()
    cadre_name = serializers.CharField(source="cadre.name", read_only=True)
    issued_on = RangedDateField(label=_("issued on"))
    expires_on = RangedDateField(label=_("expires on"))
    received_on = RangedDateField(label=_("received into custody"))
    released_on = RangedDateField(label=_("given back for good"), required=False, allow_null=True)
    lent = serializers.SerializerMethodField()

    class Meta:
        model = TravelDocument
        fields = [
            "id",
            "cadre",
            "cadre_name",
            "kind",
            "number",
            "issued_on",
            "expires_on",
            "received_on",
            "box",
            "released_on",
            "lent",
        ]

    def get_lent(self, document) -> bool:
        return getattr(document, "lent_since", None) is not None


class LendInput(serializers.Serializer):
    lent_on = RangedDateField(label=_("lent on"))
    trip = serializers.PrimaryKeyRelatedField(
        queryset=TripRequest.objects.all(), required=False, allow_null=True
    )
    trip_ends = RangedDateField(label=_("trip ends"), required=False, allow_null=True)


class ReturnInput(serializers.Serializer):
    returned_on = RangedDateField(label=_("returned on"))


class ExpiringQuery(QuerySerializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)


class ExitRegistrationSerializer(serializers.ModelSerializer):
    cadre = cadre_field()
    cadre_name = serializers.CharField(source="cadre.name", read_only=True)
    papers_due = RangedDateField(label=_("papers due"), required=False, allow_null=True)
    papers_handed_in = RangedDateField(label=_("papers handed in"), required=False, allow_null=True)
    filed_on = RangedDateField(label=_("filed on"), required=False, allow_null=True)
    ended_on = RangedDateField(label=_("ended on"), required=False, allow_null=True)

    class Meta:
        model = ExitRegistration
        fields = [
            "id",
            "cadre",
            "cadre_name",
            "appointment",
            "papers_due",
            "papers_handed_in",
            "filed_on",
            "filing_document",
            "ended_on",
        ]
        read_only_fields = ["appointment"]


class TripApprovalSerializer(serializers.ModelSerializer):
    class Meta:
        model = TripApproval
        fields = ["stage", "decision", "decided_on", "decided_by", "note"]
        read_only_fields = fields


class TripSerializer(serializers.ModelSerializer):
    cadre_name = serializers.CharField(source="cadre.name", read_only=True)
    approvals = TripApprovalSerializer(many=True, read_only=True)

    class Meta:
        model = TripRequest
        fields = [
            "id",
            "cadre",
            "cadre_name",
            "destination",
            "purpose",
            "departs_on",
            "returns_on",
            "chain",
            "state",
            "requested_on",
            "approvals",
        ]
        read_only_fields = fields


class TripInput(serializers.Serializer):
    cadre = cadre_field()
    destination = serializers.CharField(max_length=100)
    purpose = serializers.CharField(max_length=200)
    departs_on = RangedDateField(label=_("departs on"))
    returns_on = RangedDateField(label=_("returns on"))


class DecideInput(serializers.Serializer):
    stage = serializers.ChoiceField(choices=TripStage.choices)
    decision = serializers.ChoiceField(choices=ApprovalDecision.choices)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
