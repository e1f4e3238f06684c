from django.db import transaction

from cadres.models import ReserveCadre
from core.scope import ensure_unit_in_scope


@transaction.atomic
def reserve_save(*, reserve: ReserveCadre, acting_user=None) -> ReserveCadre:
    ensure_unit_in_scope(acting_user, reserve.cadre.unit, field="cadre")
    reserve.full_clean()
    reserve._history_user = acting_user
    reserve.save()
    return reserve
