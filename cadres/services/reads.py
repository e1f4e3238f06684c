"""The sensitive reads of cadre records, in core's read log: exports, printed forms, full ID numbers."""

from django.db.models import QuerySet
from django.http import HttpRequest

from cadres.models import Cadre
from core.models import ReadChannel, ReadKind
from core.readlog import read_log
from core.visibility import FULL_ID_NUMBER, may_see


def log_roster_export(*, request: HttpRequest, rows: QuerySet[Cadre], channel: ReadChannel) -> None:
    """An export is one read of as many records as it holds; `detail` keeps the filters asked."""
    read_log(
        user=request.user,
        kind=ReadKind.ROSTER_EXPORT,
        channel=channel,
        count=rows.count(),
        detail=request.GET.urlencode(),
        request=request,
    )


def log_lrmx_export(*, request: HttpRequest, cadres: list[Cadre], channel: ReadChannel) -> None:
    _log_cadres(request=request, kind=ReadKind.LRMX_EXPORT, cadres=cadres, channel=channel)


def log_full_id_numbers(*, request: HttpRequest, cadres: list[Cadre], channel: ReadChannel) -> None:
    """Whether shown on a page or sent by the API, full ID numbers are logged for roles that see them."""
    shown = [c for c in cadres if c.id_number]
    if shown and may_see(request.user, FULL_ID_NUMBER):
        _log_cadres(request=request, kind=ReadKind.FULL_ID_NUMBER, cadres=shown, channel=channel)


def _log_cadres(*, request: HttpRequest, kind: ReadKind, cadres: list[Cadre], channel: ReadChannel) -> None:
    """One row: the cadre itself when there is one, else the count and the ids."""
    one = cadres[0] if len(cadres) == 1 else None
    read_log(
        user=request.user,
        kind=kind,
        channel=channel,
        record=one,
        count=len(cadres),
        detail="" if one else "ids=" + ",".join(str(c.pk) for c in cadres),
        request=request,
    )


def log_appointment_form(*, request: HttpRequest, cadre: Cadre, channel: ReadChannel) -> None:
    read_log(
        user=request.user, kind=ReadKind.APPOINTMENT_FORM, channel=channel, record=cadre, request=request
    )
