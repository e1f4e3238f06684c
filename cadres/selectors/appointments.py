"""Who holds which post when."""

import datetime

from django.db.models import Count, F, Q

from cadres.models import Appointment
from cadres.models.appointment import QUOTA_KINDS


def held_on(on: datetime.date) -> Q:
    """Appointments in force on `on`: started on or before it, not yet ended."""
    return Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gt=on))


def overlapping(queryset, start: datetime.date, end: datetime.date | None):
    """Appointments whose [start, end) overlaps the given period (open ends run forever)."""
    queryset = queryset.filter(Q(end_date__isnull=True) | Q(end_date__gt=start))
    return queryset.filter(start_date__lt=end) if end else queryset


def primary_governing(*, cadre_ids, on: datetime.date) -> dict[int, Appointment]:
    """The primary appointment each cadre's unit follows: the one held on `on`, else the next
    one that will take effect (dated ahead, not yet started). One query for all."""
    rows = (
        Appointment.objects.filter(cadre_id__in=cadre_ids, is_primary=True)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=on))
        .select_related("post__unit")
        .order_by("start_date", "id")
    )
    governing: dict[int, Appointment] = {}
    for row in rows:  # the earliest not ended: the one held, else the next
        governing.setdefault(row.cadre_id, row)
    return governing


def primary_not_followed(*, on: datetime.date):
    """Open primary appointments in force on `on` whose cadre is not yet in the post's unit:
    those dated ahead when they were saved, and whose day has come."""
    return (
        Appointment.objects.filter(start_date__lte=on, end_date__isnull=True, is_primary=True)
        .exclude(cadre__unit_id=F("post__unit_id"))
        .select_related("cadre", "post__unit")
        .order_by("start_date", "id")
    )


def filled_counts_by_unit_level(*, unit_ids, on: datetime.date) -> dict[tuple[int, int], int]:
    """Seats filled per (unit, level) on `on`; secondments occupy no quota."""
    rows = (
        Appointment.objects.filter(held_on(on), post__unit_id__in=unit_ids, kind__in=QUOTA_KINDS)
        .order_by()
        .values_list("post__unit_id", "post__level_id")
        .annotate(n=Count("post_id", distinct=True))
    )
    return {(unit_id, level_id): n for unit_id, level_id, n in rows}
