"""Forms of the commendation, consequence and care pages; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from appraisal.choices import ConsequenceOutcome
from appraisal.models import CareTalk, Commendation, HealthCheckRound, Visit
from cadres.models import Cadre, OrgUnit
from core.forms import BootstrapFormMixin, RangedDateField
from core.scope import scoped

DATE = forms.DateInput(attrs={"type": "date"})


def _cadres(user):
    return scoped(user, Cadre.objects.filter(status="serving").select_related("unit")).order_by("name")


class CommendationForm(BootstrapFormMixin, forms.ModelForm):
    awarded_on = RangedDateField(label=_("awarded on"), widget=DATE)

    class Meta:
        model = Commendation
        fields = [
            "scope",
            "cadre",
            "unit",
            "title",
            "category",
            "kind",
            "level",
            "timing",
            "awarded_on",
            "issuing_body",
            "document_no",
            "note",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadre"].queryset = _cadres(user)
        self.fields["unit"].queryset = scoped(user, OrgUnit.objects.filter(active=True)).order_by("path")
        self.fields["unit"].required = False
        self.fields["unit"].help_text = _(
            "For a collective commendation; an individual one takes the cadre's unit."
        )


class ConsequenceCloseForm(BootstrapFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("outcome"), choices=ConsequenceOutcome.choices)
    note = forms.CharField(label=_("what was done"), max_length=300, required=False)
    closed_on = RangedDateField(label=_("closed on"), required=False, widget=DATE)


class CareTalkForm(BootstrapFormMixin, forms.ModelForm):
    talked_on = RangedDateField(label=_("date"), widget=DATE)

    class Meta:
        model = CareTalk
        fields = ["talker", "talkee", "talked_on", "kind", "topics", "follow_up"]
        widgets = {
            "topics": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["talker"].queryset = _cadres(user)
        self.fields["talkee"].queryset = _cadres(user)


class VisitForm(BootstrapFormMixin, forms.ModelForm):
    visited_on = RangedDateField(label=_("date"), widget=DATE)

    class Meta:
        model = Visit
        fields = ["cadre", "occasion", "visited_on", "visited_by", "given", "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadre"].queryset = _cadres(user)


class HealthCheckRoundForm(BootstrapFormMixin, forms.ModelForm):
    arranged_on = RangedDateField(label=_("arranged on"), widget=DATE)

    class Meta:
        model = HealthCheckRound
        fields = ["year", "arranged_on", "note"]
