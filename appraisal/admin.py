from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from appraisal.models import (
    AppraisalCycle,
    AppraisalResult,
    AppraisalSettings,
    CareTalk,
    Commendation,
    Consequence,
    GradeCeiling,
    HealthCheck,
    HealthCheckRound,
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
    Visit,
)
from appraisal.rules.care import health_check_day_refusal
from appraisal.services import appraisal_result_save
from appraisal.services.care import care_talk_save, health_check_mark, health_check_round_arrange, visit_save
from appraisal.services.commendations import commendation_save
from appraisal.services.cycles import cycle_save
from appraisal.services.reports import REPORT_STATES, report_file_check, self_report_save
from core.scoped_admin import ScopedAdmin
from core.visibility import CARE_TALK_NOTES, may_see

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


# 能上能下, commendations and care (issue 14).


@admin.register(Commendation)
class CommendationAdmin(ScopedAdmin):
    list_display = ["awarded_on", "scope", "cadre", "unit", "title", "category", "kind", "level", "timing"]
    list_filter = ["scope", "category", "kind", "level", "timing"]
    search_fields = ["cadre__name", "unit__name", "title", "document_no"]
    list_select_related = ["cadre", "unit"]
    autocomplete_fields = ["cadre", "unit"]
    service = staticmethod(commendation_save)
    service_kwarg = "commendation"


@admin.register(Consequence)
class ConsequenceAdmin(ScopedAdmin):
    """Raised from the grades by the system; closed on the HR page or through the API."""

    list_display = ["cadre", "kind", "year", "raised_on", "outcome", "closed_on"]
    list_filter = ["kind", "outcome", "year"]
    search_fields = ["cadre__name"]
    list_select_related = ["cadre"]
    readonly_fields = [f.name for f in Consequence._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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


@admin.register(CareTalk)
class CareTalkAdmin(ScopedAdmin):
    list_display = ["talked_on", "talker", "talkee", "kind"]
    list_filter = ["kind"]
    search_fields = ["talker__name", "talkee__name"]
    list_select_related = ["talker", "talkee"]
    autocomplete_fields = ["talker", "talkee"]
    service = staticmethod(care_talk_save)
    service_kwarg = "talk"

    def get_fields(self, request, obj=None):
        # The notes only for roles that may read them (core.visibility), as on every other channel.
        fields = ["talker", "talkee", "talked_on", "kind", "topics", "follow_up"]
        return fields if may_see(request.user, CARE_TALK_NOTES) else fields[:4]


@admin.register(Visit)
class VisitAdmin(ScopedAdmin):
    list_display = ["visited_on", "cadre", "occasion", "visited_by", "given"]
    list_filter = ["occasion"]
    search_fields = ["cadre__name", "visited_by"]
    list_select_related = ["cadre"]
    autocomplete_fields = ["cadre"]
    service = staticmethod(visit_save)
    service_kwarg = "visit"


@admin.register(HealthCheckRound)
class HealthCheckRoundAdmin(ScopedAdmin):
    list_display = ["year", "arranged_on", "note"]
    service = staticmethod(health_check_round_arrange)
    service_kwarg = "check_round"


@admin.register(HealthCheck)
class HealthCheckAdmin(ScopedAdmin):
    list_display = ["cadre", "round", "done_on"]
    list_filter = ["round__year"]
    search_fields = ["cadre__name"]
    list_select_related = ["cadre", "round"]
    readonly_fields = ["round", "cadre"]
    fields = ["round", "cadre", "done_on"]

    def has_add_permission(self, request):
        return False  # the list is made when the year's check is arranged

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class CheckedForm(form):
            def clean(self):
                cleaned = super().clean()
                refusal = health_check_day_refusal(
                    done_on=cleaned.get("done_on"), year=self.instance.round.year, today=timezone.localdate()
                )
                if refusal is not None:
                    self.add_error("done_on", ValidationError(refusal[1], code=refusal[0]))
                return cleaned

        return CheckedForm

    def save_model(self, request, obj, form, change):
        health_check_mark(check=obj, done_on=obj.done_on, acting_user=request.user)
