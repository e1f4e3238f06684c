"""The figures of the four musts' records (凡提四必), one row edited by the administrator."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from oversight.choices import (
    DEFAULT_CONCEALMENT_BAR_MONTHS,
    DEFAULT_FILE_REVIEW_MONTHS,
    DEFAULT_FILING_DUE,
    DEFAULT_HAND_IN_DAYS,
    DEFAULT_PASSPORT_RETURN_DAYS,
    DEFAULT_RANDOM_SHARE_PERCENT,
    DEFAULT_TRIP_CHAIN,
    FilingTier,
)


def default_trip_chain() -> list[str]:
    return list(DEFAULT_TRIP_CHAIN)


class MustsSettings(models.Model):
    file_review_months = models.PositiveSmallIntegerField(
        _("file review valid for (months)"),
        default=DEFAULT_FILE_REVIEW_MONTHS,
        help_text=_("0: every promotion needs a review done for its own selection (凡提必审)."),
    )
    filing_tier = models.CharField(
        _("who files personal-matters reports"),
        max_length=10,
        choices=FilingTier.choices,
        default=FilingTier.MIDDLE,
    )
    filing_due_month = models.PositiveSmallIntegerField(
        _("filing due (month)"),
        default=DEFAULT_FILING_DUE[0],
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    filing_due_day = models.PositiveSmallIntegerField(
        _("filing due (day)"),
        default=DEFAULT_FILING_DUE[1],
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    random_share_percent = models.PositiveSmallIntegerField(
        _("share drawn for random checks (%)"),
        default=DEFAULT_RANDOM_SHARE_PERCENT,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    concealment_bar_months = models.PositiveSmallIntegerField(
        _("concealment bars promotion for (months)"), default=DEFAULT_CONCEALMENT_BAR_MONTHS
    )
    passport_return_days = models.PositiveSmallIntegerField(
        _("days to return papers after a trip"), default=DEFAULT_PASSPORT_RETURN_DAYS
    )
    hand_in_days = models.PositiveSmallIntegerField(
        _("days for a new middle-level cadre to hand in papers"), default=DEFAULT_HAND_IN_DAYS
    )
    trip_chain = models.JSONField(
        _("trip approval chain"),
        default=default_trip_chain,
        help_text=_(
            "The approval steps of a private trip, in order: unit_head, leader, org_first, org_final."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("four musts figures")
        verbose_name_plural = _("four musts figures")
        constraints = [
            models.CheckConstraint(
                condition=Q(random_share_percent__gte=1, random_share_percent__lte=100),
                name="musts_random_share_in_range",
            ),
            models.CheckConstraint(
                condition=Q(filing_due_month__gte=1, filing_due_month__lte=12, filing_due_day__gte=1)
                & Q(filing_due_day__lte=31),
                name="musts_filing_due_valid",
            ),
        ]

    def __str__(self):
        return str(self._meta.verbose_name)
