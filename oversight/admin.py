from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.scope import scoped
from oversight.models import EffectPeriod, Sanction
from oversight.services import sanction_save


@admin.register(Sanction)
class SanctionAdmin(SimpleHistoryAdmin):
    list_display = ["cadre", "kind", "decision_date", "effect_end", "no_higher_post_end", "document_no"]
    list_filter = ["kind"]
    search_fields = ["cadre__name", "document_no"]
    list_select_related = ["cadre"]
    autocomplete_fields = ["cadre"]
    readonly_fields = ["effect_end", "no_higher_post_end"]
    date_hierarchy = "decision_date"

    def get_queryset(self, request):
        return scoped(request.user, super().get_queryset(request))

    def save_model(self, request, obj, form, change):
        sanction_save(sanction=obj, acting_user=request.user)


@admin.register(EffectPeriod)
class EffectPeriodAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "months", "no_higher_post_months"]
    list_editable = ["months", "no_higher_post_months"]

    def has_delete_permission(self, request, obj=None):
        return False
