from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.scoped_admin import ScopedAdmin
from oversight.models import EffectPeriod, Sanction
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
