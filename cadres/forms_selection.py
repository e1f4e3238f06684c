"""Forms of the selection workflow pages; each step's rules are in cadres.services.selection."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cadres.models import (
    Cadre,
    CheckKind,
    CheckResult,
    OrgUnit,
    OrgUnitKind,
    Post,
    PostLevel,
    RecommendationKind,
    ReserveCadre,
    SelectionProcess,
    SelectionState,
)
from cadres.rules.exceptional import code_label
from cadres.selectors.eligibility import cadres_at_or_past_level, cadres_not_offered
from cadres.selectors.exceptional import relaxable_codes
from core.forms import BootstrapFormMixin
from core.scope import scoped

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def step_date_field(label):
    """The day of a step; today when left empty (the service checks its order)."""
    return forms.DateField(label=label, required=False, widget=DATE, initial=timezone.localdate)


def cadre_choices(user, process=None):
    """Cadres in scope; within the post's institution when the process is known."""
    cadres = scoped(user, Cadre.objects.filter(status="serving")).select_related("unit")
    if process is not None:
        cadres = cadres.filter(unit__path__startswith=institution_path(process.post.unit))
    return cadres.order_by("unit__path", "name")


def institution_path(unit: OrgUnit) -> str:
    """The path of the institution a unit belongs to (its root when no ancestor is one)."""
    ids = [int(part) for part in unit.path.strip("/").split("/")]
    paths = OrgUnit.objects.filter(pk__in=ids, kind=OrgUnitKind.INSTITUTION).values_list("path", flat=True)
    return max(paths, key=len, default=f"/{ids[0]}/")


class CadreChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, cadre):
        return f"{cadre.name}（{cadre.unit.name}）"


class SelectionStartForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = SelectionProcess
        fields = ["post", "vacancy_date", "analysis", "method"]
        widgets = {"analysis": forms.Textarea(attrs={"rows": 3}), "vacancy_date": DATE}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        posts = scoped(user, Post.objects.filter(active=True)).select_related("unit", "level")
        self.fields["post"].queryset = posts.order_by("unit__path", "level__rank", "order")


