from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cadres.models import OrgUnit, Post, PostLevel, PostQuota
from cadres.services import org_unit_save, post_level_save, post_quota_save, post_save
from core.scope import scoped


class ScopedAdmin(SimpleHistoryAdmin):
    """Admin lists go through the data scope too; saves go through the services."""

    service = None
    service_kwarg = None

    def get_queryset(self, request):
        return scoped(request.user, super().get_queryset(request))

    def save_model(self, request, obj, form, change):
        type(self).service(**{self.service_kwarg: obj, "acting_user": request.user})


class PostInline(admin.TabularInline):
    model = Post
    fields = ["title", "level", "category", "is_key", "order", "active"]
    extra = 0
    show_change_link = True


class PostQuotaInline(admin.TabularInline):
    model = PostQuota
    fields = ["level", "approved", "note"]
    extra = 0


@admin.register(OrgUnit)
class OrgUnitAdmin(ScopedAdmin):
    list_display = ["name", "code", "kind", "parent", "order", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "code"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["path"]
    inlines = [PostQuotaInline]
    service = staticmethod(org_unit_save)
    service_kwarg = "unit"


@admin.register(PostLevel)
class PostLevelAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "rank", "tier", "is_principal", "active"]
    list_filter = ["tier", "is_principal", "active"]
    search_fields = ["name", "code"]

    def save_model(self, request, obj, form, change):
        post_level_save(level=obj, acting_user=request.user)


@admin.register(Post)
class PostAdmin(ScopedAdmin):
    list_display = ["title", "unit", "level", "category", "is_key", "active"]
    list_filter = ["level", "category", "is_key", "active", "unit__kind"]
    search_fields = ["title", "unit__name", "unit__code"]
    list_select_related = ["unit", "level"]
    autocomplete_fields = ["unit"]
    service = staticmethod(post_save)
    service_kwarg = "post"


@admin.register(PostQuota)
class PostQuotaAdmin(ScopedAdmin):
    list_display = ["unit", "level", "approved", "note"]
    list_filter = ["level"]
    search_fields = ["unit__name", "unit__code"]
    list_select_related = ["unit", "level"]
    autocomplete_fields = ["unit"]
    service = staticmethod(post_quota_save)
    service_kwarg = "quota"
