"""Admin of the four musts' records. Records that move through services are read-only here;
personal-matters contents are never on these pages (they are read, and logged, on the report
page and the API); papers in custody and registrations save through their services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.scoped_admin import ScopedAdmin
from oversight.models import (
    ExitRegistration,
    FileReview,
    FileReviewItem,
    MattersCheck,
    MustsSettings,
    PersonalMattersReport,
    RandomDraw,
    TravelDocument,
    TripRequest,
)
from oversight.services.travel import document_save, registration_save


class _ReadOnly(ScopedAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MustsSettings)
class MustsSettingsAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "file_review_months",
        "filing_tier",
        "random_share_percent",
        "passport_return_days",
        "hand_in_days",
    ]

    def has_add_permission(self, request):
        return not MustsSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class FileReviewItemInline(admin.TabularInline):
    model = FileReviewItem
    fields = ["item", "record_value", "file_value", "material", "finding", "resolved_on"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(FileReview)
class FileReviewAdmin(_ReadOnly):
    list_display = ["cadre", "reviewed_on", "selection", "open_doubts", "reviewer"]
    list_select_related = ["cadre", "reviewer", "selection"]
    date_hierarchy = "reviewed_on"
    inlines = [FileReviewItemInline]


@admin.register(PersonalMattersReport)
class PersonalMattersReportAdmin(_ReadOnly):
    list_display = ["cadre", "year", "due_on", "received_on"]
    list_filter = ["year"]
    list_select_related = ["cadre"]


@admin.register(MattersCheck)
class MattersCheckAdmin(_ReadOnly):
    list_display = ["report", "kind", "target", "selection", "checked_on", "handling"]
    list_filter = ["kind", "target", "handling"]
    list_select_related = ["report__cadre"]
    exclude = ["handling_note"]


@admin.register(RandomDraw)
class RandomDrawAdmin(SimpleHistoryAdmin):
    list_display = ["year", "drawn_on", "seed", "share_percent", "population", "drawn_by"]
    readonly_fields = ["year", "drawn_on", "seed", "share_percent", "population", "drawn_by"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TravelDocument)
class TravelDocumentAdmin(ScopedAdmin):
    list_display = ["cadre", "kind", "number", "expires_on", "received_on", "box", "released_on"]
    list_filter = ["kind"]
    search_fields = ["cadre__name", "number"]
    list_select_related = ["cadre"]
    autocomplete_fields = ["cadre"]
    service = staticmethod(document_save)
    service_kwarg = "document"


@admin.register(ExitRegistration)
class ExitRegistrationAdmin(ScopedAdmin):
    list_display = ["cadre", "papers_due", "papers_handed_in", "filed_on", "filing_document", "ended_on"]
    list_select_related = ["cadre"]
    autocomplete_fields = ["cadre"]
    readonly_fields = ["appointment"]
    service = staticmethod(registration_save)
    service_kwarg = "registration"


@admin.register(TripRequest)
class TripRequestAdmin(_ReadOnly):
    list_display = ["cadre", "destination", "departs_on", "returns_on", "state"]
    list_filter = ["state"]
    list_select_related = ["cadre"]
