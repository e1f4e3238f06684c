"""The integrity-risk register (廉政风险点) per post and unit, and the yearly review campaign
(廉政风险大排查) that must reach every post: one entry per post says what the review found."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from oversight.choices import ReviewOutcome, RiskLevel


class IntegrityRisk(models.Model):
    unit = models.ForeignKey(
        "cadres.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    post = models.ForeignKey(
        "cadres.Post",
        verbose_name=_("post"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("Empty: a risk of the unit as a whole."),
    )
    risk = models.CharField(_("risk"), max_length=300)
    level = models.CharField(_("level"), max_length=10, choices=RiskLevel.choices)
    controls = models.TextField(_("controls"))
    owner = models.ForeignKey(
        "cadres.Cadre",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    scope_path = "unit__path"

    class Meta:
        verbose_name = _("integrity risk")
        verbose_name_plural = _("integrity risks")
        ordering = ["unit__path", "post_id", "level", "id"]

    def __str__(self):
        return self.risk


class RiskReview(models.Model):
    """A yearly review campaign over a unit and everything under it."""

    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey(
        "cadres.OrgUnit", verbose_name=_("reviewed units (from)"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=100)
    started_on = models.DateField(_("started on"))
    closes_on = models.DateField(_("closes on"))
    history = HistoricalRecords()

    scope_path = "unit__path"

    class Meta:
        verbose_name = _("integrity-risk review")
        verbose_name_plural = _("integrity-risk reviews")
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "unit"], name="risk_review_once_a_year_per_unit"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("started_on")), name="risk_review_closes_after_start"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="risk_review_year_range"
            ),
        ]

    def __str__(self):
        return self.name


class RiskReviewEntry(models.Model):
    review = models.ForeignKey(
        RiskReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="entries"
    )
    post = models.ForeignKey(
        "cadres.Post", verbose_name=_("post"), on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=ReviewOutcome.choices)
    note = models.TextField(_("what changed"), blank=True)
    reviewed_on = models.DateField(_("reviewed on"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    scope_path = "post__unit__path"

    class Meta:
        verbose_name = _("review entry")
        verbose_name_plural = _("review entries")
        ordering = ["review", "post__unit__path", "id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "post"], name="risk_review_entry_once_per_post")
        ]

    def __str__(self):
        return f"{self.review} · {self.post}"
