"""The admin-edited table of the conditions an exceptional promotion (破格) may relax."""

from django.db import transaction

from cadres.models import RelaxableReason
from cadres.rules.exceptional import NEVER_RELAXABLE
from core.models import User
from core.services import record_save


@transaction.atomic
def relaxable_reason_save(*, reason: RelaxableReason, acting_user: User) -> RelaxableReason:
    """Save a row; a code the regulations forbid relaxing is locked and refused as relaxable."""
    if reason.code in NEVER_RELAXABLE:
        reason.locked = True
    elif reason.pk is not None:
        # The lock is the regulations', not the administrator's: it cannot be lifted here.
        reason.locked = RelaxableReason.objects.filter(pk=reason.pk, locked=True).exists() or reason.locked
    return record_save(reason, acting_user=acting_user, unit=None)
