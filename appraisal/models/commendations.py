from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from appraisal.choices import (
    CommendationCategory,
    CommendationKind,
    CommendationLevel,
    CommendationScope,
    CommendationTiming,
)


class Commendation(models.Model):
    """表彰: of one cadre or of a unit (collective), regular or timely (及时奖励).

    `unit` is the unit commended, or for an individual one the cadre's unit, set by the service
    at each save: the data scope follows it."""

    scope = models.CharField(_("individual or collective"), max_length=12, choices=CommendationScope.choices)
    cadre = models.ForeignKey(
        "cadres.Cadre",
        verbose_name=_("cadre"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="commendations",
    )
    unit = models.ForeignKey(
        "cadres.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="commendations"
    )
    title = models.CharField(_("title of the commendation"), max_length=100)
    category = models.CharField(_("category"), max_length=20, choices=CommendationCategory.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=CommendationKind.choices)
    level = models.CharField(_("level"), max_length=12, choices=CommendationLevel.choices)
    timing = models.CharField(
        _("regular or timely"), max_length=10, choices=CommendationTiming.choices, default="regular"
    )
    awarded_on = models.DateField(_("awarded on"))
    issuing_body = models.CharField(_("issuing body"), max_length=100)
    document_no = models.CharField(_("document number"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    scope_path = "unit__path"

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["-awarded_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope="individual", cadre__isnull=False)
                | Q(scope="collective", cadre__isnull=True),
                name="commendation_cadre_matches_scope",
                violation_error_message=_(
                    "An individual commendation names its cadre; a collective one names only the unit."
                ),
                violation_error_code="cadre_scope_mismatch",
            ),
        ]

    def __str__(self):
        return f"{self.cadre or self.unit} {self.title}"
