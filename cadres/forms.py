from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from cadres.models import Appointment, Cadre, FamilyMember, OrgUnit, Post, PostQuota
from cadres.selectors.visibility import hidden_cadre_fields, id_number_shown, masked_sent_back
from cadres.services.cadre import cadre_photo_check
from core.forms import BootstrapFormMixin
from core.scope import scoped


class ScopedFormMixin(BootstrapFormMixin):
    """Limit every unit choice to the user's data scope."""

    scoped_fields = ("unit", "parent")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name in self.scoped_fields:
            if name in self.fields:
                self.fields[name].queryset = scoped(user, OrgUnit.objects.filter(active=True))


class OrgUnitForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = OrgUnit
        fields = ["code", "name", "kind", "parent", "order", "active"]


class PostForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Post
        fields = ["unit", "title", "level", "category", "is_key", "order", "active"]


class PostQuotaForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = PostQuota
        fields = ["unit", "level", "approved", "note"]


class CadreForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Cadre
        fields = [
            "unit",
            "name",
            "gender",
            "birth_date",
            "id_number",
            "ethnicity",
            "native_place",
            "birthplace",
            "political_status",
            "democratic_party",
            "party_join_date",
            "work_start_date",
            "health",
            "professional_title",
            "title_grade",
            "specialities",
            "education",
            "degree",
            "education_school",
            "inservice_education",
            "inservice_degree",
            "inservice_school",
            "resume",
            "rewards_punishments",
            "appraisal_summary",
            "retirement_category",
            "retirement_override",
            "status",
            "photo",
        ]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "party_join_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "work_start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "retirement_override": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "resume": forms.Textarea(attrs={"rows": 6}),
            "rewards_punishments": forms.Textarea(attrs={"rows": 2}),
            "appraisal_summary": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["retirement_category"].required = False
        # A field the user may not read is not offered, so a save keeps what is on record.
        for name in hidden_cadre_fields(user=self.user) & set(self.fields):
            del self.fields[name]
        if self.instance.pk:
            self.initial["id_number"] = id_number_shown(user=self.user, number=self.instance.id_number)

    def validate_constraints(self):
        # cadre_save checks them after the date rule (cadres.rules.record_dates), which names the
        # field of a date before birth; the database check's own message names none.
        pass

    def clean_id_number(self):
        value = self.cleaned_data["id_number"]
        if masked_sent_back(cadre=self.instance, value=value):
            return self.instance.id_number
        return value

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if isinstance(photo, UploadedFile):  # a new upload, not the file on record
            try:
                cadre_photo_check(photo)
            except ValidationError as exc:
                raise ValidationError(exc.error_dict["photo"]) from None
        return photo


class FamilyMemberForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = FamilyMember
        fields = ["relation", "name", "birth_date", "political_status", "work_unit_post", "settled_abroad"]
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


FamilyFormSet = forms.inlineformset_factory(
    Cadre, FamilyMember, fk_name="cadre", form=FamilyMemberForm, extra=2, can_delete=True
)


class AppointmentForm(BootstrapFormMixin, forms.ModelForm):
    close_previous_primary = forms.BooleanField(
        label=_("End the current primary post on the start date"), required=False, initial=True
    )

    class Meta:
        model = Appointment
        fields = ["post", "start_date", "end_date", "document_no", "kind", "is_primary"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        posts = scoped(user, Post.objects.filter(active=True)).select_related("unit", "level")
        self.fields["post"].queryset = posts.order_by("unit__path", "level__rank", "order")


class AppointmentEndForm(BootstrapFormMixin, forms.Form):
    end_date = forms.DateField(label=_("End date"), widget=forms.DateInput(attrs={"type": "date"}))
    leave_reason = forms.CharField(label=_("Reason for leaving"), max_length=200, required=False)
