"""Pages that answer htmx with a fragment and everyone else with the whole page.

The same URL gives two bodies, so each answer says it depends on the htmx headers (`Vary`):
without it the browser's cache hands the fragment back when the user presses Back to a URL
htmx pushed, and HR staff saw a bare, unstyled table. A history-restore request (htmx found
no snapshot of the page) is answered with the whole page too.
"""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers

HTMX_HEADERS = ("HX-Request", "HX-Target", "HX-History-Restore-Request")


def wants_fragment(request, *, target: str | None = None) -> bool:
    htmx = getattr(request, "htmx", None)
    if not htmx or htmx.history_restore_request:
        return False
    return target is None or htmx.target == target


def vary_on_htmx(response):
    patch_vary_headers(response, HTMX_HEADERS)
    return response


def render_fragment_or_page(request, *, fragment: str, page: str, context: dict, target=None, status=200):
    """`fragment` for htmx (aimed at `target` when given), else `page`; `Vary` set either way."""
    template = fragment if wants_fragment(request, target=target) else page
    context = {**context, "fragment": template == fragment}
    return vary_on_htmx(render(request, template, context, status=status))
