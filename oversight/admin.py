from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from core.scoped_admin import ScopedAdmin
from oversight.models import (
    REPORTER_FIELDS,
    Case,
    CaseNote,
    Complaint,
    ComplaintSettings,
    DutyReport,
    EffectPeriod,
    IntegrityOpinion,
    IntegrityRisk,
    LetterInquiry,
    MeetingFinding,
    ResponsibilityLetter,
    RiskReview,
    RiskReviewEntry,
    Sanction,
    SupervisedMeeting,
    SupervisedTask,
    TaskProgress,
)
from oversight.selectors.complaints import complaints_visible
from oversight.services import sanction_save
from oversight.services.risks import risk_check, risk_save


@admin.register(Sanction)
class SanctionAdmin(ScopedAdmin):
    list_display = ["cadre", "kind", "decision_date", "effect_end", "no_higher_post_end", "document_no"]
    list_filter = ["kind"]
    search_fields = ["cadre__name", "document_no"]
    list_select_related = ["cadre"]
    autocomplete_fields = ["cadre"]
    readonly_fields = ["effect_end", "no_higher_post_end"]
    date_hierarchy = "decision_date"
    service = staticmethod(sanction_save)
    service_kwarg = "sanction"


@admin.register(EffectPeriod)
class EffectPeriodAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "months", "no_higher_post_months"]
    list_editable = ["months", "no_higher_post_months"]

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ScopedAdmin):
    """Records that move only through their steps' services (workspace and API): listed and
    shown here, never added, changed or deleted."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    """Read-only here: complaints move through their steps in the workspace and the API. The
    reporter's fields are never on these pages (the explicit "show" is the workspace's), and the
    history view lists rows that keep no reporter column (oversight.models.complaints)."""

    list_display = ["id", "received_on", "channel", "category", "unit", "state", "accept_due", "conclude_due"]
    list_filter = ["state", "channel", "category", "disposal_way"]
    list_select_related = ["unit"]
    date_hierarchy = "received_on"
    exclude = [*REPORTER_FIELDS, "query_code_hash"]

    def get_queryset(self, request):
        return complaints_visible(user=request.user)


@admin.register(ComplaintSettings)
class ComplaintSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "accept_days", "conclude_days", "extension_days", "day_mode"]

    def has_add_permission(self, request):
        return not ComplaintSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class CaseNoteInline(admin.TabularInline):
    model = CaseNote
    fields = ["text", "written_by", "written_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    """Read-only here: cases are opened and concluded in the API, through their services."""

    list_display = ["cadre", "opened_on", "state", "outcome", "form", "sanction_kind", "decided_on"]
    list_filter = ["state", "outcome", "form"]
    search_fields = ["cadre__name"]
    list_select_related = ["cadre"]
    inlines = [CaseNoteInline]


@admin.register(IntegrityOpinion)
class IntegrityOpinionAdmin(ReadOnlyAdmin):
    """Read-only here: asked for with each candidate or by HR, answered in the workspace or the API."""

    list_display = ["cadre", "selection", "state", "requested_on", "opinion", "answered_on"]
    list_filter = ["state", "opinion"]
    search_fields = ["cadre__name"]
    list_select_related = ["cadre", "selection__post"]
    exclude = ["draft"]  # it counts complaints: for discipline staff, on the workspace page


@admin.register(LetterInquiry)
class LetterInquiryAdmin(ReadOnlyAdmin):
    """Read-only here: sent, replied and concluded in the API, through their services."""

    list_display = ["cadre", "sent_on", "state", "replied_on", "concluded_on"]
    list_filter = ["state"]
    search_fields = ["cadre__name"]
    list_select_related = ["cadre"]


# The yearly conduct work: the register is edited here through its service; letters, reports,
# reviews, meetings and tasks move through their steps in the pages and the API, shown here.


class IntegrityRiskForm(forms.ModelForm):
    class Meta:
        model = IntegrityRisk
        fields = ["unit", "post", "risk", "level", "controls", "owner", "active"]

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the form's values
        if not self.errors:
            try:
                risk_check(self.instance)  # the service's own check: its refusal is a field error here
            except ValidationError as exc:
                self._update_errors(exc)


@admin.register(IntegrityRisk)
class IntegrityRiskAdmin(ScopedAdmin):
    form = IntegrityRiskForm
    list_display = ["risk", "unit", "post", "level", "owner", "active"]
    list_filter = ["level", "active"]
    search_fields = ["risk", "unit__name", "post__title"]
    list_select_related = ["unit", "post", "owner"]
    autocomplete_fields = ["unit", "owner"]
    raw_id_fields = ["post"]
    service = staticmethod(risk_save)
    service_kwarg = "risk"


@admin.register(ResponsibilityLetter)
class ResponsibilityLetterAdmin(ReadOnlyAdmin):
    list_display = ["year", "tier", "issuer_post", "signatory_post", "unit", "sign_by", "state", "signed_on"]
    list_filter = ["year", "tier", "state"]
    list_select_related = ["issuer_post__unit", "signatory_post__unit", "unit"]


@admin.register(DutyReport)
class DutyReportAdmin(ReadOnlyAdmin):
    list_display = ["cadre", "year", "due_on", "state", "grade"]
    list_filter = ["year", "state", "grade"]
    search_fields = ["cadre__name"]
    list_select_related = ["cadre"]


class RiskReviewEntryInline(admin.TabularInline):
    model = RiskReviewEntry
    fields = ["post", "outcome", "note", "reviewed_on"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(RiskReview)
class RiskReviewAdmin(ReadOnlyAdmin):
    list_display = ["name", "year", "unit", "started_on", "closes_on"]
    list_filter = ["year"]
    inlines = [RiskReviewEntryInline]


class MeetingFindingInline(admin.TabularInline):
    model = MeetingFinding
    fields = ["text", "follow_up"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SupervisedMeeting)
class SupervisedMeetingAdmin(ReadOnlyAdmin):
    list_display = ["held_on", "kind", "title", "unit", "attendee"]
    list_filter = ["kind"]
    search_fields = ["title"]
    list_select_related = ["unit", "attendee"]
    inlines = [MeetingFindingInline]


class TaskProgressInline(admin.TabularInline):
    model = TaskProgress
    fields = ["reported_on", "kind", "text"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SupervisedTask)
class SupervisedTaskAdmin(ReadOnlyAdmin):
    list_display = ["title", "owner_unit", "deadline", "state", "done_on", "source_type"]
    list_filter = ["state"]
    search_fields = ["title", "decision"]
    list_select_related = ["owner_unit", "source_type"]
    inlines = [TaskProgressInline]


from oversight import admin_musts  # noqa: E402, F401  the four musts' records
