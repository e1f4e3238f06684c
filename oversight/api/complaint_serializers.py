"""Shapes of the complaint API. No output shape carries the reporter's identity but
ReporterSerializer, which only the explicit, recorded "show" answers with."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cadres.models import Cadre, OrgUnit
from core.api.fields import QuerySerializer, RangedDateField
from core.api.scoping import ScopedPrimaryKeyRelatedField
from core.models import User
from oversight.choices import ComplaintResult, ComplaintState, DisposalWay
from oversight.models import Complaint, ComplaintAttachment
from oversight.rules.complaints import is_overdue


class AttachmentSerializer(serializers.ModelSerializer):
    """A file that came with the complaint; `GET .../attachments/{id}/` downloads it (recorded)."""

    class Meta:
        model = ComplaintAttachment
        fields = ["id", "name", "content_type", "size", "uploaded_at"]
        read_only_fields = fields


class AttachmentInput(serializers.Serializer):
    files = serializers.ListField(child=serializers.FileField(), allow_empty=False, max_length=10)


class ComplaintSerializer(serializers.ModelSerializer):
    attachments = AttachmentSerializer(many=True, read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    subject_names = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField(help_text="Past its acceptance or conclusion deadline today.")

    class Meta:
        model = Complaint
        fields = [
            "id",
            "unit",
            "unit_name",
            "subjects",
            "subject_names",
            "channel",
            "received_on",
            "category",
            "content",
            "reporter_anonymous",
            "state",
            "accept_due",
            "decided_on",
            "reject_reason",
            "conclude_due",
            "extended",
            "disposal_way",
            "disposed_on",
            "disposal_reason",
            "result",
            "concluded_on",
            "result_reason",
            "told_acceptance_on",
            "told_result_on",
            "overdue",
            "attachments",
        ]
        read_only_fields = fields

    def get_subject_names(self, complaint) -> list[str]:
        return [c.name for c in complaint.subjects.all()]

    def get_overdue(self, complaint) -> bool:
        today = timezone.localdate()
        if complaint.state == ComplaintState.REGISTERED:
            return is_overdue(due=complaint.accept_due, on=today)
        if complaint.state in (ComplaintState.ACCEPTED, ComplaintState.DISPOSED):
            return is_overdue(due=complaint.conclude_due, on=today)
        return False


class ComplaintRegisteredSerializer(ComplaintSerializer):
    query_code = serializers.CharField(
        read_only=True,
        help_text="Online complaints only: the code the reporter follows the status with (shown once).",
    )

    class Meta(ComplaintSerializer.Meta):
        fields = [*ComplaintSerializer.Meta.fields, "query_code"]
        read_only_fields = fields


class ComplaintInput(serializers.Serializer):
    unit = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    subjects = ScopedPrimaryKeyRelatedField(
        queryset=Cadre.objects.select_related("unit"), many=True, required=False
    )
    channel = serializers.ChoiceField(choices=Complaint._meta.get_field("channel").choices)
    received_on = RangedDateField(label=_("received on"))
    category = serializers.ChoiceField(choices=Complaint._meta.get_field("category").choices)
    content = serializers.CharField(max_length=20000)
    reporter_anonymous = serializers.BooleanField(default=True)
    reporter_name = serializers.CharField(max_length=50, required=False, allow_blank=True, write_only=True)
    reporter_phone = serializers.CharField(max_length=30, required=False, allow_blank=True, write_only=True)
    reporter_address = serializers.CharField(
        max_length=500, required=False, allow_blank=True, write_only=True
    )


class AcceptInput(serializers.Serializer):
    decided_on = RangedDateField(label=_("decided on"))


class RejectInput(AcceptInput):
    reason = serializers.CharField(max_length=5000)


class DisposeInput(AcceptInput):
    way = serializers.ChoiceField(choices=DisposalWay.choices)
    reason = serializers.CharField(max_length=5000, allow_blank=True, required=False, default="")


class ConcludeInput(AcceptInput):
    result = serializers.ChoiceField(choices=ComplaintResult.choices)
    reason = serializers.CharField(max_length=5000, allow_blank=True, required=False, default="")


class TellInput(serializers.Serializer):
    about = serializers.ChoiceField(choices=[("acceptance", _("Acceptance")), ("result", _("Result"))])
    told_on = RangedDateField(label=_("told on"))


class SubjectsInput(serializers.Serializer):
    subjects = ScopedPrimaryKeyRelatedField(
        queryset=Cadre.objects.select_related("unit"), many=True, help_text="The cadres complained about."
    )


class RecuseInput(serializers.Serializer):
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))


class ReporterSerializer(serializers.Serializer):
    anonymous = serializers.BooleanField()
    name = serializers.CharField()
    phone = serializers.CharField()
    address = serializers.CharField()


class FilingInput(serializers.Serializer):
    """网上举报 without an account: the cadres are named in words, the reporter is optional."""

    unit = serializers.PrimaryKeyRelatedField(
        queryset=OrgUnit.objects.filter(active=True), help_text="The unit concerned (any active unit)."
    )
    named = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    category = serializers.ChoiceField(choices=Complaint._meta.get_field("category").choices)
    content = serializers.CharField(max_length=20000)
    reporter_anonymous = serializers.BooleanField(default=True)
    reporter_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    reporter_phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    reporter_address = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    files = serializers.ListField(child=serializers.FileField(), required=False, max_length=5, default=list)


class FiledSerializer(serializers.Serializer):
    query_code = serializers.CharField(help_text="Shown this once; only its hash is kept.")
    state = serializers.CharField()
    accept_due = serializers.DateField()


class StatusQuery(QuerySerializer):
    code = serializers.CharField(
        max_length=64, help_text="The query code given when the complaint was filed online."
    )


class StatusSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=ComplaintState.choices)
    state_label = serializers.CharField()
