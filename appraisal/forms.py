from django import forms
from django.utils.translation import gettext_lazy as _

from appraisal.models import AppraisalResult, RaterGroup
from appraisal.services.ballots import MAX_CODES_PER_ISSUE
from core.forms import BootstrapFormMixin


class AppraisalResultForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = AppraisalResult
        fields = ["year", "grade", "note"]


class BallotIssueForm(BootstrapFormMixin, forms.Form):
    group = forms.ModelChoiceField(queryset=RaterGroup.objects.none(), label=_("Rater group"))
    count = forms.IntegerField(min_value=1, max_value=MAX_CODES_PER_ISSUE, label=_("Number of codes"))
    output = forms.ChoiceField(
        choices=[("page", _("A page to print")), ("pdf", _("A PDF of slips"))],
        required=False,
        label=_("Slips as"),
    )

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = cycle.rater_groups.all()


# The review page's forms (self reports, teams, publication, objections, notices, appeals): each
# parses one action; the service decides.
class SelfReportForm(forms.Form):
    participant = forms.IntegerField()
    text = forms.CharField(required=False, widget=forms.Textarea, max_length=50000)
    file = forms.FileField(required=False)


class TeamForm(forms.Form):
    unit = forms.IntegerField()
    report = forms.CharField(required=False, max_length=50000)


class PublishForm(forms.Form):
    starts_on = forms.DateField()
    ends_on = forms.DateField()
    note = forms.CharField(required=False, max_length=200)


class ObjectionForm(forms.Form):
    participant = forms.IntegerField()
    content = forms.CharField(max_length=5000)
    received_on = forms.DateField()


class ObjectionAnswerForm(forms.Form):
    objection = forms.IntegerField()
    outcome = forms.ChoiceField(choices=[("upheld", _("Upheld")), ("dismissed", _("Dismissed"))])
    answer = forms.CharField(max_length=5000)


class NoticeForm(forms.Form):
    participant = forms.IntegerField()
    told_on = forms.DateField()


class AppealForm(forms.Form):
    participant = forms.IntegerField()
    kind = forms.ChoiceField(choices=[("review", _("Review request")), ("appeal", _("Appeal"))])
    filed_on = forms.DateField()
    grounds = forms.CharField(max_length=5000)


class AppealAnswerForm(forms.Form):
    appeal = forms.IntegerField()
    outcome = forms.ChoiceField(choices=[("kept", _("Grade kept")), ("changed", _("Grade changed"))])
    new_grade = forms.CharField(required=False, max_length=20)
    answer = forms.CharField(max_length=5000)
    answered_on = forms.DateField()
