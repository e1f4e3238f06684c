"""Reads of the risk register and the review's coverage (every post of its units, "no blind spot")."""

from django.db.models import QuerySet

from cadres.models import Post
from core.scope import scoped
from oversight.choices import ReviewOutcome
from oversight.models import IntegrityRisk, RiskReview, RiskReviewEntry
from oversight.rules.risks import Coverage, review_coverage


def risk_list(*, user) -> QuerySet[IntegrityRisk]:
    return scoped(user, IntegrityRisk.objects.select_related("unit", "post", "owner"))


def review_list(*, user) -> QuerySet[RiskReview]:
    return scoped(user, RiskReview.objects.select_related("unit"))


def review_posts(review: RiskReview) -> QuerySet[Post]:
    return Post.objects.filter(active=True, unit__active=True, unit__path__startswith=review.unit.path)


def coverage_of(review: RiskReview) -> Coverage:
    """Two queries: the review's posts, the posts with an entry."""
    post_ids = list(review_posts(review).values_list("id", flat=True))
    reviewed = set(RiskReviewEntry.objects.filter(review=review).values_list("post_id", flat=True))
    return review_coverage(post_ids=post_ids, reviewed_ids=reviewed)


def review_report(*, review: RiskReview) -> dict:
    """The coverage, the posts not reviewed yet, and what the review changed."""
    coverage = coverage_of(review)
    missing = review_posts(review).filter(pk__in=coverage.missing).select_related("unit", "level")
    changed = (
        review.entries.filter(outcome__in=(ReviewOutcome.CHANGED, ReviewOutcome.ADDED))
        .select_related("post__unit", "reviewed_by")
        .order_by("post__unit__path", "id")
    )
    return {"coverage": coverage, "missing": list(missing[:500]), "changed": list(changed)}


def reviews_coverage(*, user, year: int) -> list[tuple[RiskReview, Coverage]]:
    return [(review, coverage_of(review)) for review in review_list(user=user).filter(year=year)]
