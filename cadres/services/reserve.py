from django.db import transaction

from cadres.models import ReserveCadre
from core.models import User
from core.services import record_save


@transaction.atomic
def reserve_save(*, reserve: ReserveCadre, acting_user: User) -> ReserveCadre:
    return record_save(reserve, acting_user=acting_user, unit=reserve.cadre.unit, scope_field="cadre")
