"""The home page: for each role the user holds, what falls due for it (until a dashboard app exists)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from cadres.selectors.home import home_parts


@login_required
def home(request):
    parts = home_parts(user=request.user, on=timezone.localdate())
    return render(request, "cadres/home.html", {"parts": parts})
