"""Duty and integrity reports (述责述廉): one a year per leader, submitted, reviewed and graded by the
discipline office; appraisal shows the grade to raters beside the 廉 dimension (cadres.registry)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from oversight.choices import DutyReportGrade, DutyReportState


class DutyReport(models.Model):
    cadre = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    due_on = models.DateField(_("due on"))
    state = models.CharField(
        _("state"), max_length=10, choices=DutyReportState.choices, default=DutyReportState.DUE
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    text = models.TextField(_("report"), blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    grade = models.CharField(_("grade"), max_length=12, choices=DutyReportGrade.choices, blank=True)
    comment = models.TextField(_("review comment"), blank=True)
    history = HistoricalRecords()

    scope_path = "cadre__unit__path"

    class Meta:
        verbose_name = _("duty and integrity report")
        verbose_name_plural = _("duty and integrity reports")
        ordering = ["-year", "cadre__unit__path", "cadre__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cadre", "year"], name="duty_report_once_a_year"),
            models.CheckConstraint(
                condition=Q(state=DutyReportState.DUE, submitted_on__isnull=True, grade="")
                | Q(state=DutyReportState.SUBMITTED, submitted_on__isnull=False, grade="")
                | Q(state=DutyReportState.REVIEWED, submitted_on__isnull=False, reviewed_on__isnull=False)
                & ~Q(grade=""),
                name="duty_report_dates_follow_state",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="duty_report_year_range"
            ),
        ]

    def __str__(self):
        return f"{self.cadre} {self.year}"
