from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from appraisal.choices import ConsequenceKind, ConsequenceOutcome


class Consequence(models.Model):
    """What a run of yearly grades calls for (能上能下): raised from the grades, closed by HR.

    `year` is the year whose grade completed the run; `grades` the [year, grade] pairs that
    caused it, kept as they were when it was raised."""

    cadre = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("cadre"), on_delete=models.CASCADE, related_name="consequences"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ConsequenceKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    grades = models.JSONField(_("grades that caused it"), default=list)
    raised_on = models.DateField(_("raised on"))
    outcome = models.CharField(_("outcome"), max_length=12, blank=True, choices=ConsequenceOutcome.choices)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    note = models.CharField(_("what was done"), max_length=300, blank=True)
    commendation = models.ForeignKey(
        "appraisal.Commendation",
        verbose_name=_("commendation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    scope_path = "cadre__unit__path"

    class Meta:
        verbose_name = _("appraisal consequence")
        verbose_name_plural = _("appraisal consequences")
        ordering = ["-year", "cadre"]
        constraints = [
            models.UniqueConstraint(
                fields=["cadre", "kind", "year"],
                name="consequence_one_per_run",
                violation_error_message=_("This consequence has already been raised for the cadre."),
                violation_error_code="duplicate_consequence",
            ),
            models.CheckConstraint(
                condition=Q(outcome="", closed_on__isnull=True)
                | (~Q(outcome="") & Q(closed_on__isnull=False)),
                name="consequence_closed_with_outcome",
                violation_error_message=_("A closed consequence needs its outcome and date."),
                violation_error_code="outcome_required",
            ),
        ]

    def __str__(self):
        return f"{self.cadre} {self.year} {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return not self.outcome
