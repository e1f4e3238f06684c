"""Indicator templates (考核指标模板): the five dimensions with indicators and weights, reusable
across years; a cycle copies one when it is created."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from appraisal.choices import Dimension, ScoringKind


class IndicatorTemplate(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    scoring_kind = models.CharField(
        _("scoring kind"), max_length=10, choices=ScoringKind.choices, default=ScoringKind.SCORE
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator template")
        verbose_name_plural = _("indicator templates")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TemplateIndicator(models.Model):
    template = models.ForeignKey(
        IndicatorTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="indicators"
    )
    dimension = models.CharField(_("dimension"), max_length=10, choices=Dimension.choices)
    name = models.CharField(_("indicator"), max_length=100)
    weight = models.PositiveSmallIntegerField(_("weight"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("template indicator")
        verbose_name_plural = _("template indicators")
        ordering = ["template", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["template", "name"], name="templateindicator_unique_name"),
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=100), name="templateindicator_weight_range"
            ),
        ]

    def __str__(self):
        return f"{self.get_dimension_display()} · {self.name}"
