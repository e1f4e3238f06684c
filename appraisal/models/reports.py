"""Self reports (述职述廉报告): what each participant reports on his year, written or uploaded;
raters read them on the ballot page with their code."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SelfReport(models.Model):
    participant = models.OneToOneField(
        "appraisal.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="self_report",
    )
    text = models.TextField(_("report text"), blank=True)
    file = models.FileField(_("uploaded report"), upload_to="appraisal/reports/", blank=True)
    submitted_on = models.DateField(_("submitted on"))
    history = HistoricalRecords()

    scope_path = "participant__cycle__unit__path"

    class Meta:
        verbose_name = _("self report")
        verbose_name_plural = _("self reports")
        ordering = ["participant"]
        constraints = [
            models.CheckConstraint(condition=~Q(text="") | ~Q(file=""), name="selfreport_has_content"),
        ]

    def __str__(self):
        return f"{self.participant} · {_('self report')}"
