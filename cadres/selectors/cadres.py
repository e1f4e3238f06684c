"""Reads of cadre records, always through the user's data scope."""

import datetime
import re

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery

from cadres.models import Appointment, Cadre, OrgUnit, Post
from cadres.models.search import InSubquery
from cadres.rules.pinyin import query_keys
from cadres.selectors.appointments import held_on
from core.fields import index_lookup
from core.scope import scoped

# Only the whole number finds a cadre: a part of it would let one guess the rest.
ID_NUMBER = re.compile(r"\d{17}[\dXx]")


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


def cadre_search(
    queryset: QuerySet[Cadre],
    *,
    q: str,
    on: datetime.date,
    by_id_number: bool = False,
    within: str = "",
) -> QuerySet[Cadre]:
    """One box: name, pinyin initials (张伟 → zw), full pinyin, unit, or a post held on `on`;
    with `by_id_number` (a role that sees full ID numbers) also the whole 18-character number.
    `within` (a unit path, the user's scope) narrows the unit and post lookups to that subtree:
    the rows are scoped anyway, but at national scale a unit name such as 组织部 is in every
    institution of every province, and the lookups then gathered thousands of ids outside it."""
    q = q.strip()
    if not q:
        return queryset
    if by_id_number and ID_NUMBER.fullmatch(q):
        return queryset.filter(index_lookup("id_number_index", [q]))
    lowered = q.lower().replace(" ", "")
    # Each branch has an index of its own (bench/README.md, "Search"): the pieces of the name,
    # of the unit's name and of the post's title (GIN), the pinyin keys (btree prefix). The unit
    # and post branches run once as InitPlans, so PostgreSQL ORs all five in one BitmapOr.
    units = OrgUnit.objects.filter(contains_text("name", q))
    posts = Post.objects.filter(contains_text("title", q))
    if within:
        units, posts = units.filter(path__startswith=within), posts.filter(unit__path__startswith=within)
    units = units.order_by().values("pk")
    holders = Appointment.objects.filter(held_on(on), post__in=posts).order_by().values("cadre_id")
    matches = queryset.filter(
        contains_text("name", q)
        | Q(name_initials__startswith=lowered)
        | Q(name_pinyin__startswith=lowered)
        | Q(InSubquery(F("unit_id"), Subquery(units)))
        | Q(InSubquery(F("pk"), Subquery(holders)))
    )
    # The ids first: asked for a page in unit order, the planner underestimates the matches and
    # walks all 6,500 units of a province in order instead (75 ms where the BitmapOr takes 8).
    ids = list(matches.order_by().values_list("pk", flat=True)[: MAX_MATCHED_IDS + 1])
    return matches if len(ids) > MAX_MATCHED_IDS else queryset.filter(pk__in=ids)


MAX_MATCHED_IDS = (
    1000  # beyond this an id list costs more than the plan it avoids (and the walk finds a page soon)
)


def contains_text(field: str, q: str) -> Q:
    """`field` contains `q`: every piece of `q` is among the row's keys (`<field>_grams`, an index
    probe), and for more than two characters the whole of it is there (checked on the few rows
    found)."""
    keys = query_keys(query=q)
    condition = Q(**{f"{field}_grams__has_all": keys})
    if len("".join(q.split())) > 2:
        condition &= Q(**{f"{field}__icontains": q})
    return condition


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


# The roster's sortable columns: a key in the URL names the fields it orders by. Every order
# ends with the unit, the name and the id, so equal keys keep one stable order across pages.
ROSTER_SORTS: dict[str, tuple[str, ...]] = {
    "name": ("name_pinyin", "name"),
    "gender": ("gender",),
    "birth_date": ("birth_date",),
    "age": ("-birth_date",),
    "ethnicity": ("ethnicity",),
    "education": ("education",),
    "political_status": ("political_status",),
    "unit": ("unit__path",),
    "retirement_date": ("retirement_date",),
}
ROSTER_DEFAULT_ORDER = ("unit__path", "name", "id")


def roster_sort_keys() -> list[str]:
    return [prefix + key for key in ROSTER_SORTS for prefix in ("", "-")]


def roster_sorted(queryset: QuerySet[Cadre], *, sort: str = "") -> QuerySet[Cadre]:
    """`sort` is a key of ROSTER_SORTS, `-` first for descending; empty is the default order."""
    descending, key = sort.startswith("-"), sort.removeprefix("-")
    if not key:
        return queryset.order_by(*ROSTER_DEFAULT_ORDER)
    fields = ROSTER_SORTS[key]
    if descending:
        fields = tuple(f.removeprefix("-") if f.startswith("-") else f"-{f}" for f in fields)
    return queryset.order_by(*fields, *ROSTER_DEFAULT_ORDER)
