from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from appraisal.models import AppraisalResult
from appraisal.services import appraisal_result_save
from core.scope import scoped


@admin.register(AppraisalResult)
class AppraisalResultAdmin(SimpleHistoryAdmin):
    list_display = ["cadre", "year", "grade", "note"]
    list_filter = ["year", "grade"]
    search_fields = ["cadre__name"]
    list_select_related = ["cadre"]
    autocomplete_fields = ["cadre"]

    def get_queryset(self, request):
        return scoped(request.user, super().get_queryset(request))

    def save_model(self, request, obj, form, change):
        appraisal_result_save(result=obj, acting_user=request.user)
