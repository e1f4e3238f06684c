"""Shared shapes of HR pages: a form saved through its service."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.forms import add_service_errors


def form_page(
    request,
    *,
    form,
    save: Callable[[], object],
    success_url: str | Callable[[object], str],
    done: str,
    title: str,
    template: str = "cadres/form.html",
):
    """GET shows the form; a valid POST calls `save()` (the service), whose ValidationError
    lands on the form's fields, then redirects (`success_url`, or a function of what `save`
    returned) with `done` as the message."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save()
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(success_url(saved) if callable(success_url) else success_url)
    return render(request, template, {"form": form, "title": title})
