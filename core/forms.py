from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from core import ranges
from core.models import ReadKind, User


class BootstrapFormMixin:
    """Give every widget Bootstrap's classes so templates can render `{{ field }}`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                css = "form-select form-select-sm"
            else:
                css = "form-control form-control-sm"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def validate_constraints(self):
        # A model form saves through its service, which checks the constraints itself and puts
        # each on its field, naming the conflicting record when the user may see it
        # (core.constraints); the form's own check would say it on no field, unnamed.
        pass

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid"


def add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (unknown fields become form errors)."""
    errors = exc.error_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.error_list}
    for field, field_errors in errors.items():
        form.add_error(field if field in form.fields else None, field_errors)


class FilterForm(BootstrapFormMixin, forms.Form):
    """Base form of list-page filters (django-filter's FilterSet.Meta.form)."""


class RangedIntegerField(forms.IntegerField):
    """A whole number within `bounds` (core.ranges); outside them the error is `out_of_range`.

    The bounds also become the number input's min and max attributes."""

    def __init__(self, *, bounds: ranges.Bounds, **kwargs):
        self.bounds = bounds
        super().__init__(min_value=bounds.minimum, max_value=bounds.maximum, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return ranges.parse_integer(value, bounds=self.bounds, label=str(self.label))


class RangedDateField(forms.DateField):
    """A date within `bounds` (core.ranges); outside them the error is `out_of_range`."""

    def __init__(self, *, bounds: ranges.Bounds = ranges.DATE, **kwargs):
        self.bounds = bounds
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        return ranges.check_in_range(value, bounds=self.bounds, label=str(self.label))


def query_param(request, name: str, field: forms.Field, *, default=None):
    """A page's query parameter read through `field`. A bad value is said in a message, since no
    form marks it, and `default` is used instead: the page answers, it never fails."""
    try:
        value = field.clean(request.GET.get(name))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return default
    return default if value is None else value


class ReadLogFilterForm(FilterForm):
    """The auditor's filters of the read log: who, what, from and to (days inclusive)."""

    user = forms.ModelChoiceField(label=_("User"), queryset=None, required=False)
    kind = forms.ChoiceField(label=_("What was read"), required=False)
    since = RangedDateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = RangedDateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by("username")
        self.fields["kind"].choices = [("", "---------"), *ReadKind.choices]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end must not be before the start."))
        return data
