"""Publication (公示) of the 优秀 list for a notice period before confirmation, and the
objections received during it."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from appraisal.choices import ObjectionOutcome


class Publication(models.Model):
    cycle = models.OneToOneField(
        "appraisal.AppraisalCycle",
        verbose_name=_("cycle"),
        on_delete=models.CASCADE,
        related_name="publication",
    )
    starts_on = models.DateField(_("notice from"))
    ends_on = models.DateField(_("notice until"))
    note = models.CharField(_("where it is posted"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        "appraisal.Participant", verbose_name=_("published as 优秀"), related_name="+", blank=True
    )
    history = HistoricalRecords(m2m_fields=[participants])

    scope_path = "cycle__unit__path"

    class Meta:
        verbose_name = _("publication of the 优秀 list")
        verbose_name_plural = _("publications of the 优秀 list")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="publication_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.cycle} · {self.starts_on}–{self.ends_on}"


class Objection(models.Model):
    """An objection to a name on the published list, received and answered by HR."""

    publication = models.ForeignKey(
        Publication, verbose_name=_("publication"), on_delete=models.CASCADE, related_name="objections"
    )
    participant = models.ForeignKey(
        "appraisal.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="objections",
    )
    received_on = models.DateField(_("received on"))
    content = models.TextField(_("content"))
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=ObjectionOutcome.choices, default=ObjectionOutcome.PENDING
    )
    answer = models.TextField(_("answer"), blank=True)
    history = HistoricalRecords()

    scope_path = "publication__cycle__unit__path"

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["publication", "received_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome=ObjectionOutcome.PENDING) | ~Q(answer=""), name="objection_answer_given"
            ),
        ]

    def __str__(self):
        return f"{self.participant} · {self.get_outcome_display()}"
