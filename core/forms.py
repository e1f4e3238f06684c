from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


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
