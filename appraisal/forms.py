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

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = cycle.rater_groups.all()
