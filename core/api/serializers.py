from rest_framework import serializers

from core.roles import user_roles
from core.visibility import visible_facts


class ScopeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    path = serializers.CharField()


class RoleSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField(source="group")


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField(source="display_name")
    is_superuser = serializers.BooleanField()
    roles = serializers.SerializerMethodField()
    scope = ScopeSerializer(source="scope_unit", allow_null=True)
    facts = serializers.SerializerMethodField(
        help_text="The sensitive facts this user may see (core.visibility): "
        "full_id_number, sanctions, appraisal_grades, family_members, complaints, integrity_opinions."
    )

    def get_roles(self, user) -> list[dict]:
        return RoleSerializer(user_roles(user), many=True).data

    def get_facts(self, user) -> list[str]:
        return sorted(visible_facts(user))


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"})


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()
