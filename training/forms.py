from django import forms
from django.utils.translation import gettext_lazy as _

from cadres.models import Appointment, Cadre, OrgUnit
from core.forms import BootstrapFormMixin
from core.scope import scoped
from training.models import FollowUpTask, RuleDocument, Secondment, StudySession, TrainingProgramme

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StudySessionForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = StudySession
        fields = [
            "kind",
            "date",
            "unit",
            "topic",
            "material_title",
            "material_source",
            "material_date",
            "leader",
            "hours",
            "place",
            "notes",
        ]
        widgets = {"date": DATE, "material_date": DATE, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scoped(user, OrgUnit.objects.filter(active=True))
        self.fields["leader"].queryset = scoped(user, Cadre.objects.filter(status="serving"))


class TrainingProgrammeForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = TrainingProgramme
        fields = [
            "title",
            "kind",
            "organiser",
            "institution",
            "party_school",
            "recognised",
            "start_date",
            "end_date",
            "hours",
            "place",
            "reporting_unit",
        ]
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporting_unit"].queryset = scoped(user, OrgUnit.objects.filter(active=True))


class FollowUpTaskForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = FollowUpTask
        fields = ["description", "owner_unit", "owner", "deadline", "done_on"]
        widgets = {"deadline": DATE, "done_on": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = scoped(user, OrgUnit.objects.filter(active=True))
        self.fields["owner"].queryset = scoped(user, Cadre.objects.filter(status="serving"))


class AttendanceImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Attendance sheet (.xlsx)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_file(self):
        from cadres.exchange.roster.workbook import MAX_FILE_BYTES

        upload = self.cleaned_data["file"]
        if upload and upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": MAX_FILE_BYTES // 2**20},
                code="file_too_large",
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("token") and "file" not in self.errors:
            self.add_error("file", forms.ValidationError(_("Choose a file."), code="required"))
        return cleaned


class SecondmentForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Secondment
        fields = [
            "cadre",
            "direction",
            "appointment",
            "host_organisation",
            "host_post",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "purpose",
            "grade",
            "assessment",
        ]
        widgets = {
            "planned_start": DATE,
            "planned_end": DATE,
            "actual_start": DATE,
            "actual_end": DATE,
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "assessment": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadre"].queryset = scoped(user, Cadre.objects.all())
        self.fields["appointment"].queryset = scoped(user, Appointment.objects.filter(kind="secondment"))


class RuleDocumentForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = RuleDocument
        fields = [
            "part",
            "title",
            "number",
            "version",
            "issuing_body",
            "effective_date",
            "repeal_date",
            "body",
        ]
        widgets = {"effective_date": DATE, "repeal_date": DATE, "body": forms.Textarea(attrs={"rows": 8})}
