"""The home page: the org summary of the user's scope (until a dashboard app exists)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from cadres.selectors.dashboard import org_summary


@login_required
def home(request):
    summary = org_summary(user=request.user, on=timezone.localdate())
    return render(request, "cadres/home.html", {"summary": summary})
