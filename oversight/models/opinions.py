"""Integrity opinions (廉政意见): the discipline office's word on a candidate, which closes the
selection's 纪检监察机关意见必听 check (oversight.selectors.opinions.integrity_check_states)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from oversight.choices import OpinionState, OpinionVerdict


class IntegrityOpinion(models.Model):
    cadre = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="+"
    )
    selection = models.ForeignKey(
        "cadres.SelectionProcess",
        verbose_name=_("selection process"),
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    state = models.CharField(
        _("state"), max_length=10, choices=OpinionState.choices, default=OpinionState.REQUESTED
    )
    requested_on = models.DateField(_("requested on"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    draft = models.TextField(_("draft from the record"), blank=True)
    opinion = models.CharField(_("opinion"), max_length=15, choices=OpinionVerdict.choices, blank=True)
    text = models.TextField(_("text of the opinion"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    history = HistoricalRecords()

    scope_path = "cadre__unit__path"

    class Meta:
        verbose_name = _("integrity opinion")
        verbose_name_plural = _("integrity opinions")
        ordering = ["-requested_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cadre", "selection"],
                condition=Q(selection__isnull=False),
                name="integrity_opinion_once_per_candidate",
            ),
            models.CheckConstraint(
                condition=Q(state=OpinionState.REQUESTED, opinion="")
                | Q(state=OpinionState.ANSWERED, answered_on__isnull=False) & ~Q(opinion=""),
                name="integrity_opinion_answered_has_opinion",
            ),
        ]

    def __str__(self):
        return f"{self.cadre} {self.requested_on}"
