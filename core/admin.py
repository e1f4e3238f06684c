from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.models import ReadLog, User
from core.roles import ADMIN


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

    # 三员分立: the security administrator manages accounts but cannot raise anyone, himself
    # included, above the roles (superuser, single permissions, the all-powerful ADMIN group), nor
    # change his own account; only a superuser can.
    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "user_permissions"]
        return fields

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.pk == request.user.pk and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups" and not request.user.is_superuser:
            field.queryset = field.queryset.exclude(name=ADMIN.group)
        return field


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
