"""Cases (立案审查) and their notes; a concluded case's outcome is classed by the four forms."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from oversight.choices import CaseOutcome, CaseState, FourForm, SanctionKind


class Case(models.Model):
    cadre = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="+"
    )
    complaint = models.ForeignKey(
        "oversight.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.PROTECT,
        related_name="cases",
        null=True,
        blank=True,
        help_text=_("The complaint whose preliminary check found grounds, if the case came from one."),
    )
    opened_on = models.DateField(_("opened on"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(_("state"), max_length=10, choices=CaseState.choices, default=CaseState.OPEN)
    outcome = models.CharField(_("outcome"), max_length=10, choices=CaseOutcome.choices, blank=True)
    form = models.PositiveSmallIntegerField(_("form"), choices=FourForm.choices, null=True, blank=True)
    sanction_kind = models.CharField(
        _("sanction kind"), max_length=30, choices=SanctionKind.choices, blank=True
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    reason = models.TextField(_("reasoning"), blank=True)
    sanction = models.OneToOneField(
        "oversight.Sanction",
        verbose_name=_("sanction"),
        on_delete=models.PROTECT,
        related_name="case",
        null=True,
        blank=True,
    )
    history = HistoricalRecords()

    scope_path = "cadre__unit__path"

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state=CaseState.OPEN, outcome="", decided_on__isnull=True)
                | Q(state=CaseState.CONCLUDED, decided_on__isnull=False, form__isnull=False) & ~Q(outcome=""),
                name="case_concluded_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=[CaseOutcome.SANCTION, CaseOutcome.MEASURE], sanction__isnull=False)
                | ~Q(outcome__in=[CaseOutcome.SANCTION, CaseOutcome.MEASURE]) & Q(sanction__isnull=True),
                name="case_sanction_follows_outcome",
            ),
        ]

    def __str__(self):
        return f"{self.cadre} {self.opened_on}"


class CaseNote(models.Model):
    """Investigation notes (审查调查记录)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("note"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(_("written at"), auto_now_add=True)

    scope_path = "case__cadre__unit__path"

    class Meta:
        verbose_name = _("investigation note")
        verbose_name_plural = _("investigation notes")
        ordering = ["written_at", "id"]

    def __str__(self):
        return self.text[:30]
