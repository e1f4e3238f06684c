from django import forms

from core.forms import BootstrapFormMixin
from oversight.models import Sanction


class SanctionForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Sanction
        fields = ["kind", "decision_date", "document_no", "reason"]
        widgets = {
            "decision_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "reason": forms.Textarea(attrs={"rows": 2}),
        }
