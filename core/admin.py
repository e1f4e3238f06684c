from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.models import ReadLog, User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    list_display = ["username", "last_name", "first_name", "scope_unit", "is_active", "is_staff"]
    list_filter = [*BaseUserAdmin.list_filter, "groups"]
    list_select_related = ["scope_unit"]
    autocomplete_fields = ["scope_unit"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("Data scope"), {"fields": ["scope_unit"]}),
    ]


admin.site.site_header = _("Cadre Management Information System")
admin.site.site_title = _("Cadre Management Information System")
admin.site.index_title = _("Administration")


@admin.register(ReadLog)
class ReadLogAdmin(admin.ModelAdmin):
    """Read only: the log is append-only, in the database as here."""

    list_display = ["at", "user", "kind", "channel", "label", "count", "address"]
    list_filter = ["kind", "channel"]
    search_fields = ["user__username", "label", "detail"]
    list_select_related = ["user"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
