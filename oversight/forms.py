from django import forms
from django.utils.translation import gettext_lazy as _

from cadres.models import Cadre, OrgUnit
from core.forms import BootstrapFormMixin, RangedDateField
from core.scope import scoped
from oversight.choices import (
    CaseOutcome,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintResult,
    DisposalWay,
    FourForm,
    OpinionVerdict,
    SanctionKind,
)
from oversight.models import Complaint, Sanction

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SanctionForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Sanction
        fields = ["kind", "decision_date", "document_no", "reason"]
        widgets = {
            "decision_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "reason": forms.Textarea(attrs={"rows": 2}),
        }


class ComplaintForm(BootstrapFormMixin, forms.Form):
    unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Unit concerned"))
    subjects = forms.ModelMultipleChoiceField(
        queryset=Cadre.objects.none(), label=_("Cadres complained about"), required=False
    )
    channel = forms.ChoiceField(choices=ComplaintChannel.choices, label=_("Channel"))
    received_on = RangedDateField(label=_("Received on"), widget=DATE)
    category = forms.ChoiceField(choices=ComplaintCategory.choices, label=_("Category"))
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20000)
    reporter_anonymous = forms.BooleanField(label=_("Anonymous"), required=False, initial=True)
    reporter_name = forms.CharField(label=_("Reporter's name"), max_length=50, required=False)
    reporter_phone = forms.CharField(label=_("Reporter's phone"), max_length=30, required=False)
    reporter_address = forms.CharField(label=_("Reporter's address"), max_length=500, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scoped(user, OrgUnit).order_by("path")
        self.fields["subjects"].queryset = scoped(user, Cadre.objects.select_related("unit")).order_by("name")


class StepForm(BootstrapFormMixin, forms.Form):
    """One step of a complaint: the fields it takes (oversight.services.complaints)."""

    FIELDS = {
        "accept": ("decided_on",),
        "reject": ("decided_on", "reason"),
        "dispose": ("way", "decided_on", "reason"),
        "extend": (),
        "conclude": ("result", "decided_on", "reason"),
        "tell": ("about", "told_on"),
    }
    way = forms.ChoiceField(choices=DisposalWay.choices, label=_("Way of disposal"))
    result = forms.ChoiceField(choices=ComplaintResult.choices, label=_("Result"))
    decided_on = RangedDateField(label=_("Decided on"), widget=DATE)
    reason = forms.CharField(
        label=_("Reason"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    about = forms.ChoiceField(
        choices=[("acceptance", _("Acceptance")), ("result", _("Result"))], label=_("Told of")
    )
    told_on = RangedDateField(label=_("Told on"), widget=DATE)

    def __init__(self, *args, step: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        for name in list(self.fields):
            if name not in self.FIELDS[step]:
                del self.fields[name]


class OpinionRequestForm(BootstrapFormMixin, forms.Form):
    cadre = forms.ModelChoiceField(queryset=Cadre.objects.none(), label=_("Cadre"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadre"].queryset = scoped(user, Cadre.objects.select_related("unit")).order_by("name")


class OpinionAnswerForm(BootstrapFormMixin, forms.Form):
    verdict = forms.ChoiceField(choices=OpinionVerdict.choices, label=_("Opinion"))
    text = forms.CharField(
        label=_("Text of the opinion"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(one, initial) for one in files if one]


class AttachmentForm(BootstrapFormMixin, forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        help_text=_("Up to 10 files of at most 10 MB each: PDF, images, Office, text, audio."),
    )


class PublicComplaintForm(BootstrapFormMixin, forms.Form):
    """网上举报, for anyone: the unit from the list, the cadres in words, the reporter optional."""

    unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Unit concerned"))
    named = forms.CharField(
        label=_("Who is it about"),
        max_length=200,
        required=False,
        help_text=_("Names and posts of the cadres you report, if you know them."),
    )
    category = forms.ChoiceField(choices=ComplaintCategory.choices, label=_("Category"))
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000)
    reporter_anonymous = forms.BooleanField(
        label=_("File anonymously"),
        required=False,
        initial=True,
        help_text=_(
            "A named report can be told of its acceptance and result; only discipline staff see the name."
        ),
    )
    reporter_name = forms.CharField(label=_("Your name"), max_length=50, required=False)
    reporter_phone = forms.CharField(label=_("Your phone"), max_length=30, required=False)
    reporter_address = forms.CharField(label=_("Your address"), max_length=500, required=False)
    files = MultipleFileField(
        label=_("Files"),
        required=False,
        help_text=_("Up to 5 files of at most 10 MB each: PDF, images, Office, text, audio."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(active=True).order_by("path")
        self.fields["unit"].label_from_instance = lambda unit: unit.name


class QueryCodeForm(BootstrapFormMixin, forms.Form):
    code = forms.CharField(label=_("Query code"), max_length=64)


class SubjectsForm(BootstrapFormMixin, forms.Form):
    subjects = forms.ModelMultipleChoiceField(
        queryset=Cadre.objects.none(), label=_("Cadres complained about"), required=False
    )

    def __init__(self, *args, user, unit, **kwargs):
        super().__init__(*args, **kwargs)
        cadres = scoped(user, Cadre.objects.select_related("unit")).filter(unit__path__startswith=unit.path)
        self.fields["subjects"].queryset = cadres.order_by("name")


def _visible_complaints(user):
    from oversight.selectors.complaints import complaints_visible

    return complaints_visible(user=user).order_by("-received_on", "-id")


class _CadreComplaintForm(BootstrapFormMixin, forms.Form):
    """A cadre in the user's scope, and optionally the complaint the step follows from."""

    cadre = forms.ModelChoiceField(queryset=Cadre.objects.none(), label=_("Cadre"))
    complaint = forms.ModelChoiceField(
        queryset=Complaint.objects.none(), label=_("Complaint"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadre"].queryset = scoped(user, Cadre.objects.select_related("unit")).order_by("name")
        self.fields["complaint"].queryset = _visible_complaints(user)
        self.fields["complaint"].label_from_instance = lambda c: (
            f"#{c.pk} {c.received_on:%Y-%m-%d} {c.unit.name}"
        )


class CaseOpenForm(_CadreComplaintForm):
    opened_on = RangedDateField(label=_("Opened on"), widget=DATE)


class CaseNoteForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(label=_("Note"), max_length=20000, widget=forms.Textarea(attrs={"rows": 3}))


class CaseConcludeForm(BootstrapFormMixin, forms.Form):
    outcome = forms.ChoiceField(choices=CaseOutcome.choices, label=_("Outcome"))
    form = forms.TypedChoiceField(choices=FourForm.choices, coerce=int, label=_("Form"))
    sanction_kind = forms.ChoiceField(
        choices=[("", "—"), *SanctionKind.choices], label=_("Sanction kind"), required=False
    )
    decided_on = RangedDateField(label=_("Decided on"), widget=DATE)
    reason = forms.CharField(
        label=_("Reasoning"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class InquirySendForm(_CadreComplaintForm):
    sent_on = RangedDateField(label=_("Sent on"), widget=DATE)
    letter = forms.CharField(label=_("Letter"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4}))


class InquiryReplyForm(BootstrapFormMixin, forms.Form):
    replied_on = RangedDateField(label=_("Replied on"), widget=DATE)
    reply = forms.CharField(
        label=_("Written reply"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4})
    )


class InquiryConcludeForm(BootstrapFormMixin, forms.Form):
    concluded_on = RangedDateField(label=_("Concluded on"), widget=DATE)
    conclusion = forms.CharField(
        label=_("Conclusion"), max_length=20000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RecuseForm(BootstrapFormMixin, forms.Form):
    """回避: a discipline staff member related to a cadre complained about."""

    user = forms.ModelChoiceField(queryset=None, label=_("Staff member to recuse"))

    def __init__(self, *args, complaint, **kwargs):
        from core.models import User
        from core.roles import DISCIPLINE

        super().__init__(*args, **kwargs)
        staff = User.objects.filter(is_active=True, is_superuser=False, groups__name=DISCIPLINE.group)
        self.fields["user"].queryset = staff.exclude(pk__in=complaint.recused.values("pk")).order_by(
            "username"
        )
