from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from cadres.models import OrgUnit
from cadres.selectors.structure import cadre_structure, retirement_outlook, staffing_overview
from cadres.signals import NAMESPACE
from cadres.views.charts import structure_chart_options
from core.figures_cache import cached_figures, viewer_key
from core.scope import scoped

CHARTS = ["age", "education", "gender", "ethnicity", "title", "political"]


def _within(request) -> OrgUnit | None:
    """`?within=` opens one unit's rows of the vacancy table: a unit in the user's scope."""
    value = request.GET.get("within", "")
    if not value:
        return None
    unit = scoped(request.user, OrgUnit.objects.all()).filter(pk=value).first() if value.isdigit() else None
    if unit is None:
        raise Http404("no such unit in your scope")
    return unit


def _figures(user, *, on, within) -> dict:
    structure_data = cadre_structure(user=user, on=on)
    return {
        "structure": structure_data,
        "chart_options": structure_chart_options(structure_data, CHARTS),
        "staffing": staffing_overview(user=user, on=on, within=within),
        "retirements": retirement_outlook(user=user, on=on),
    }


@login_required
@permission_required("core.view_dashboard", raise_exception=True)
def structure(request):
    today = timezone.localdate()
    within = _within(request)
    # Per scope, roles, day and language; retired by any write to cadres, posts or quotas.
    parts = ("structure", viewer_key(request.user), today.isoformat(), get_language(), within and within.pk)
    figures = cached_figures(NAMESPACE, parts, lambda: _figures(request.user, on=today, within=within))
    return render(request, "cadres/structure_dashboard.html", {**figures, "today": today})
