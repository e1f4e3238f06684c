"""Input and output shapes of the selection workflow API; the rules live in the services."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cadres.models import (
    Cadre,
    CheckKind,
    CheckResult,
    Objection,
    OrgUnit,
    Post,
    PostLevel,
    ProbationResult,
    ProcessEvent,
    RecommendationKind,
    ReserveCadre,
    SelectionCandidate,
    SelectionProcess,
)
from cadres.selectors.checks import candidate_checks, computed_states
from cadres.selectors.due import due_kinds
from cadres.selectors.eligibility import reasons_visible
from core import ranges
from core.api.fields import QuerySerializer, RangedDateField, RangedIntegerField
from core.api.scoping import ScopedPrimaryKeyRelatedField


def scoped_cadre():
    return ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.all())


def step_date(help_text="The day of the step; today when left out. Not after today."):
    return serializers.DateField(required=False, help_text=help_text)


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    severity = serializers.ChoiceField(choices=["block", "warn"])
    rule = serializers.CharField()
    message = serializers.CharField()
    relaxable = serializers.BooleanField(
        default=False, help_text="Whether an exceptional promotion (破格) may relax this block."
    )


class EligibilitySerializer(serializers.Serializer):
    eligible = serializers.BooleanField()
    reasons = ReasonSerializer(many=True)


class EligibilityQuerySerializer(QuerySerializer):
    post = ScopedPrimaryKeyRelatedField(
        queryset=Post.objects.select_related("level", "unit"), help_text="The target post."
    )
    on = RangedDateField(required=False, label=_("As-of date"))


class CheckSerializer(serializers.Serializer):
    """One of the four musts: recorded by HR, or computed (`computed`) from another system's
    records, e.g. the integrity opinion. `state` is clear or open, `reason` says why."""

    check = serializers.ChoiceField(choices=CheckKind.choices)
    result = serializers.ChoiceField(choices=CheckResult.choices, allow_null=True)
    note = serializers.CharField(allow_blank=True)
    date = serializers.DateField(allow_null=True)
    checked_at = serializers.DateTimeField(allow_null=True)
    state = serializers.ChoiceField(choices=[("clear", "clear"), ("open", "open")])
    reason = serializers.CharField(allow_blank=True)
    computed = serializers.BooleanField()
    override = serializers.BooleanField(help_text="A computed check cleared by an administrator's override.")
    warning = serializers.CharField(allow_blank=True, help_text="Shown beside the state; never blocks.")
    links = serializers.ListField(child=serializers.CharField(), help_text="Pages of the records behind it.")


class CandidateSerializer(serializers.ModelSerializer):
    cadre_name = serializers.CharField(source="cadre.name")
    checks = serializers.SerializerMethodField()
    eligibility = serializers.SerializerMethodField()
    override_by = serializers.CharField(source="override_by.display_name", default="")
    relaxed_codes = serializers.ListField(
        child=serializers.CharField(), help_text="The eligibility codes the exceptional promotion relaxed."
    )

    class Meta:
        model = SelectionCandidate
        fields = [
            "id",
            "cadre",
            "cadre_name",
            "added_date",
            "override_reason",
            "override_document",
            "override_by",
            "override_at",
            "relaxed_codes",
            "eligibility",
            "checks",
            "votes_for",
            "approved",
        ]

    @extend_schema_field(CheckSerializer(many=True))
    def get_checks(self, candidate):
        # The computed checks of all the process's candidates in one call, not one per candidate.
        computed = self.context.setdefault("computed_checks", {})
        if candidate.process_id not in computed:
            computed[candidate.process_id] = computed_states(list(candidate.process.candidates.all()))
        rows = candidate_checks(
            candidate, user=self.context["request"].user, computed=computed[candidate.process_id]
        )
        return CheckSerializer(rows, many=True).data

    @extend_schema_field(ReasonSerializer(many=True))
    def get_eligibility(self, candidate):
        # The record keeps every reason; a reader sees those their role may see (core.visibility).
        return reasons_visible(candidate.eligibility or [], user=self.context["request"].user)


class ObjectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Objection
        fields = ["id", "cadre", "content", "received_date", "resolved_date", "resolution"]


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.display_name", default="")

    class Meta:
        model = ProcessEvent
        fields = ["at", "step", "summary", "actor"]


class SelectionSerializer(serializers.ModelSerializer):
    post = ScopedPrimaryKeyRelatedField(queryset=Post.objects.select_related("unit"))
    post_title = serializers.CharField(source="post.title", read_only=True)
    unit_name = serializers.CharField(source="post.unit.name", read_only=True)

    class Meta:
        model = SelectionProcess
        fields = [
            "id",
            "post",
            "post_title",
            "unit_name",
            "state",
            "analysis",
            "method",
            "notice_start",
            "notice_end",
            "decision_date",
            "vacancy_date",
            "members_total",
            "members_present",
            "appointment",
            "created_at",
        ]
        extra_kwargs = {
            "vacancy_date": {"help_text": "Required when the post is held: the date it will be vacant."}
        }
        read_only_fields = [
            "state",
            "notice_start",
            "notice_end",
            "decision_date",
            "members_total",
            "members_present",
            "appointment",
            "created_at",
        ]
        validators = []  # one open process per post: the service answers with `selection_open`


class SelectionWarningSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=["post_held", "quota_full"])
    message = serializers.CharField()


class SelectionStartedSerializer(SelectionSerializer):
    """The started process with what to heed: `post_held` (the holder, when in the user's scope)
    and `quota_full` (the unit's quota for the post's level is full on the vacancy date)."""

    warnings = SelectionWarningSerializer(many=True, read_only=True)

    class Meta(SelectionSerializer.Meta):
        fields = [*SelectionSerializer.Meta.fields, "warnings"]


class SelectionDetailSerializer(SelectionSerializer):
    candidates = CandidateSerializer(many=True, read_only=True)
    objections = ObjectionSerializer(many=True, read_only=True)
    events = EventSerializer(many=True, read_only=True)

    class Meta(SelectionSerializer.Meta):
        fields = [*SelectionSerializer.Meta.fields, "candidates", "objections", "events"]


class VoteSerializer(serializers.Serializer):
    cadre = scoped_cadre()
    count = serializers.IntegerField(min_value=0)


class RecommendationInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RecommendationKind.choices)
    participants = serializers.IntegerField(min_value=1)
    votes = VoteSerializer(many=True)
    date = step_date()


class CandidateInput(serializers.Serializer):
    cadre = scoped_cadre()
    override_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Exceptional promotion (破格): why; only relaxable blocks may be relaxed.",
    )
    override_document = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=100,
        help_text="The higher organisation department's consent document number; required with a reason.",
    )
    date = step_date("The day the candidate is chosen, on or after the recommendation; today when left out.")


class CheckInput(serializers.Serializer):
    cadre = scoped_cadre()
    check = serializers.ChoiceField(choices=CheckKind.choices)
    result = serializers.ChoiceField(choices=CheckResult.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text="An administrator's override of a computed check: why it is cleared (required then).",
    )
    date = step_date("The day of the check, on or after the candidate was chosen; today when left out.")


class DecisionVoteSerializer(serializers.Serializer):
    cadre = scoped_cadre()
    votes_for = serializers.IntegerField(min_value=0)

    def to_internal_value(self, data):
        # The API spells it "for", a Python keyword.
        if isinstance(data, dict) and "for" in data:
            data = {**data, "votes_for": data["for"]}
        return super().to_internal_value(data)


class DecisionInput(serializers.Serializer):
    members_total = serializers.IntegerField(min_value=1)
    members_present = serializers.IntegerField(min_value=0)
    votes = DecisionVoteSerializer(many=True)
    decision_date = step_date("On or after the last check; today when left out.")


class NoticeInput(serializers.Serializer):
    start_date = step_date("On or after the decision; today when left out.")


class NoticeOutput(serializers.Serializer):
    start_date = serializers.DateField(source="notice_start")
    end_date = serializers.DateField(source="notice_end")


class ObjectionInput(serializers.Serializer):
    cadre = scoped_cadre()
    content = serializers.CharField()
    received_date = step_date("Within the public notice; today when left out.")


class ObjectionResolveInput(serializers.Serializer):
    resolution = serializers.CharField()
    upheld = serializers.BooleanField()
    resolved_date = step_date("On or after the objection was received; today when left out.")


class AppointInput(serializers.Serializer):
    cadre = scoped_cadre()
    document_no = serializers.CharField()
    start_date = serializers.DateField(
        help_text="After the end of the public notice; may be later than today."
    )


class WithdrawInput(serializers.Serializer):
    reason = serializers.CharField(help_text="Why the process ends; kept in the process record.")


class ProbationReviewInput(serializers.Serializer):
    result = serializers.ChoiceField(choices=[ProbationResult.CONFIRMED, ProbationResult.REVERSED])
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReserveCadreSerializer(serializers.ModelSerializer):
    cadre = ScopedPrimaryKeyRelatedField(queryset=Cadre.objects.all())
    cadre_name = serializers.CharField(source="cadre.name", read_only=True)
    target_level = serializers.PrimaryKeyRelatedField(queryset=PostLevel.objects.all())

    class Meta:
        model = ReserveCadre
        validators = []  # constraints are checked by the service, on their fields (core.constraints)
        fields = [
            "id",
            "cadre",
            "cadre_name",
            "target_level",
            "nomination_date",
            "development_plan",
            "status",
        ]


class PostEligibilitySerializer(serializers.Serializer):
    post = serializers.IntegerField(source="post.pk")
    post_title = serializers.CharField(source="post.title")
    unit_name = serializers.CharField(source="post.unit.name")
    eligible = serializers.BooleanField()
    reasons = ReasonSerializer(many=True)


class DueItemSerializer(serializers.Serializer):
    kind = serializers.CharField()
    due_date = serializers.DateField()
    cadre = serializers.IntegerField(source="cadre.pk")
    cadre_name = serializers.CharField(source="cadre.name")
    unit = serializers.IntegerField(source="unit_id")
    unit_name = serializers.CharField()
    detail = serializers.CharField()
    object_id = serializers.IntegerField()
    overdue = serializers.BooleanField(
        help_text="The due date has passed (a retirement overdue comes first)."
    )


class DueQuerySerializer(QuerySerializer):
    days = RangedIntegerField(bounds=ranges.DAYS, default=90, label=_("Next days"))
    kind = serializers.ChoiceField(choices=[], required=False)
    unit = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Other systems register their kinds in ready(), after this module may be imported.
        self.fields["kind"].choices = due_kinds()
