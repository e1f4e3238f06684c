"""A cadre's photo, served only to users who may open his record (and, as personal data, `no-store`:
core.middleware.PrivateResponseMiddleware)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from cadres.models import Cadre
from core.scope import scoped


@require_GET
@login_required
@permission_required("cadres.view_cadre", raise_exception=True)
def cadre_photo(request, pk: int):
    cadre = get_object_or_404(scoped(request.user, Cadre.objects.only("id", "unit_id", "photo")), pk=pk)
    if not cadre.photo:
        raise Http404
    try:
        handle = cadre.photo.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(handle, filename=cadre.photo.name.rsplit("/", 1)[-1])
