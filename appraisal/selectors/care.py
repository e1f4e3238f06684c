"""Reads of care (关心关爱): talks and their yearly coverage, visits, the health-check lists."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q

from appraisal.choices import CoveragePairKind
from appraisal.models import CareTalk, Commendation, HealthCheck, HealthCheckRound, Visit
from appraisal.rules.coverage import Member, OwedPair, owed_pairs, pair_key
from cadres.models import Appointment, Cadre, OrgUnit, OrgUnitKind, PostCategory, PostLevelTier
from cadres.selectors.appointments import held_on
from core.scope import scope_path, scoped
from core.visibility import CARE_TALK_NOTES, may_see


def care_talk_list(*, user):
    return scoped(user, CareTalk.objects.select_related("talker", "talkee__unit"))


def notes_visible(*, user) -> bool:
    """Whether `user` may read the topics and follow-up of the talks they may see (core.visibility)."""
    return may_see(user, CARE_TALK_NOTES)


def visit_list(*, user):
    return scoped(user, Visit.objects.select_related("cadre__unit"))


def health_check_list(*, user):
    return scoped(user, HealthCheck.objects.select_related("round", "cadre__unit"))


def health_check_round_list():
    return HealthCheckRound.objects.annotate(
        listed=Count("checks"), done=Count("checks", filter=Q(checks__done_on__isnull=False))
    ).order_by("-year")  # a grouped query drops Meta.ordering


def coverage_as_of(*, year: int, on: datetime.date) -> datetime.date:
    """Who holds which post is read on the year's last day, or today for the current year."""
    return min(datetime.date(year, 12, 31), on)


@dataclass(frozen=True)
class CoverageRow:
    pair: OwedPair
    senior: Cadre
    junior: Cadre
    unit: OrgUnit
    last_talked_on: datetime.date | None

    @property
    def kind_label(self) -> str:
        return CoveragePairKind(self.pair.kind).label


@dataclass(frozen=True)
class Coverage:
    year: int
    as_of: datetime.date
    rows: list[CoverageRow]

    @property
    def owed(self) -> int:
        return len(self.rows)

    @property
    def talked(self) -> int:
        return sum(row.pair.talked for row in self.rows)

    @property
    def gaps(self) -> list[CoverageRow]:
        return [row for row in self.rows if not row.pair.talked]


def _leadership(as_of: datetime.date):
    """The committee's members (posts in a party-committee unit) and the middle-level heads and deputies."""
    held = Appointment.objects.filter(held_on(as_of), post__active=True, post__unit__active=True)
    held = held.select_related("cadre", "post__level", "post__unit")
    committee = list(
        held.filter(post__unit__kind=OrgUnitKind.PARTY_COMMITTEE).prefetch_related("post__supervised_units")
    )
    middle = held.filter(post__level__tier=PostLevelTier.MIDDLE).exclude(
        post__unit__kind=OrgUnitKind.PARTY_COMMITTEE
    )
    return committee, list(middle.order_by("post__unit__path", "post__level__rank", "post__order", "id"))


def _members(committee) -> tuple[list[Member], OrgUnit | None]:
    oversees: dict[int, set[int]] = defaultdict(set)
    secretary: set[int] = set()
    for appointment in committee:
        post = appointment.post
        oversees[appointment.cadre_id] |= {u.pk for u in post.supervised_units.all() if u.active}
        if post.level.is_principal and post.category == PostCategory.PARTY:
            secretary.add(appointment.cadre_id)  # 党委书记: the principal party post of the committee
    members = [Member(c, c in secretary, frozenset(units)) for c, units in oversees.items()]
    return members, (committee[0].post.unit if committee else None)


def talk_coverage(*, user, year: int, on: datetime.date) -> Coverage:
    """The pairs owed a talk in `year` whose junior's unit lies in `user`'s scope, and their state.

    A fixed number of queries whatever the size of the tree."""
    as_of = coverage_as_of(year=year, on=on)
    committee, middle = _leadership(as_of)
    members, committee_unit = _members(committee)
    cadres = {a.cadre_id: a.cadre for a in [*committee, *middle]}
    units = {a.post.unit_id: a.post.unit for a in middle}
    heads: dict[int, list[int]] = defaultdict(list)
    deputies: dict[int, list[int]] = defaultdict(list)
    for appointment in middle:
        bucket = heads if appointment.post.level.is_principal else deputies
        if appointment.cadre_id not in bucket[appointment.post.unit_id]:
            bucket[appointment.post.unit_id].append(appointment.cadre_id)
    last: dict[frozenset[int], datetime.date] = {}
    talks = CareTalk.objects.filter(talked_on__year=year).values_list("talker_id", "talkee_id", "talked_on")
    for talker, talkee, talked_on in talks:
        key = pair_key(talker, talkee)
        last[key] = max(last.get(key, talked_on), talked_on)
    pairs = owed_pairs(
        members=members,
        heads=heads,
        deputies=deputies,
        talked=set(last),
        committee_unit=committee_unit.pk if committee_unit else None,
    )
    if committee_unit is not None:
        units[committee_unit.pk] = committee_unit
    prefix = scope_path(user)
    rows = [
        CoverageRow(
            pair,
            cadres[pair.senior],
            cadres[pair.junior],
            units[pair.unit],
            last.get(pair_key(pair.senior, pair.junior)),
        )
        for pair in pairs
        if prefix is not None and units[pair.unit].path.startswith(prefix)
    ]
    return Coverage(year, as_of, rows)


@dataclass(frozen=True)
class UnitPanelRow:
    unit: OrgUnit
    owed: int
    talked: int
    commendations: int

    @property
    def gaps(self) -> int:
        return self.owed - self.talked


def leader_panel(*, user, year: int, on: datetime.date) -> list[UnitPanelRow]:
    """Per unit: talks owed and held in `year`, and the commendations awarded in it (the unit's
    and its cadres')."""
    coverage = talk_coverage(user=user, year=year, on=on)
    owed: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    units: dict[int, OrgUnit] = {}
    for row in coverage.rows:
        units[row.unit.pk] = row.unit
        owed[row.unit.pk][0] += 1
        owed[row.unit.pk][1] += row.pair.talked
    counted = (
        scoped(user, Commendation.objects.filter(awarded_on__year=year))
        .values("unit")
        .annotate(n=Count("id"))
    )
    commended = {row["unit"]: row["n"] for row in counted}
    missing = set(commended) - set(units)
    units |= {u.pk: u for u in OrgUnit.objects.filter(pk__in=missing)}
    return [
        UnitPanelRow(
            unit, owed[pk][0] if pk in owed else 0, owed[pk][1] if pk in owed else 0, commended.get(pk, 0)
        )
        for pk, unit in sorted(units.items(), key=lambda item: item[1].path)
    ]
