"""Forms of the yearly conduct work's pages; each saves through its service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cadres.models import Cadre, OrgUnit, Post
from core import ranges
from core.forms import BootstrapFormMixin, RangedDateField, RangedIntegerField
from core.scope import scoped
from oversight.choices import DutyReportGrade, MeetingKind, ReviewOutcome, RiskLevel
from oversight.models import SOURCE_MODELS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YEAR = ranges.Bounds(2000, 2100)


class ScopedForm(BootstrapFormMixin, forms.Form):
    """A form whose choices of units, posts and cadres are those of the user's scope."""

    scoped_fields: dict[str, type] = {}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for name, model in self.scoped_fields.items():
            self.fields[name].queryset = scoped(user, model).order_by("pk")


class LetterGenerateForm(BootstrapFormMixin, forms.Form):
    year = RangedIntegerField(bounds=YEAR, label=_("Year"))
    sign_by = RangedDateField(label=_("To be signed by"), widget=DATE, required=False)


class LetterSignForm(BootstrapFormMixin, forms.Form):
    signed_on = RangedDateField(label=_("Signed on"), widget=DATE)
    signed_scan = forms.FileField(label=_("Signed scan"), required=False)


class DutyReportOpenForm(BootstrapFormMixin, forms.Form):
    year = RangedIntegerField(bounds=YEAR, label=_("Year"))
    due_on = RangedDateField(label=_("Due on"), widget=DATE)


class DutyReportSubmitForm(BootstrapFormMixin, forms.Form):
    submitted_on = RangedDateField(label=_("Submitted on"), widget=DATE)
    text = forms.CharField(label=_("Report"), widget=forms.Textarea(attrs={"rows": 3}), max_length=50000)


class DutyReportReviewForm(BootstrapFormMixin, forms.Form):
    grade = forms.ChoiceField(choices=DutyReportGrade.choices, label=_("Grade"))
    comment = forms.CharField(label=_("Review comment"), required=False, max_length=5000)


class RiskForm(ScopedForm):
    scoped_fields = {"unit": OrgUnit, "post": Post, "owner": Cadre}
    unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Unit"))
    post = forms.ModelChoiceField(queryset=Post.objects.none(), label=_("Post"), required=False)
    risk = forms.CharField(label=_("Risk"), max_length=300)
    level = forms.ChoiceField(choices=RiskLevel.choices, label=_("Level"))
    controls = forms.CharField(
        label=_("Controls"), widget=forms.Textarea(attrs={"rows": 2}), max_length=20000
    )
    owner = forms.ModelChoiceField(queryset=Cadre.objects.none(), label=_("Owner"), required=False)


class ReviewOpenForm(ScopedForm):
    scoped_fields = {"unit": OrgUnit}
    year = RangedIntegerField(bounds=YEAR, label=_("Year"))
    unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Units reviewed (from)"))
    name = forms.CharField(label=_("Name"), max_length=100)
    started_on = RangedDateField(label=_("Started on"), widget=DATE)
    closes_on = RangedDateField(label=_("Closes on"), widget=DATE)


class ReviewEntryForm(ScopedForm):
    scoped_fields = {"post": Post}
    post = forms.ModelChoiceField(queryset=Post.objects.none(), label=_("Post"))
    outcome = forms.ChoiceField(choices=ReviewOutcome.choices, label=_("Outcome"))
    note = forms.CharField(label=_("What changed"), required=False, max_length=5000)


class MeetingForm(ScopedForm):
    scoped_fields = {"unit": OrgUnit, "attendee": Cadre}
    kind = forms.ChoiceField(choices=MeetingKind.choices, label=_("Kind"))
    unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Host unit"))
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = RangedDateField(label=_("Held on"), widget=DATE)
    attendee = forms.ModelChoiceField(queryset=Cadre.objects.none(), label=_("Attended by"))
    finding = forms.CharField(label=_("Finding"), required=False, max_length=5000)
    follow_up = forms.CharField(label=_("Follow-up"), required=False, max_length=5000)


class TaskForm(ScopedForm):
    scoped_fields = {"owner_unit": OrgUnit, "owner": Cadre}
    title = forms.CharField(label=_("Task"), max_length=200)
    decision = forms.CharField(label=_("Decision"), max_length=200, required=False)
    source_kind = forms.ChoiceField(
        choices=[("", "—"), *((m, m) for m in SOURCE_MODELS)], label=_("Source kind"), required=False
    )
    source_id = RangedIntegerField(bounds=ranges.ID, label=_("Source id"), required=False)
    owner_unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Responsible unit"))
    owner = forms.ModelChoiceField(
        queryset=Cadre.objects.none(), label=_("Responsible person"), required=False
    )
    deadline = RangedDateField(label=_("Deadline"), widget=DATE)


class TaskReportForm(BootstrapFormMixin, forms.Form):
    reported_on = RangedDateField(label=_("Reported on"), widget=DATE)
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 2}), max_length=20000)
    done = forms.BooleanField(label=_("Done"), required=False)


class TaskAcceptForm(BootstrapFormMixin, forms.Form):
    done_on = RangedDateField(label=_("Done on"), widget=DATE)
    text = forms.CharField(label=_("Comment"), required=False, max_length=5000)


class TaskSendBackForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=5000)
