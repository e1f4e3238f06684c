"""Reads of responsibility letters: the facts the plan is made from, the list, the progress, the gaps."""

import datetime

from django.db.models import Count, Q, QuerySet

from cadres.models import Appointment, OrgUnit, OrgUnitKind, Post, PostCategory, PostLevelTier
from cadres.selectors.appointments import held_on
from core.actors import is_system_actor
from core.scope import scoped
from oversight.choices import LetterGap, LetterState
from oversight.models import ResponsibilityLetter
from oversight.rules.letters import LeaderPost, UnitFact, letter_plan


def _holders(post_ids, on: datetime.date) -> dict[int, int]:
    rows = Appointment.objects.filter(held_on(on), post_id__in=post_ids).order_by(
        "post_id", "-is_primary", "start_date"
    )
    holders: dict[int, int] = {}
    for post_id, cadre_id in rows.values_list("post_id", "cadre_id"):
        holders.setdefault(post_id, cadre_id)
    return holders


def letter_facts(*, user, on: datetime.date) -> tuple[list[LeaderPost], list[UnitFact], int | None]:
    """The leadership posts (college-level posts of the party committee's unit) with their holders
    and overseen units, and the units that sign: the active first-level units of the institution."""
    committees = OrgUnit.objects.filter(kind=OrgUnitKind.PARTY_COMMITTEE, active=True)
    leadership = (committees if is_system_actor(user) else scoped(user, committees)).order_by("path").first()
    if leadership is None:
        return [], [], None
    posts = list(
        Post.objects.filter(unit=leadership, active=True, level__tier=PostLevelTier.COLLEGE)
        .select_related("level")
        .prefetch_related("supervised_units")
        .order_by("level__rank", "order", "id")
    )
    holders = _holders([p.pk for p in posts], on)
    leaders, secretary_seen = [], False
    for post in posts:
        is_secretary = not secretary_seen and post.level.is_principal and post.category == PostCategory.PARTY
        secretary_seen |= is_secretary
        oversees = tuple(u.pk for u in post.supervised_units.all())
        leaders.append(LeaderPost(post.pk, holders.get(post.pk), is_secretary, oversees))
    units = list(
        OrgUnit.objects.filter(parent_id=leadership.parent_id, active=True)
        .exclude(kind=OrgUnitKind.PARTY_COMMITTEE)
        .order_by("path")
    )
    principals: dict[int, int] = {}
    for post_id, unit_id in (
        Post.objects.filter(
            unit__in=units, active=True, level__is_principal=True, level__tier=PostLevelTier.MIDDLE
        )
        .order_by("unit_id", "order", "id")
        .values_list("id", "unit_id")
    ):
        principals.setdefault(unit_id, post_id)
    unit_holders = _holders(list(principals.values()), on)
    facts = [UnitFact(u.pk, principals.get(u.pk), unit_holders.get(principals.get(u.pk))) for u in units]
    return leaders, facts, leadership.pk


def letter_list(*, user, year: int | None = None) -> QuerySet[ResponsibilityLetter]:
    rows = scoped(user, ResponsibilityLetter.objects.all()).select_related(
        "unit", "issuer_post__unit", "signatory_post__unit", "issuer", "signatory"
    )
    return rows.filter(year=year) if year is not None else rows


def letter_progress(*, user, year: int) -> dict:
    """Letters of the year: how many, how many signed, how many past their date unsigned."""
    counts = letter_list(user=user, year=year).aggregate(
        total=Count("id"), signed=Count("id", filter=Q(state=LetterState.SIGNED))
    )
    return {"year": year, **counts, "pending": counts["total"] - counts["signed"]}


def letters_unsigned_past(*, on: datetime.date) -> QuerySet[ResponsibilityLetter]:
    """Every letter still unsigned after its date (the job; no user, the job scopes recipients)."""
    return ResponsibilityLetter.objects.filter(state=LetterState.PENDING, sign_by__lt=on).select_related(
        "unit", "issuer_post", "signatory_post__unit"
    )


def gap_rows(gaps) -> list[dict]:
    """The plan's gaps with the names of their posts and units (two queries)."""
    posts = {
        p.pk: p
        for p in Post.objects.filter(pk__in={g.post_id for g in gaps if g.post_id}).select_related("unit")
    }
    units = {u.pk: u for u in OrgUnit.objects.filter(pk__in={g.unit_id for g in gaps if g.unit_id})}
    rows = []
    for gap in gaps:
        name = str(posts.get(gap.post_id) or units.get(gap.unit_id) or "")
        rows.append(
            {
                "code": gap.code,
                "label": LetterGap(gap.code).label,
                "post": gap.post_id,
                "unit": gap.unit_id,
                "name": name,
            }
        )
    return rows


def letter_gaps(*, user, on: datetime.date) -> list[dict]:
    """What the letters cannot reach as the tree and the posts stand on `on`."""
    leaders, units, leadership_id = letter_facts(user=user, on=on)
    return gap_rows(letter_plan(leaders=leaders, units=units, leadership_unit_id=leadership_id).gaps)
