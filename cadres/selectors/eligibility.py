"""Facts from the database for the pure eligibility engine (cadres.rules.eligibility)."""

import datetime
from collections import defaultdict
from dataclasses import fields

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cadres.models import (
    Appointment,
    Cadre,
    CalendarDay,
    CalendarDayKind,
    FamilyMember,
    Post,
    PostLevel,
    SelectionSettings,
)
from cadres.registry import FACT_LOADERS
from cadres.rules.eligibility import (
    RULE_REVEALS,
    AppointmentFact,
    CadreFacts,
    EligibilityResult,
    RelativeFact,
    TargetPost,
    evaluate,
    level_reached,
)
from cadres.rules.figures import SelectionFigures
from cadres.selectors.appointments import held_on
from core.visibility import visible_facts

# Family relations (as recorded on the form) grouped as the recusal rule counts them.
RECUSAL_GROUP = {
    "spouse": "spouse",
    "father": "lineal",
    "mother": "lineal",
    "son": "lineal",
    "daughter": "lineal",
    "grandparent": "lineal",
    "grandchild": "lineal",
    "sibling": "collateral",
    "uncle_aunt": "collateral",
    "nephew_niece": "collateral",
    "cousin": "collateral",
    "parent_in_law": "in_law",
    "sibling_in_law": "in_law",
    "child_in_law": "in_law",
}
CHILD_RELATIONS = ("son", "daughter")


def selection_figures() -> SelectionFigures:
    row, _created = SelectionSettings.objects.get_or_create(pk=1)
    return SelectionFigures(**{f.name: getattr(row, f.name) for f in fields(SelectionFigures)})


def calendar_overrides() -> tuple[set[datetime.date], set[datetime.date]]:
    """(extra holidays, extra make-up working days) from the admin-edited calendar."""
    days = CalendarDay.objects.values_list("date", "kind")
    return (
        {d for d, kind in days if kind == CalendarDayKind.HOLIDAY},
        {d for d, kind in days if kind == CalendarDayKind.WORKDAY},
    )


def _appointment_fact(appointment: Appointment) -> AppointmentFact:
    level = appointment.post.level
    return AppointmentFact(
        level_rank=level.rank,
        level_tier=level.tier,
        level_is_principal=level.is_principal,
        start=appointment.start_date,
        end=appointment.end_date,
        unit_id=appointment.post.unit_id,
        post_id=appointment.post_id,
        team_id=appointment.post.unit_id,
        is_primary=appointment.is_primary,
    )


def _family_links(cadre: Cadre) -> list[tuple[int, int | None, str, bool]]:
    """(owner, relative's record, relation, settled abroad) for the cadre's own family rows and
    the rows that name him as a relative: one query for the recusal and the family-abroad facts."""
    return list(
        FamilyMember.objects.filter(Q(cadre=cadre) | Q(relative_cadre=cadre)).values_list(
            "cadre_id", "relative_cadre_id", "relation", "settled_abroad"
        )
    )


def _family_abroad(cadre: Cadre, links) -> dict:
    own = [(relation, abroad) for owner, _r, relation, abroad in links if owner == cadre.pk]
    children = [abroad for relation, abroad in own if relation in CHILD_RELATIONS]
    return {
        "has_spouse": any(relation == "spouse" for relation, _a in own),
        "spouse_abroad": any(relation == "spouse" and abroad for relation, abroad in own),
        "children": len(children),
        "children_abroad": sum(children),
    }


def _relatives(cadre: Cadre, on: datetime.date, links) -> tuple[RelativeFact, ...]:
    """Relatives with their own record here, in either direction of the family link."""
    relations = {}
    for owner, relative, relation, _abroad in links:
        if owner == cadre.pk and relative is None:
            continue
        other = relative if owner == cadre.pk else owner
        relations.setdefault(other, RECUSAL_GROUP.get(relation, "other"))
    if not relations:
        return ()
    held = Appointment.objects.filter(held_on(on), cadre_id__in=relations).select_related("post")
    held = held.prefetch_related("post__supervised_units")
    units: dict[int, set[int]] = {pk: set() for pk in relations}
    supervised: dict[int, set[int]] = {pk: set() for pk in relations}
    for appointment in held:
        units[appointment.cadre_id].add(appointment.post.unit_id)
        supervised[appointment.cadre_id] |= {u.pk for u in appointment.post.supervised_units.all()}
    return tuple(
        RelativeFact(
            relation=relation,
            cadre_id=pk,
            unit_ids=frozenset(units[pk]),
            team_ids=frozenset(units[pk]),
            supervision_unit_ids=frozenset(supervised[pk] | units[pk]),
        )
        for pk, relation in relations.items()
    )


