from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.utils import timezone

from cadres.selectors.structure import cadre_structure, retirement_outlook, staffing_overview
from cadres.views.charts import structure_chart_options

CHARTS = ["age", "education", "gender", "ethnicity", "title", "political"]


@login_required
@permission_required("core.view_dashboard", raise_exception=True)
def structure(request):
    today = timezone.localdate()
    structure_data = cadre_structure(user=request.user, on=today)
    return render(
        request,
        "cadres/structure_dashboard.html",
        {
            "structure": structure_data,
            "chart_options": structure_chart_options(structure_data, CHARTS),
            "staffing": staffing_overview(user=request.user, on=today),
            "retirements": retirement_outlook(user=request.user, on=today),
            "today": today,
        },
    )
