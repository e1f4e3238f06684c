"""Who holds which post when."""

import datetime

from django.db.models import Count, Q

from cadres.models import Appointment
from cadres.models.appointment import QUOTA_KINDS


def held_on(on: datetime.date) -> Q:
    """Appointments in force on `on`: started on or before it, not yet ended."""
    return Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gt=on))


def filled_counts_by_unit_level(*, unit_ids, on: datetime.date) -> dict[tuple[int, int], int]:
    """Seats filled per (unit, level) on `on`; secondments occupy no quota."""
    rows = (
        Appointment.objects.filter(held_on(on), post__unit_id__in=unit_ids, kind__in=QUOTA_KINDS)
        .order_by()
        .values_list("post__unit_id", "post__level_id")
        .annotate(n=Count("post_id", distinct=True))
    )
    return {(unit_id, level_id): n for unit_id, level_id, n in rows}
