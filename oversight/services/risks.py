"""Writes of the integrity-risk register and its yearly review (廉政风险大排查)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.models import OrgUnit, Post
from core.errors import RuleViolation
from core.models import User
from core.scope import ensure_unit_in_scope
from core.services import record_save
from oversight.choices import ReviewOutcome, RiskLevel
from oversight.models import IntegrityRisk, RiskReview, RiskReviewEntry
from oversight.services.conduct import check_year, require_perm, required_text


def risk_check(risk: IntegrityRisk) -> None:
    """What a risk point needs, whoever writes it (service, admin form)."""
    if risk.post_id is not None and risk.post.unit_id != risk.unit_id:
        raise RuleViolation("post", _("The post is not in this unit."), "post_not_in_unit")
    if risk.level not in RiskLevel.values:
        raise RuleViolation("level", _("Choose high, medium or low."), "invalid_choice")
    required_text(risk.risk, field="risk", message=_("Describe the risk."))
    required_text(risk.controls, field="controls", message=_("Name the controls."))


@transaction.atomic
def risk_save(*, risk: IntegrityRisk, acting_user: User) -> IntegrityRisk:
    """A risk point of a post (in its unit) or of a unit as a whole, with its controls."""
    require_perm(acting_user, "oversight.change_integrityrisk" if risk.pk else "oversight.add_integrityrisk")
    if risk.pk is not None:
        old = IntegrityRisk.objects.select_related("unit").get(pk=risk.pk)
        ensure_unit_in_scope(acting_user, old.unit)
    risk_check(risk)
    risk.risk, risk.controls = risk.risk.strip(), risk.controls.strip()
    if risk.owner_id is not None:
        ensure_unit_in_scope(acting_user, risk.owner.unit, field="owner")
    return record_save(risk, acting_user=acting_user, unit=risk.unit)


@transaction.atomic
def risk_review_open(
    *,
    year: int,
    unit: OrgUnit,
    name: str,
    started_on: datetime.date,
    closes_on: datetime.date,
    acting_user: User,
) -> RiskReview:
    require_perm(acting_user, "oversight.add_riskreview")
    check_year(year)
    if closes_on < started_on:
        raise RuleViolation("closes_on", _("The review closes after it starts."), "closes_before_start")
    review = RiskReview(
        year=year,
        unit=unit,
        name=required_text(name, field="name", message=_("Name the review.")),
        started_on=started_on,
        closes_on=closes_on,
    )
    return record_save(review, acting_user=acting_user, unit=unit)


@transaction.atomic
def risk_review_record(
    *, review: RiskReview, post: Post, outcome: str, note: str, acting_user: User
) -> RiskReviewEntry:
    """What the review found at one post; a second look at a post replaces the first."""
    require_perm(acting_user, "oversight.add_riskreviewentry")
    review = RiskReview.objects.select_related("unit").get(pk=review.pk)
    post = Post.objects.select_related("unit").get(pk=post.pk)
    if not post.unit.path.startswith(review.unit.path) or not post.active:
        raise RuleViolation("post", _("The post is not one of this review's posts."), "post_not_in_review")
    if outcome not in ReviewOutcome.values:
        raise RuleViolation("outcome", _("Choose what the review found."), "invalid_choice")
    if outcome in (ReviewOutcome.CHANGED, ReviewOutcome.ADDED) and not note.strip():
        raise RuleViolation("note", _("Say what changed."), "required")
    today = timezone.localdate()
    if today < review.started_on:
        raise RuleViolation("review", _("The review has not started yet."), "review_not_started")
    # Two staff recording the same post at once: the row lock (or the unique constraint) keeps one entry.
    entry = RiskReviewEntry.objects.select_for_update().filter(review=review, post=post).first()
    entry = entry or RiskReviewEntry(review=review, post=post)
    entry.outcome, entry.note, entry.reviewed_on, entry.reviewed_by = (
        outcome,
        note.strip(),
        today,
        acting_user,
    )
    return record_save(entry, acting_user=acting_user, unit=post.unit, scope_field="post")