def cadre_facts(*, cadre: Cadre, on: datetime.date) -> CadreFacts:
    appointments = cadre.appointments.select_related("post__level")
    links = _family_links(cadre)
    return CadreFacts(
        birth_date=cadre.birth_date,
        gender=cadre.gender,
        work_start_date=cadre.work_start_date,
        education=cadre.education or None,
        appointments=tuple(_appointment_fact(a) for a in appointments),
        relatives=_relatives(cadre, on, links),
        retirement_date=cadre.retirement_date,
        political_status=cadre.political_status,
        party_join_date=cadre.party_join_date,
        **_family_abroad(cadre, links),
        extra={name: load(cadre=cadre, on=on) for name, load in FACT_LOADERS.items()},
    )


def target_post(post: Post) -> TargetPost:
    level = post.level
    return TargetPost(
        post_id=post.pk,
        unit_id=post.unit_id,
        level_rank=level.rank,
        level_tier=level.tier,
        is_principal=level.is_principal,
        age_limit=level.age_limit,
        supervises_unit_ids=frozenset(u.pk for u in post.supervised_units.all()),
        sensitive_office=post.unit.sensitive_office,
        office_of_unit_id=post.unit.parent_id,
        team_id=post.unit_id,
        category=post.category,
        party_standing_years=level.party_standing_years,
    )


def cadre_eligibility(
    *, cadre: Cadre, post: Post, on: datetime.date, figures: SelectionFigures | None = None
) -> EligibilityResult:
    return evaluate(
        facts=cadre_facts(cadre=cadre, on=on),
        target=target_post(post),
        on=on,
        figures=figures or selection_figures(),
    )


# The rules that keep a cadre out of a post's candidate picker altogether.
NOT_OFFERED_CODES = ("holds_this_post", "below_current_level")


def cadres_not_offered(*, cadres, post: Post, on: datetime.date) -> set[int]:
    """Ids among `cadres` (a queryset) that hold `post` or a primary post of a more senior level
    on `on`, by the rules themselves over the appointments held that day: one query for any
    number of cadres."""
    held = Appointment.objects.filter(held_on(on), cadre__in=cadres.values("pk")).select_related(
        "post__level"
    )
    by_cadre: dict[int, list[AppointmentFact]] = defaultdict(list)
    for appointment in held:
        by_cadre[appointment.cadre_id].append(_appointment_fact(appointment))
    level = post.level
    # Only what the two rules read: the full target_post would query the supervised units.
    target = TargetPost(
        post_id=post.pk,
        unit_id=post.unit_id,
        level_rank=level.rank,
        level_tier=level.tier,
        is_principal=level.is_principal,
    )
    return {
        pk
        for pk, appointments in by_cadre.items()
        if not evaluate(
            facts=CadreFacts(appointments=tuple(appointments)), target=target, on=on, codes=NOT_OFFERED_CODES
        ).eligible
    }


def cadres_at_or_past_level(*, cadres, level: PostLevel, on: datetime.date) -> set[int]:
    """Ids among `cadres` who hold or have held `level` or a more senior one by `on` (no reserve
    for that level): one query for any number of cadres."""
    rows = Appointment.objects.filter(cadre__in=cadres.values("pk"), start_date__lte=on).values_list(
        "cadre_id", "post__level__rank", "start_date"
    )
    by_cadre: dict[int, list[AppointmentFact]] = defaultdict(list)
    for pk, rank, start in rows:
        by_cadre[pk].append(
            AppointmentFact(level_rank=rank, level_tier="", level_is_principal=False, start=start)
        )
    return {
        pk
        for pk, appointments in by_cadre.items()
        if level_reached(appointments=appointments, level_rank=level.rank, on=on)
    }


def reasons_as_data(
    result: EligibilityResult, *, relaxable: frozenset[str] | None = None, user=None
) -> list[dict]:
    """The reasons as stored and served; with `relaxable`, whether 破格 may relax each; with
    `user`, as that user may see them (reasons_visible)."""
    rows = [
        {"code": r.code, "severity": r.severity, "rule": str(r.rule), "message": str(r.message)}
        for r in result.reasons
    ]
    if relaxable is not None:
        for row in rows:
            row["relaxable"] = row["code"] in relaxable
    return rows if user is None else reasons_visible(rows, user=user)


HIDDEN_REASON_CODE = "restricted"
HIDDEN_MESSAGES = {
    "block": _("A circumstance that bars promotion exists (you may not see the details)."),
    "warn": _("A circumstance that needs attention exists (you may not see the details)."),
}


def reasons_visible(reasons: list[dict], *, user) -> list[dict]:
    """Stored or fresh reasons as `user` may see them: one from a fact they may not see keeps its
    severity (it still blocks) but not its rule, code or figures (core.visibility)."""
    facts = visible_facts(user)
    return [
        r
        if RULE_REVEALS.get(r["code"]) in (None, *facts)
        else {
            "code": HIDDEN_REASON_CODE,
            "severity": r["severity"],
            "rule": str(_("Restricted")),
            "message": str(HIDDEN_MESSAGES.get(r["severity"], HIDDEN_MESSAGES["block"])),
        }
        for r in reasons
    ]
