"""Reads of cadre records, always through the user's data scope."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from cadres.models import Appointment, Cadre, OrgUnit
from cadres.selectors.appointments import held_on
from core.scope import scoped


def cadres_visible(*, user, on: datetime.date) -> QuerySet[Cadre]:
    """Cadres in scope with their posts held on `on` prefetched (as `current_appointments`)."""
    current = Appointment.objects.filter(held_on(on)).select_related("post__unit", "post__level")
    return scoped(user, Cadre.objects.select_related("unit")).prefetch_related(
        Prefetch(
            "appointments",
            queryset=current.order_by("-is_primary", "start_date"),
            to_attr="current_appointments",
        )
    )


def cadre_search(queryset: QuerySet[Cadre], *, q: str, on: datetime.date) -> QuerySet[Cadre]:
    """One box: name, pinyin initials (张伟 → zw), full pinyin, unit, or a post held on `on`."""
    q = q.strip()
    if not q:
        return queryset
    lowered = q.lower().replace(" ", "")
    # An uncorrelated IN: PostgreSQL runs it once and hashes it, where a correlated EXISTS
    # inside the OR ran once per cadre (30,000 times at province scale).
    holds_post = Appointment.objects.filter(held_on(on), post__title__icontains=q).values("cadre_id")
    return queryset.filter(
        Q(name__icontains=q)
        | Q(name_initials__startswith=lowered)
        | Q(name_pinyin__startswith=lowered)
        | Q(unit__name__icontains=q)
        | Q(pk__in=holds_post)
    )


def in_unit_subtree(queryset: QuerySet[Cadre], *, unit: OrgUnit) -> QuerySet[Cadre]:
    return queryset.filter(unit__path__startswith=unit.path)


def at_level(queryset: QuerySet[Cadre], *, level_id: int, on: datetime.date) -> QuerySet[Cadre]:
    holds = Appointment.objects.filter(held_on(on), cadre=OuterRef("pk"), post__level_id=level_id)
    return queryset.filter(Exists(holds))


def aged_between(queryset, *, on: datetime.date, min_age: int | None, max_age: int | None):
    """Age in full years on `on`: min_age ≤ age ≤ max_age."""
    if min_age is not None:
        queryset = queryset.filter(birth_date__lte=on - relativedelta(years=min_age))
    if max_age is not None:
        queryset = queryset.filter(birth_date__gt=on - relativedelta(years=max_age + 1))
    return queryset


def retiring_within(queryset, *, on: datetime.date, months: int):
    return queryset.filter(retirement_date__gte=on, retirement_date__lte=on + relativedelta(months=months))
