from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from cadres.selectors.dashboard import org_summary
from core.health import broker_state, database_state


@never_cache
def healthz(request):
    state = {"database": database_state(), "broker": broker_state()}
    ok = all(part["ok"] for part in state.values())
    return JsonResponse({"status": "ok" if ok else "error", **state}, status=200 if ok else 503)


@login_required
def home(request):
    summary = org_summary(user=request.user, on=timezone.localdate())
    return render(request, "core/home.html", {"summary": summary})
