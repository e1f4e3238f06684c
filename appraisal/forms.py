from django import forms

from appraisal.models import AppraisalResult
from core.forms import BootstrapFormMixin


class AppraisalResultForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = AppraisalResult
        fields = ["year", "grade", "note"]
