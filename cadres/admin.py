from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cadres.models import (
    Appointment,
    Cadre,
    CalendarDay,
    FamilyMember,
    OrgUnit,
    Post,
    PostLevel,
    PostQuota,
    ProcessEvent,
    RelaxableReason,
    ReserveCadre,
    SelectionCandidate,
    SelectionProcess,
    SelectionSettings,
)
from cadres.rules.exceptional import code_label
from cadres.selectors.cadres import ID_NUMBER
from cadres.services import (
    appointment_save,
    cadre_save,
    org_unit_save,
    post_level_save,
    post_quota_save,
    post_save,
)
from cadres.services.cadre import cadre_validate, family_dates_check
from cadres.services.exceptional import relaxable_reason_save
from cadres.services.reserve import reserve_level_ensure, reserve_save
from core.fields import index_lookup
from core.scope import scoped
from core.scoped_admin import ScopedAdmin


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
    list_display = ["name", "code", "rank", "tier", "is_principal", "party_standing_years", "active"]
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
    filter_horizontal = ["supervised_units"]
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


CONFIRM_DATES = "confirm_dates"  # CadreAdminForm's box, read by the family inline too


class FamilyInlineFormSet(forms.BaseInlineFormSet):
    """Checks the members' birth dates against the cadre's (confirmed with the cadre form's box)."""

    def clean(self):
        super().clean()
        members = [
            {name: form.cleaned_data.get(name) for name in ("relation", "name", "birth_date")}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        try:
            family_dates_check(
                cadre=self.instance, members=members, confirm=self.data.get(CONFIRM_DATES) == "on"
            )
        except ValidationError as exc:
            raise ValidationError(exc.messages, code="family_dates") from exc


class FamilyInline(admin.TabularInline):
    model = FamilyMember
    formset = FamilyInlineFormSet
    fk_name = "cadre"
    fields = [
        "relation",
        "name",
        "birth_date",
        "political_status",
        "work_unit_post",
        "settled_abroad",
        "relative_cadre",
    ]
    autocomplete_fields = ["relative_cadre"]
    extra = 0


class AppointmentInline(admin.TabularInline):
    model = Appointment
    fields = ["post", "start_date", "end_date", "kind", "is_primary", "document_no"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


class CadreAdminForm(forms.ModelForm):
    """Checks the record as cadre_save will (its dates included), so a refusal is a form error."""

    confirm_dates = forms.BooleanField(  # CONFIRM_DATES
        label=_("I have checked these dates; save them"),
        required=False,
        help_text=_("Needed only when the record's dates are implausible."),
    )

    class Meta:
        model = Cadre
        fields = "__all__"  # noqa: DJ007 - the admin passes the fields it shows

    def validate_constraints(self):
        pass  # cadre_validate checks them after the dates, which it names on their fields

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        try:
            # No request here: a conflict is not named (the save through cadre_save names it for the user).
            cadre_validate(
                self.instance, acting_user=None, confirm=self.cleaned_data.get("confirm_dates", False)
            )
        except ValidationError as exc:
            self._update_errors(exc)


@admin.register(Cadre)
class CadreAdmin(ScopedAdmin):
    form = CadreAdminForm
    list_display = [
        "name",
        "unit",
        "gender",
        "birth_date",
        "education",
        "political_status",
        "retirement_date",
        "status",
    ]
    list_filter = ["status", "gender", "education", "political_status", "title_grade", "ethnicity"]
    # The ID number is encrypted: a whole number is found through its blind index (get_search_results).
    search_fields = ["name", "name_initials", "name_pinyin", "unit__name"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["retirement_date", "lrmx_pre_reform_age_limit"]
    inlines = [FamilyInline, AppointmentInline]
    service = staticmethod(cadre_save)
    service_kwarg = "cadre"

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if ID_NUMBER.fullmatch(search_term.strip()) and request.user.has_perm("cadres.view_full_id_number"):
            results |= queryset.filter(index_lookup("id_number_index", [search_term]))
        return results, may_have_duplicates

    def save_model(self, request, obj, form, change):
        confirm = form.cleaned_data.get("confirm_dates", False)
        cadre_save(cadre=obj, acting_user=request.user, confirm=confirm)

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            instance._history_user = request.user
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()


@admin.register(Appointment)
class AppointmentAdmin(ScopedAdmin):
    list_display = [
        "cadre",
        "post",
        "start_date",
        "end_date",
        "kind",
        "is_primary",
        "probation_end",
        "document_no",
    ]
    list_filter = ["kind", "is_primary", "probation_result", "post__level"]
    search_fields = ["cadre__name", "post__title", "post__unit__name", "document_no"]
    list_select_related = ["cadre", "post__unit"]
    autocomplete_fields = ["cadre", "post"]
    date_hierarchy = "start_date"
    service = staticmethod(appointment_save)
    service_kwarg = "appointment"


class CandidateInline(admin.TabularInline):
    model = SelectionCandidate
    fields = [
        "cadre",
        "override_reason",
        "override_document",
        "relaxed_codes",
        "votes_for",
        "approved",
        "proposed_post",
        "proposed_removal",
        "appointment_reason",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False


class EventInline(admin.TabularInline):
    model = ProcessEvent
    fields = ["at", "step", "summary", "actor"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(SelectionProcess)
class SelectionProcessAdmin(SimpleHistoryAdmin):
    """Read-only here: the steps go through the workflow pages, which apply the regulations."""

    list_display = ["post", "state", "notice_start", "notice_end", "created_at"]
    list_filter = ["state"]
    search_fields = ["post__title", "post__unit__name"]
    list_select_related = ["post__unit"]
    inlines = [CandidateInline, EventInline]

    def get_queryset(self, request):
        return scoped(request.user, super().get_queryset(request))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReserveCadreAdminForm(forms.ModelForm):
    def _post_clean(self):
        super()._post_clean()
        if not self.errors:
            try:
                reserve_level_ensure(reserve=self.instance)
            except ValidationError as exc:
                self._update_errors(exc)


@admin.register(ReserveCadre)
class ReserveCadreAdmin(ScopedAdmin):
    form = ReserveCadreAdminForm
    list_display = ["cadre", "target_level", "nomination_date", "status"]
    list_filter = ["target_level", "status"]
    search_fields = ["cadre__name"]
    autocomplete_fields = ["cadre"]
    service = staticmethod(reserve_save)
    service_kwarg = "reserve"


@admin.register(SelectionSettings)
class SelectionSettingsAdmin(SimpleHistoryAdmin):
    """The one row of figures; it cannot be added or deleted, only changed."""

    def has_add_permission(self, request):
        return not SelectionSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RelaxableReason)
class RelaxableReasonAdmin(SimpleHistoryAdmin):
    """破格可放宽条件: a code absent here is not relaxable; a locked row stays not relaxable."""

    list_display = ["code", "rule", "relaxable", "locked", "note"]
    list_filter = ["relaxable", "locked"]
    search_fields = ["code", "note"]

    @admin.display(description=_("rule"))
    def rule(self, obj):
        return code_label(obj.code)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.locked:
            return ["code", "relaxable", "locked"]
        return ["locked"]

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj is not None and obj.locked)

    def get_actions(self, request):
        # The bulk delete would remove locked rows too; delete one unlocked row at a time.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        relaxable_reason_save(reason=obj, acting_user=request.user)


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "kind", "note"]
    list_filter = ["kind"]
    date_hierarchy = "date"
