"""What falls due in the next N days: terms, probation, rotation, retirement, notices, and the
kinds other systems register (effect periods of sanctions: oversight).

One function per kind, each a fixed number of queries; the HR pages and the daily review job
both read from here, through the registry (cadres.registry.DUE_KINDS).
"""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cadres.models import Appointment, Cadre, CadreStatus, ProbationResult, SelectionProcess, SelectionState
from cadres.registry import DUE_KINDS, DueKind, register_due_kind
from cadres.rules.tenure import add_years
from cadres.selectors.appointments import held_on
from cadres.selectors.eligibility import selection_figures
from core.scope import scoped
from core.visibility import may_see


@dataclass(frozen=True)
class DueItem:
    kind: str  # a DUE_KINDS code
    due_date: datetime.date
    cadre: Cadre
    unit_id: int
    unit_name: str
    detail: str
    object_id: int  # the appointment, cadre, sanction or process the item is about
    overdue: bool = False  # the due date has passed and nothing has been done about it

    @property
    def kind_label(self) -> str:
        return DUE_KINDS[self.kind].label


def _current(user, on):
    return scoped(user, Appointment.objects.filter(held_on(on))).select_related(
        "cadre__unit", "post__unit", "post__level"
    )


def terms_ending(*, user, on: datetime.date, days: int) -> list[DueItem]:
    years = selection_figures().term_years
    earliest, latest = (
        on - relativedelta(years=years),
        on + datetime.timedelta(days=days) - relativedelta(years=years),
    )
    rows = _current(user, on).filter(start_date__gte=earliest, start_date__lte=latest)
    return [
        DueItem(
            "term_ending",
            add_years(start=a.start_date, years=years),
            a.cadre,
            a.post.unit_id,
            a.post.unit.name,
            a.post.title,
            a.pk,
        )
        for a in rows
    ]


def probations_ending(*, user, on: datetime.date, days: int) -> list[DueItem]:
    rows = _current(user, on).filter(
        probation_result=ProbationResult.PENDING, probation_end__lte=on + datetime.timedelta(days=days)
    )
    return [
        DueItem(
            "probation_ending",
            a.probation_end,
            a.cadre,
            a.post.unit_id,
            a.post.unit.name,
            a.post.title,
            a.pk,
            a.probation_end < on,
        )
        for a in rows
    ]


def rotations_due(*, user, on: datetime.date, days: int) -> list[DueItem]:
    """Same post for the rotation years (key posts sooner), due within `days` or overdue."""
    figures = selection_figures()
    horizon = on + datetime.timedelta(days=days)
    rows = _current(user, on).filter(
        Q(post__is_key=False, start_date__lte=horizon - relativedelta(years=figures.rotation_years))
        | Q(post__is_key=True, start_date__lte=horizon - relativedelta(years=figures.key_post_rotation_years))
    )
    items = []
    for a in rows:
        years = figures.key_post_rotation_years if a.post.is_key else figures.rotation_years
        items.append(
            DueItem(
                "rotation_due",
                add_years(start=a.start_date, years=years),
                a.cadre,
                a.post.unit_id,
                a.post.unit.name,
                a.post.title,
                a.pk,
                add_years(start=a.start_date, years=years) < on,
            )
        )
    return items


def retirements(*, user, on: datetime.date, days: int) -> list[DueItem]:
    """Serving cadres reaching retirement within `days`, and those past it and still serving."""
    rows = scoped(user, Cadre.objects.filter(status=CadreStatus.SERVING)).select_related("unit")
    rows = rows.filter(retirement_date__lte=on + datetime.timedelta(days=days))
    return [
        DueItem("retirement", c.retirement_date, c, c.unit_id, c.unit.name, "", c.pk, c.retirement_date < on)
        for c in rows
    ]


def notices_ending(*, user, on: datetime.date, days: int) -> list[DueItem]:
    rows = scoped(user, SelectionProcess.objects.filter(state=SelectionState.NOTICE))
    rows = rows.filter(notice_end__gte=on, notice_end__lte=on + datetime.timedelta(days=days))
    items = []
    for process in rows.select_related("post__unit").prefetch_related("candidates__cadre__unit"):
        for candidate in process.candidates.all():
            if candidate.approved:
                items.append(
                    DueItem(
                        "notice_ending",
                        process.notice_end,
                        candidate.cadre,
                        process.post.unit_id,
                        process.post.unit.name,
                        process.post.title,
                        process.pk,
                    )
                )
    return items


# A term raises a reminder at 90, 30 and 7 days before it ends (cadres.services.reviews).
TERM_THRESHOLDS = (7, 30, 90)

for _kind in (
    DueKind(
        "term_ending",
        _("Term ending"),
        terms_ending,
        max(TERM_THRESHOLDS),
        _("%(name)s's term as %(post)s (%(unit)s) ends on %(date)s."),
    ),
    DueKind(
        "probation_ending",
        _("Probation ending"),
        probations_ending,
        30,
        _("%(name)s's probation as %(post)s (%(unit)s) ends on %(date)s."),
    ),
    DueKind(
        "rotation_due",
        _("Rotation due"),
        rotations_due,
        90,
        _("%(name)s is due to rotate from %(post)s (%(unit)s) on %(date)s."),
    ),
    DueKind(
        "retirement",
        _("Retirement"),
        retirements,
        183,  # six months
        _("%(name)s (%(unit)s) reaches retirement on %(date)s."),
    ),
    DueKind(
        "notice_ending",
        _("Public notice ending"),
        notices_ending,
        3,
        _("The public notice of %(name)s for %(post)s (%(unit)s) ends on %(date)s."),
    ),
):
    register_due_kind(_kind)


def due_kinds() -> list[str]:
    return list(DUE_KINDS)


def due_kinds_visible(*, user) -> list[DueKind]:
    """The kinds whose items `user` may see: an item tells the fact its kind reveals (a sanction)."""
    return [kind for kind in DUE_KINDS.values() if may_see(user, kind.reveals)]


def due_items(*, user, on: datetime.date, days: int, kinds=None, unit=None) -> list[DueItem]:
    visible = {kind.code for kind in due_kinds_visible(user=user)}
    kinds = [kind for kind in (DUE_KINDS if kinds is None else kinds) if kind in visible]
    items = [item for kind in kinds for item in DUE_KINDS[kind].collect(user=user, on=on, days=days)]
    if unit is not None:
        items = [i for i in items if i.cadre.unit.path.startswith(unit.path)]
    return sorted(items, key=due_order)


def due_order(item: DueItem) -> tuple:
    """Cadres still serving past retirement first: the one item the law has already decided."""
    return (not (item.kind == "retirement" and item.overdue), item.due_date, item.kind, item.cadre.name)
