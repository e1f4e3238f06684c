from rest_framework import serializers

from cadres.models import OrgUnit, Post, PostLevel, PostQuota
from core.api.scoping import ScopedPrimaryKeyRelatedField


class LevelStaffingSerializer(serializers.Serializer):
    level = serializers.IntegerField(source="level.pk")
    level_name = serializers.CharField(source="level.name")
    approved = serializers.IntegerField()
    filled = serializers.IntegerField()
    vacant = serializers.IntegerField()
    over_quota = serializers.IntegerField()


class OrgUnitSerializer(serializers.ModelSerializer):
    parent = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), allow_null=True, required=False)

    class Meta:
        model = OrgUnit
        validators = []  # constraints are checked by the service, on their fields (core.constraints)
        fields = ["id", "code", "name", "kind", "parent", "order", "active", "path"]
        read_only_fields = ["path"]


class OrgUnitDetailSerializer(OrgUnitSerializer):
    staffing = serializers.SerializerMethodField()

    class Meta(OrgUnitSerializer.Meta):
        fields = [*OrgUnitSerializer.Meta.fields, "staffing"]

    def get_staffing(self, unit) -> list[dict]:
        rows = self.context.get("staffing", {}).get(unit.pk, [])
        return LevelStaffingSerializer(rows, many=True).data


class PostLevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = PostLevel
        fields = ["id", "code", "name", "rank", "tier", "is_principal", "party_standing_years", "active"]


class PostSerializer(serializers.ModelSerializer):
    unit = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all())

    class Meta:
        model = Post
        fields = ["id", "unit", "title", "level", "category", "is_key", "order", "active"]


class PostQuotaSerializer(serializers.ModelSerializer):
    unit = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all())

    class Meta:
        model = PostQuota
        validators = []  # constraints are checked by the service, on their fields (core.constraints)
        fields = ["id", "unit", "level", "approved", "note"]
