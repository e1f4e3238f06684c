from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from appraisal.models import (
    AppraisalCycle,
    AppraisalResult,
    AppraisalSettings,
    GradeCeiling,
    Indicator,
    IndicatorTemplate,
    Participant,
    RaterGroup,
    TemplateIndicator,
)
from appraisal.services import appraisal_result_save
from appraisal.services.cycles import cycle_save
from core.scoped_admin import ScopedAdmin

# Ballots and ballot codes have no admin page: there is nothing about them to edit, and their
# counts per group are on the cycle's page.


@admin.register(AppraisalResult)
class AppraisalResultAdmin(ScopedAdmin):
    list_display = ["cadre", "year", "grade", "note"]
    list_filter = ["year", "grade"]
    search_fields = ["cadre__name"]
    list_select_related = ["cadre"]
    autocomplete_fields = ["cadre"]
    service = staticmethod(appraisal_result_save)
    service_kwarg = "result"


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ParticipantInline(ReadOnlyInline):
    model = Participant
    fields = ["cadre", "unit", "added_by_hr", "removed", "reason", "ceiling", "composite", "grade"]
    readonly_fields = fields


class IndicatorInline(ReadOnlyInline):
    model = Indicator
    fields = ["dimension", "name", "weight"]
    readonly_fields = fields


class RaterGroupInline(ReadOnlyInline):
    model = RaterGroup
    fields = ["name", "weight"]
    readonly_fields = fields


@admin.register(AppraisalCycle)
class AppraisalCycleAdmin(ScopedAdmin):
    """Set-up and the steps go through the HR pages and the API; here the name and last day."""

    list_display = ["name", "kind", "year", "quarter", "unit", "on", "closes_on", "state"]
    list_filter = ["kind", "state", "year"]
    search_fields = ["name"]
    list_select_related = ["unit"]
    fields = ["name", "closes_on", "kind", "year", "quarter", "unit", "on", "state", "scoring_kind"]
    readonly_fields = ["kind", "year", "quarter", "unit", "on", "state", "scoring_kind"]
    inlines = [IndicatorInline, RaterGroupInline, ParticipantInline]
    service = staticmethod(cycle_save)
    service_kwarg = "cycle"

    def has_add_permission(self, request):
        return False


@admin.register(AppraisalSettings)
class AppraisalSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "excellent_quota_percent", "quota_basis", "excellent_min", "competent_min"]

    def has_add_permission(self, request):
        return not AppraisalSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GradeCeiling)
class GradeCeilingAdmin(SimpleHistoryAdmin):
    list_display = ["sanction_kind", "ceiling", "applies", "reason"]
    list_editable = ["ceiling", "applies", "reason"]


class TemplateIndicatorInline(admin.TabularInline):
    model = TemplateIndicator
    extra = 1


@admin.register(IndicatorTemplate)
class IndicatorTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["name", "scoring_kind"]
    inlines = [TemplateIndicatorInline]
