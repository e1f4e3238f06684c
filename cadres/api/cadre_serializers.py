import datetime
from functools import cached_property

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cadres.models import Appointment, Cadre, FamilyMember, OrgUnit, Post
from cadres.rules.tenure import add_years
from cadres.selectors.eligibility import selection_figures
from cadres.selectors.profile import age_on, cadre_profile
from cadres.selectors.visibility import hidden_cadre_fields, id_number_shown, masked_sent_back
from core.api.scoping import ScopedPrimaryKeyRelatedField
from core.api.serializers import representer


class CurrentPostSerializer(serializers.ModelSerializer):
    post_title = serializers.CharField(source="post.title")
    unit = serializers.IntegerField(source="post.unit_id")
    unit_name = serializers.CharField(source="post.unit.name")
    level = serializers.CharField(source="post.level.name")

    class Meta:
        model = Appointment
        fields = [
            "id",
            "post",
            "post_title",
            "unit",
            "unit_name",
            "level",
            "is_primary",
            "start_date",
            "kind",
        ]


class FamilyMemberSerializer(serializers.ModelSerializer):
    relative_cadre = ScopedPrimaryKeyRelatedField(
        queryset=Cadre.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = FamilyMember
        fields = [
            "relation",
            "name",
            "birth_date",
            "political_status",
            "work_unit_post",
            "settled_abroad",
            "relative_cadre",
        ]


class CadreSerializer(serializers.ModelSerializer):
    unit = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    age = serializers.SerializerMethodField()
    current_posts = serializers.SerializerMethodField()

    class Meta:
        model = Cadre
        fields = [
            "id",
            "unit",
            "name",
            "gender",
            "birth_date",
            "id_number",
            "ethnicity",
            "native_place",
            "birthplace",
            "political_status",
            "democratic_party",
            "party_join_date",
            "work_start_date",
            "health",
            "professional_title",
            "title_grade",
            "specialities",
            "education",
            "degree",
            "education_school",
            "inservice_education",
            "inservice_degree",
            "inservice_school",
            "retirement_category",
            "retirement_override",
            "retirement_date",
            "age",
            "status",
            "current_posts",
        ]
        read_only_fields = ["retirement_date"]
        extra_kwargs = {
            "retirement_category": {"required": False},
            # The service names the cadre holding the number, when the user may see him (core.constraints).
            "id_number": {"validators": []},
        }

    def get_age(self, cadre) -> int:
        return age_on(cadre.birth_date, self.context["on"])

    @extend_schema_field(CurrentPostSerializer(many=True))
    def get_current_posts(self, cadre):
        appointments = getattr(cadre, "current_appointments", None) or []
        return [self._current_post(a) for a in appointments]

    @cached_property
    def _current_post(self):
        # One serializer for every row: a new one per cadre rebuilt its fields 20 times a page.
        return representer(CurrentPostSerializer(context=self.context))

    def rows(self, cadres) -> list[dict]:
        """What `to_representation` gives each cadre, for a list page: the fields are looked up
        once, not once per row and value (core.api.serializers.representer)."""
        represent = representer(self)
        return [self._shown(represent(cadre)) for cadre in cadres]

    def _user(self):
        request = self.context.get("request")
        return request.user if request else None

    def get_fields(self):
        # A field the user may not read (core.visibility) is neither sent nor written.
        fields = super().get_fields()
        if getattr(self.context.get("view"), "swagger_fake_view", False):  # the schema shows them all
            return fields
        for name in hidden_cadre_fields(user=self._user()) & set(fields):
            del fields[name]
        return fields

    def to_representation(self, cadre):
        return self._shown(super().to_representation(cadre))

    def _shown(self, data: dict) -> dict:
        if data.get("id_number"):
            data["id_number"] = id_number_shown(user=self._user(), number=data["id_number"])
        return data

    def validate_id_number(self, value):
        # A client that read the masked number and sends it back means "unchanged".
        if masked_sent_back(cadre=self.instance, value=value):
            return self.instance.id_number
        return value


class CadreDetailSerializer(CadreSerializer):
    family = FamilyMemberSerializer(many=True, required=False)
    profile = serializers.SerializerMethodField()
    confirm = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="Save implausible dates (work start before 16, party entry before 18, a family "
        "member's birth far from the cadre's) after checking them; without it such a save is refused "
        "with `confirmation_required` listing the `warnings`.",
    )

    class Meta(CadreSerializer.Meta):
        fields = [
            *CadreSerializer.Meta.fields,
            "resume",
            "rewards_punishments",
            "appraisal_summary",
            "lrmx_pre_reform_age_limit",
            "family",
            "profile",
            "confirm",
        ]

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "work_years": {"type": ["string", "null"]},
                "party_standing": {"type": ["string", "null"]},
                "in_current_post": {"type": ["string", "null"]},
                "at_current_level": {"type": ["string", "null"]},
                "months_to_retirement": {"type": "integer"},
                "pre_reform_age_limit": {"type": ["integer", "null"]},
            },
        }
    )
    def get_profile(self, cadre):
        profile = cadre_profile(cadre=cadre, on=self.context["on"])
        return {
            "work_years": str(profile.work_years) if profile.work_years else None,
            "party_standing": str(profile.party_standing) if profile.party_standing else None,
            "in_current_post": str(profile.in_current_post) if profile.in_current_post else None,
            "at_current_level": str(profile.at_current_level) if profile.at_current_level else None,
            "months_to_retirement": profile.months_to_retirement,
            "pre_reform_age_limit": profile.pre_reform_age_limit,
        }


class DateWarningSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="The field, dotted for a family member: family.0.birth_date.")
    code = serializers.CharField(help_text="work_start_young, party_entry_young or family_birth_implausible.")
    message = serializers.CharField()


class FieldErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class CadreSaveErrorSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="The first error's code: `confirmation_required` when only implausible dates stand in "
        "the way; `date_in_future` or `before_birth` for an impossible date; any other field error."
    )
    message = serializers.CharField()
    fields = serializers.DictField(child=FieldErrorSerializer(many=True))
    warnings = DateWarningSerializer(
        many=True,
        required=False,
        help_text="With `confirmation_required`: the dates to check; send "
        'the request again with `"confirm": true` to save them.',
    )


class AppointmentSerializer(serializers.ModelSerializer):
    cadre = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.all())
    post = ScopedPrimaryKeyRelatedField(queryset=Post.objects.all())
    close_previous_primary = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="End the cadre's current primary post on this start date (免去原职务).",
    )
    term_end = serializers.SerializerMethodField(
        help_text="The day the term (任期) that began on start_date ends, by the term years in force."
    )

    class Meta:
        model = Appointment
        fields = [
            "id",
            "cadre",
            "post",
            "start_date",
            "end_date",
            "document_no",
            "kind",
            "is_primary",
            "leave_reason",
            "close_previous_primary",
            "probation_end",
            "probation_result",
            "term_end",
        ]
        validators = []  # constraints are checked by the service, on their fields (core.constraints)
        read_only_fields = ["probation_end", "probation_result"]

    def get_term_end(self, appointment: Appointment) -> datetime.date:
        # One settings read per response, shared by the rows of a list.
        if "term_years" not in self.context:
            self.context["term_years"] = selection_figures().term_years
        return add_years(start=appointment.start_date, years=self.context["term_years"])
