from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from oversight.choices import SanctionKind


class EffectPeriod(models.Model):
    """The effect period of one kind, editable because provinces adopt their own figures."""

    kind = models.CharField(_("kind"), max_length=30, choices=SanctionKind.choices, unique=True)
    months = models.PositiveSmallIntegerField(_("months without promotion"))
    no_higher_post_months = models.PositiveSmallIntegerField(
        _("months without a higher post"),
        null=True,
        blank=True,
        help_text=_(
            "Ordered resignation and removal: no post for the first period, no higher post for this one."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("effect period")
        verbose_name_plural = _("effect periods")
        ordering = ["kind"]
        constraints = [
            models.CheckConstraint(
                condition=Q(no_higher_post_months__isnull=True)
                | Q(no_higher_post_months__gte=models.F("months")),
                name="effectperiod_higher_post_not_shorter",
                violation_error_message=_(
                    "The ban on a higher post cannot be shorter than the effect period."
                ),
                violation_error_code="higher_post_shorter",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.months}"


class Sanction(models.Model):
    """A sanction or organisational measure on a cadre (处分 / 组织处理)."""

    cadre = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="sanctions"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=SanctionKind.choices)
    decision_date = models.DateField(_("decision date"))
    document_no = models.CharField(_("document number"), max_length=100, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    effect_end = models.DateField(
        _("effect period ends"),
        editable=False,
        help_text=_("The first day the effect period no longer runs."),
    )
    no_higher_post_end = models.DateField(_("no higher post until"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    scope_path = "cadre__unit__path"

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ["-decision_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effect_end__gt=models.F("decision_date")),
                name="sanction_effect_after_decision",
                violation_error_message=_("The effect period must end after the decision date."),
                violation_error_code="effect_before_decision",
            )
        ]

    def __str__(self):
        return f"{self.cadre} {self.get_kind_display()} {self.decision_date}"
