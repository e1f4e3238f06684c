"""Shapes of the letter inquiry API (函询)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cadres.models import Cadre
from core.api.fields import RangedDateField
from core.api.scoping import ScopedPrimaryKeyRelatedField
from oversight.api.case_serializers import VisibleComplaintField
from oversight.models import Complaint, LetterInquiry


class InquirySerializer(serializers.ModelSerializer):
    cadre_name = serializers.CharField(source="cadre.name", read_only=True)

    class Meta:
        model = LetterInquiry
        fields = [
            "id",
            "cadre",
            "cadre_name",
            "complaint",
            "state",
            "sent_on",
            "letter",
            "replied_on",
            "reply",
            "concluded_on",
            "conclusion",
        ]
        read_only_fields = fields


class InquiryInput(serializers.Serializer):
    cadre = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.select_related("unit"))
    complaint = VisibleComplaintField(queryset=Complaint.objects.all(), required=False, allow_null=True)
    sent_on = RangedDateField(label=_("sent on"))
    letter = serializers.CharField(max_length=20000)


class ReplyInput(serializers.Serializer):
    replied_on = RangedDateField(label=_("replied on"))
    reply = serializers.CharField(max_length=20000)


class InquiryConcludeInput(serializers.Serializer):
    concluded_on = RangedDateField(label=_("concluded on"))
    conclusion = serializers.CharField(max_length=5000)
