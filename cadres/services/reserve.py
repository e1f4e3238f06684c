from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.models import Cadre, ReserveCadre, ReserveStatus
from cadres.selectors.eligibility import cadres_at_or_past_level
from core.errors import RuleViolation
from core.models import User
from core.services import record_save


@transaction.atomic
def reserve_save(*, reserve: ReserveCadre, acting_user: User) -> ReserveCadre:
    """Add or change a reserve entry; an entry in the pool must aim above every level the cadre
    holds or has held (`reserve_level_held` on `target_level`)."""
    if reserve.status == ReserveStatus.ACTIVE and reserve.cadre_id and reserve.target_level_id:
        _ensure_level_not_reached(reserve)
    return record_save(reserve, acting_user=acting_user, unit=reserve.cadre.unit, scope_field="cadre")


def _ensure_level_not_reached(reserve: ReserveCadre) -> None:
    # appointment_save locks the cadre row too: an appointment at the level cannot be committed
    # between this check and the save.
    cadres = Cadre.objects.filter(pk=reserve.cadre_id)
    list(cadres.select_for_update().values_list("pk"))
    if not cadres_at_or_past_level(cadres=cadres, level=reserve.target_level, on=timezone.localdate()):
        return
    message = _("%(name)s already holds or has held %(level)s or a more senior level.") % {
        "name": reserve.cadre.name,
        "level": reserve.target_level.name,
    }
    raise RuleViolation("target_level", message, "reserve_level_held", level=reserve.target_level_id)
