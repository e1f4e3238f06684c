from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.scoped_admin import ScopedAdmin
from training import selectors, services
from training.models import (
    FollowUpTask,
    ProgrammeParticipant,
    RuleDocument,
    Secondment,
    SourceCredit,
    StudySession,
    TrainingProgramme,
    TrainingSettings,
)


@admin.register(StudySession)
class StudySessionAdmin(ScopedAdmin):
    list_display = ["date", "kind", "unit", "topic", "leader", "hours"]
    list_filter = ["kind"]
    search_fields = ["topic", "material_title", "unit__name"]
    list_select_related = ["unit", "leader"]
    autocomplete_fields = ["leader"]
    date_hierarchy = "date"
    service = staticmethod(services.study_session_save)
    service_kwarg = "session"


@admin.register(FollowUpTask)
class FollowUpTaskAdmin(ScopedAdmin):
    list_display = ["description", "owner_unit", "owner", "deadline", "done_on"]
    list_select_related = ["owner_unit", "owner"]
    raw_id_fields = ["session", "owner"]
    service = staticmethod(services.follow_up_task_save)
    service_kwarg = "task"


@admin.register(TrainingProgramme)
class TrainingProgrammeAdmin(ScopedAdmin):
    list_display = [
        "title",
        "kind",
        "organiser",
        "institution",
        "recognised",
        "start_date",
        "end_date",
        "hours",
        "reporting_unit",
    ]
    list_filter = ["kind", "organiser", "recognised"]
    search_fields = ["title", "institution"]
    date_hierarchy = "start_date"
    list_select_related = ["reporting_unit"]
    service = staticmethod(services.training_programme_save)
    service_kwarg = "programme"

    def get_queryset(self, request):
        # HR's catalogue and the programmes units in the user's scope reported
        return super().get_queryset(request) & selectors.programme_queryset(user=request.user)


@admin.register(ProgrammeParticipant)
class ProgrammeParticipantAdmin(ScopedAdmin):
    list_display = ["programme", "cadre", "completed", "hours", "absent_hours", "confirmed"]
    list_filter = ["completed", "confirmed"]
    list_select_related = ["programme", "cadre"]
    autocomplete_fields = ["cadre"]
    raw_id_fields = ["programme"]
    service = staticmethod(services.participant_save)
    service_kwarg = "participant"


@admin.register(Secondment)
class SecondmentAdmin(ScopedAdmin):
    list_display = [
        "cadre",
        "direction",
        "host_organisation",
        "host_post",
        "planned_start",
        "planned_end",
        "grade",
    ]
    list_filter = ["direction", "grade"]
    list_select_related = ["cadre"]
    autocomplete_fields = ["cadre"]
    raw_id_fields = ["appointment"]
    service = staticmethod(services.secondment_save)
    service_kwarg = "secondment"


@admin.register(RuleDocument)
class RuleDocumentAdmin(ScopedAdmin):
    list_display = ["title", "part", "number", "issuing_body", "effective_date", "repeal_date"]
    list_filter = ["part"]
    search_fields = ["title", "number"]
    service = staticmethod(services.rule_document_save)
    service_kwarg = "document"


@admin.register(TrainingSettings)
class TrainingSettingsAdmin(ScopedAdmin):
    service = staticmethod(services.training_settings_save)
    service_kwarg = "settings_row"

    def has_add_permission(self, request):
        return not TrainingSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SourceCredit)
class SourceCreditAdmin(SimpleHistoryAdmin):
    list_display = ["source", "counts_toward_year", "counts_toward_five_year"]
    list_editable = ["counts_toward_year", "counts_toward_five_year"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