class StepForm(BootstrapFormMixin, forms.Form):
    def __init__(self, *args, user, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.process = user, process


class RecommendationForm(StepForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=RecommendationKind.choices)
    participants = forms.IntegerField(label=_("Participants"), min_value=1)
    date = step_date_field(_("Date"))
    ROWS = 6

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = cadre_choices(self.user, self.process)
        for i in range(self.ROWS):
            self.fields[f"cadre_{i}"] = CadreChoiceField(label=_("Person"), queryset=choices, required=False)
            self.fields[f"count_{i}"] = forms.IntegerField(label=_("Votes"), min_value=0, required=False)
            self.fields[f"cadre_{i}"].widget.attrs["class"] = "form-select form-select-sm"
            self.fields[f"count_{i}"].widget.attrs["class"] = "form-control form-control-sm"

    def vote_rows(self):
        return [(self[f"cadre_{i}"], self[f"count_{i}"]) for i in range(self.ROWS)]

    def votes(self):
        data = self.cleaned_data
        return [
            (data[f"cadre_{i}"], data[f"count_{i}"] or 0) for i in range(self.ROWS) if data.get(f"cadre_{i}")
        ]


PICKING_STATES = (SelectionState.RECOMMENDATION, SelectionState.INSPECTION)


class CandidateForm(StepForm):
    cadre = CadreChoiceField(label=_("Cadre"), queryset=Cadre.objects.none())
    override_document = forms.CharField(
        label=_("Consent document number"),
        required=False,
        max_length=100,
        help_text=_("The higher organisation department's consent to the exceptional promotion."),
    )
    override_reason = forms.CharField(
        label=_("Exceptional promotion reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    date = step_date_field(_("Chosen on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cadres = cadre_choices(self.user, self.process)
        if self.process.state in PICKING_STATES:  # the page shows the picker only then
            left_out = cadres_not_offered(cadres=cadres, post=self.process.post, on=timezone.localdate())
            cadres = cadres.exclude(pk__in=left_out)
        self.fields["cadre"].queryset = cadres
        relaxable = "、".join(sorted(code_label(code) for code in relaxable_codes())) or "—"
        self.fields["override_reason"].help_text = _(
            "Only when an eligibility rule blocks and the committee promotes exceptionally. "
            "Relaxable: %(rules)s; never effect periods, the age limit, appraisal, recusal or party standing."
        ) % {"rules": relaxable}


class CheckForm(StepForm):
    cadre = forms.ModelChoiceField(label=_("Candidate"), queryset=Cadre.objects.none())
    check = forms.ChoiceField(label=_("Check"), choices=CheckKind.choices)
    result = forms.ChoiceField(label=_("Result"), choices=CheckResult.choices)
    note = forms.CharField(label=_("Note"), required=False)
    date = step_date_field(_("Checked on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadre"].queryset = Cadre.objects.filter(pk__in=self.process.candidates.values("cadre"))


class DecisionForm(StepForm):
    members_total = forms.IntegerField(label=_("Committee members"), min_value=1)
    members_present = forms.IntegerField(label=_("Members present"), min_value=0)
    decision_date = forms.DateField(label=_("Decision date"), widget=DATE, initial=timezone.localdate)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for candidate in self.process.candidates.select_related("cadre"):
            field = forms.IntegerField(label=candidate.cadre.name, min_value=0, required=False)
            field.widget.attrs["class"] = "form-control form-control-sm"
            self.fields[f"votes_{candidate.cadre_id}"] = field

    def votes(self):
        return [
            (candidate.cadre, self.cleaned_data[f"votes_{candidate.cadre_id}"])
            for candidate in self.process.candidates.select_related("cadre")
            if self.cleaned_data.get(f"votes_{candidate.cadre_id}") is not None
        ]


class NoticeForm(StepForm):
    start_date = forms.DateField(label=_("Notice starts"), widget=DATE, initial=timezone.localdate)


class ObjectionForm(StepForm):
    cadre = forms.ModelChoiceField(label=_("About"), queryset=Cadre.objects.none())
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 2}))
    received_date = forms.DateField(label=_("Received"), widget=DATE, initial=timezone.localdate)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        approved = self.process.candidates.filter(approved=True).values("cadre")
        self.fields["cadre"].queryset = Cadre.objects.filter(pk__in=approved)


class ResolveForm(StepForm):
    resolution = forms.CharField(label=_("Resolution"))
    upheld = forms.BooleanField(label=_("Upheld (withdraw the approval)"), required=False)
    resolved_date = forms.DateField(label=_("Resolved"), widget=DATE, initial=timezone.localdate)


class AppointForm(ObjectionForm):
    cadre = forms.ModelChoiceField(label=_("Cadre to appoint"), queryset=Cadre.objects.none())
    content = None
    received_date = None
    document_no = forms.CharField(label=_("Document number"))
    start_date = forms.DateField(label=_("Start date"), widget=DATE)


class WithdrawForm(StepForm):
    reason = forms.CharField(label=_("Reason for the withdrawal"), widget=forms.Textarea(attrs={"rows": 2}))


class ProbationForm(StepForm):
    result = forms.ChoiceField(
        label=_("Probation review"), choices=[("confirmed", _("Confirmed")), ("reversed", _("Reversed"))]
    )
    note = forms.CharField(label=_("Note"), required=False)


class ReserveForm(BootstrapFormMixin, forms.ModelForm):
    cadre = CadreChoiceField(label=_("Cadre"), queryset=Cadre.objects.none())

    class Meta:
        model = ReserveCadre
        fields = ["cadre", "target_level", "nomination_date", "development_plan"]
        widgets = {"nomination_date": DATE, "development_plan": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, target_level: PostLevel | None = None, **kwargs):
        """`target_level` (an unbound form's initial level) leaves out the cadres who hold or have
        held it; a bound form lists everyone, so the service names the refusal."""
        super().__init__(*args, **kwargs)
        cadres = cadre_choices(user)
        if target_level is not None and not self.is_bound:
            self.initial["target_level"] = target_level.pk
            held = cadres_at_or_past_level(cadres=cadres, level=target_level, on=timezone.localdate())
            cadres = cadres.exclude(pk__in=held)
        self.fields["cadre"].queryset = cadres
        self.fields["target_level"].queryset = PostLevel.objects.filter(active=True)
