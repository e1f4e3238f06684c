from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.utils import timezone

from cadres.selectors.structure import cadre_structure, retirement_outlook, staffing_overview


@login_required
@permission_required("core.view_dashboard", raise_exception=True)
def structure(request):
    today = timezone.localdate()
    return render(
        request,
        "cadres/structure_dashboard.html",
        {
            "structure": cadre_structure(user=request.user, on=today),
            "staffing": staffing_overview(user=request.user, on=today),
            "retirements": retirement_outlook(user=request.user, on=today),
            "today": today,
        },
    )
