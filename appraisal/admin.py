from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from appraisal.models import (
    AppraisalCycle,
    AppraisalResult,
    AppraisalSettings,
    GradeCeiling,
    Indicator,
    IndicatorTemplate,
    LeadershipTeam,
    Objection,
    Participant,
    Publication,
    RaterGroup,
    ResultAppeal,
    SelfReport,
    TemplateIndicator,
)
from appraisal.services import appraisal_result_save
from appraisal.services.cycles import cycle_save
from appraisal.services.reports import REPORT_STATES, report_file_check, self_report_save
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


def _self_report_save(*, report: SelfReport, acting_user):
    upload = report.file if report.file and not report.file._committed else None
    return self_report_save(
        participant=report.participant,
        text=report.text,
        file=upload.file if upload is not None else None,
        acting_user=acting_user,
    )


class SelfReportAdminForm(forms.ModelForm):
    """The service's refusals as form errors (the admin's save cannot show them)."""

    def clean(self):
        data = super().clean()
        participant, file = data.get("participant"), data.get("file")
        try:
            if file and not getattr(file, "_committed", False) and hasattr(file, "size"):
                report_file_check(file)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None
        if participant is not None and (participant.cycle.state not in REPORT_STATES or participant.removed):
            raise forms.ValidationError(_("Reports are taken until the evaluation closes."))
        return data


@admin.register(SelfReport)
class SelfReportAdmin(ScopedAdmin):
    """Written or uploaded through the service (until the evaluation closes)."""

    list_display = ["participant", "submitted_on", "file"]
    list_select_related = ["participant__cycle", "participant__cadre"]
    search_fields = ["participant__cadre__name"]
    raw_id_fields = ["participant"]
    form = SelfReportAdminForm
    fields = ["participant", "text", "file", "submitted_on"]
    readonly_fields = ["submitted_on"]
    service = staticmethod(_self_report_save)
    service_kwarg = "report"


class ReadOnlyAdmin(ScopedAdmin):
    """Recorded and answered through the HR page and the API, which apply the rules."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LeadershipTeam)
class LeadershipTeamAdmin(ReadOnlyAdmin):
    list_display = ["unit", "cycle", "composite", "grade"]
    list_select_related = ["unit", "cycle"]


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ["cycle", "starts_on", "ends_on", "note"]
    list_select_related = ["cycle"]


@admin.register(Objection)
class ObjectionAdmin(ReadOnlyAdmin):
    list_display = ["participant", "received_on", "outcome"]
    list_select_related = ["participant__cycle", "participant__cadre"]
    list_filter = ["outcome"]


@admin.register(ResultAppeal)
class ResultAppealAdmin(ReadOnlyAdmin):
    list_display = ["participant", "kind", "filed_on", "answer_due", "outcome", "new_grade"]
    list_select_related = ["participant__cycle", "participant__cadre"]
    list_filter = ["kind", "outcome"]
