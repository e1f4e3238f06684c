from django.contrib import admin

from appraisal.models import AppraisalResult
from appraisal.services import appraisal_result_save
from core.scoped_admin import ScopedAdmin


@admin.register(AppraisalResult)
class AppraisalResultAdmin(ScopedAdmin):
    list_display = ["cadre", "year", "grade", "note"]
    list_filter = ["year", "grade"]
    search_fields = ["cadre__name"]
    list_select_related = ["cadre"]
    autocomplete_fields = ["cadre"]
    service = staticmethod(appraisal_result_save)
    service_kwarg = "result"
