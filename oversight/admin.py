from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.scoped_admin import ScopedAdmin
from oversight.models import (
    REPORTER_FIELDS,
    Case,
    CaseNote,
    Complaint,
    ComplaintSettings,
    EffectPeriod,
    IntegrityOpinion,
    LetterInquiry,
    Sanction,
)
from oversight.selectors.complaints import complaints_visible
from oversight.services import sanction_save


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


from oversight import admin_musts  # noqa: E402, F401  the four musts' records
