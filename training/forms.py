from django import forms

from cadres.models import Cadre, OrgUnit
from core.forms import BootstrapFormMixin
from core.scope import scoped
from training.models import StudySession, TrainingProgramme

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
        ]
        widgets = {"start_date": DATE, "end_date": DATE}
