from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.models import Cadre, ReserveCadre, ReserveStatus
from cadres.registry import RESERVE_GUARDS
from cadres.selectors.eligibility import cadres_at_or_past_level
from core.errors import RuleViolation
from core.models import User
from core.services import record_save


@transaction.atomic
def reserve_save(*, reserve: ReserveCadre, acting_user: User) -> ReserveCadre:
    """Add or change a reserve entry; an entry in the pool must aim above every level the cadre
    holds or has held (`reserve_level_held` on `target_level`)."""
    # appointment_save locks the cadre row too: an appointment at the level cannot be committed
    # between the check and the save.
    list(Cadre.objects.select_for_update().filter(pk=reserve.cadre_id).values_list("pk"))
    reserve_level_ensure(reserve=reserve)
    reserve_guards_ensure(reserve=reserve)
    return record_save(reserve, acting_user=acting_user, unit=reserve.cadre.unit, scope_field="cadre")


def reserve_level_ensure(*, reserve: ReserveCadre) -> None:
    """Refuse an entry in the pool whose target level the cadre holds or has held; also called by
    the admin form, so the refusal is shown on the field instead of failing the save."""
    if reserve.status != ReserveStatus.ACTIVE or not (reserve.cadre_id and reserve.target_level_id):
        return
    cadres = Cadre.objects.filter(pk=reserve.cadre_id)
    if not cadres_at_or_past_level(cadres=cadres, level=reserve.target_level, on=timezone.localdate()):
        return
    message = _("%(name)s already holds or has held %(level)s or a more senior level.") % {
        "name": reserve.cadre.name,
        "level": reserve.target_level.name,
    }
    raise RuleViolation("target_level", message, "reserve_level_held", level=reserve.target_level_id)


def reserve_guards_ensure(*, reserve: ReserveCadre) -> None:
    """Refuse an active entry another system's records bar (cadres.registry.RESERVE_GUARDS)."""
    if reserve.status != ReserveStatus.ACTIVE or not reserve.cadre_id:
        return
    for guard in RESERVE_GUARDS.values():
        if message := guard.refuses(cadre=reserve.cadre, on=timezone.localdate()):
            raise RuleViolation("cadre", message, guard.code)
