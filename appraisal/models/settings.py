"""Figures an administrator edits: the quota, the grade thresholds, the default group weights,
and the grade ceilings per sanction kind. The regulations' figures are only the defaults."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from appraisal.choices import (
    DEFAULT_EXCELLENT_QUOTA_PERCENT,
    DEFAULT_GROUP_WEIGHTS,
    DEFAULT_PAY_COEFFICIENTS,
    DEFAULT_THRESHOLDS,
    CeilingWhen,
    Grade,
    QuotaBasis,
)

_SCORE = {"max_digits": 5, "decimal_places": 2}
_COEFFICIENT = {"max_digits": 4, "decimal_places": 2}


class AppraisalSettings(models.Model):
    """The one row of appraisal figures (考核参数)."""

    excellent_quota_percent = models.PositiveSmallIntegerField(
        _("优秀 quota (percent of participants, rounded down)"), default=DEFAULT_EXCELLENT_QUOTA_PERCENT
    )
    quota_basis = models.CharField(
        _("quota counted"), max_length=10, choices=QuotaBasis.choices, default=QuotaBasis.CYCLE
    )
    excellent_min = models.DecimalField(
        _("composite for 优秀 (at least)"), default=DEFAULT_THRESHOLDS["excellent"], **_SCORE
    )
    competent_min = models.DecimalField(
        _("composite for 称职 (at least)"), default=DEFAULT_THRESHOLDS["competent"], **_SCORE
    )
    basically_competent_min = models.DecimalField(
        _("composite for 基本称职 (at least)"), default=DEFAULT_THRESHOLDS["basically_competent"], **_SCORE
    )
    leaders_weight = models.PositiveSmallIntegerField(
        _("default weight: college leaders"), default=DEFAULT_GROUP_WEIGHTS[0][1]
    )
    middle_cadres_weight = models.PositiveSmallIntegerField(
        _("default weight: middle-level cadres"), default=DEFAULT_GROUP_WEIGHTS[1][1]
    )
    staff_weight = models.PositiveSmallIntegerField(
        _("default weight: staff representatives"), default=DEFAULT_GROUP_WEIGHTS[2][1]
    )
    pay_excellent = models.DecimalField(
        _("pay coefficient: 优秀"), default=DEFAULT_PAY_COEFFICIENTS["excellent"], **_COEFFICIENT
    )
    pay_competent = models.DecimalField(
        _("pay coefficient: 称职"), default=DEFAULT_PAY_COEFFICIENTS["competent"], **_COEFFICIENT
    )
    pay_basically_competent = models.DecimalField(
        _("pay coefficient: 基本称职"),
        default=DEFAULT_PAY_COEFFICIENTS["basically_competent"],
        **_COEFFICIENT,
    )
    pay_incompetent = models.DecimalField(
        _("pay coefficient: 不称职"), default=DEFAULT_PAY_COEFFICIENTS["incompetent"], **_COEFFICIENT
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appraisal figures")
        verbose_name_plural = _("appraisal figures")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="appraisalsettings_single_row"),
            models.CheckConstraint(
                condition=Q(excellent_quota_percent__lte=100), name="appraisalsettings_quota_percent"
            ),
            models.CheckConstraint(
                condition=Q(
                    excellent_min__gte=models.F("competent_min"),
                    competent_min__gte=models.F("basically_competent_min"),
                    basically_competent_min__gte=0,
                    excellent_min__lte=100,
                ),
                name="appraisalsettings_thresholds_ordered",
            ),
        ]

    def __str__(self):
        return str(_("appraisal figures"))

    def pay_coefficient(self, grade: str):
        """The pay coefficient of `grade`; None for 不定等次."""
        return getattr(self, f"pay_{grade}", None)


class GradeCeiling(models.Model):
    """The best grade a cadre with a sanction of `sanction_kind` may get, and why."""

    sanction_kind = models.CharField(_("sanction kind"), max_length=30, unique=True)
    ceiling = models.CharField(
        _("best grade allowed"),
        max_length=20,
        choices=[(g.value, g.label) for g in Grade if g != Grade.NOT_GRADED],
    )
    applies = models.CharField(_("applies when"), max_length=20, choices=CeilingWhen.choices)
    reason = models.CharField(_("reason shown"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grade ceiling")
        verbose_name_plural = _("grade ceilings")
        ordering = ["sanction_kind"]

    def __str__(self):
        return f"{self.sanction_kind} → {self.get_ceiling_display()}"
