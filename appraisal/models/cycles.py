"""Appraisal cycles (考核): the units in scope, the participants, the indicators, the rater groups."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from appraisal.choices import CycleKind, CycleState, Dimension, Grade, ScoringKind

_SCORE = {"max_digits": 6, "decimal_places": 2}


class AppraisalCycle(models.Model):
    """One appraisal: a kind, a year (and quarter for routine ones), the units, an as-of date."""

    unit = models.ForeignKey(
        "cadres.OrgUnit",
        verbose_name=_("organising unit"),
        on_delete=models.PROTECT,
        related_name="appraisal_cycles",
        help_text=_("The cycle belongs to this unit's data scope; the units in scope lie under it."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=CycleKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)
    name = models.CharField(_("name"), max_length=100)
    on = models.DateField(_("as-of date"), help_text=_("Participants are the cadres serving on this date."))
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    units = models.ManyToManyField(
        "cadres.OrgUnit", verbose_name=_("units in scope"), related_name="appraisal_cycles_in_scope"
    )
    template = models.ForeignKey(
        "appraisal.IndicatorTemplate",
        verbose_name=_("indicator template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    scoring_kind = models.CharField(
        _("scoring kind"), max_length=10, choices=ScoringKind.choices, default=ScoringKind.SCORE
    )
    state = models.CharField(
        _("state"), max_length=10, choices=CycleState.choices, default=CycleState.DRAFT, editable=False
    )
    history = HistoricalRecords()

    scope_path = "unit__path"

    class Meta:
        verbose_name = _("appraisal cycle")
        verbose_name_plural = _("appraisal cycles")
        ordering = ["-year", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1949, year__lte=2100), name="appraisalcycle_year_range"
            ),
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | Q(quarter__gte=1, quarter__lte=4),
                name="appraisalcycle_quarter_range",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(closes_on__gte=models.F("on")),
                name="appraisalcycle_closes_after_on",
            ),
        ]

    def __str__(self):
        return self.name


class Participant(models.Model):
    """A cadre appraised in a cycle, with what stands in the way of a grade, and the outcome."""

    cycle = models.ForeignKey(
        AppraisalCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="participants"
    )
    cadre = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="appraisal_entries"
    )
    unit = models.ForeignKey(
        "cadres.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    added_by_hr = models.BooleanField(_("added by HR"), default=False)
    removed = models.BooleanField(_("removed"), default=False)
    reason = models.CharField(_("reason for adding or removing"), max_length=200, blank=True)
    under_investigation = models.BooleanField(_("under investigation"), default=False)
    absent_over_half_year = models.BooleanField(_("absent more than half the year"), default=False)
    ceiling = models.CharField(
        _("best grade allowed"), max_length=20, choices=Grade.choices, blank=True, editable=False
    )
    ceiling_reasons = models.JSONField(_("reasons of the ceiling"), default=list, blank=True, editable=False)
    composite = models.DecimalField(_("composite score"), null=True, blank=True, **_SCORE)
    grade = models.CharField(_("confirmed grade"), max_length=20, choices=Grade.choices, blank=True)
    grade_reason = models.CharField(_("reason for the grade"), max_length=200, blank=True)
    history = HistoricalRecords()

    scope_path = "cycle__unit__path"

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["cycle", "unit__path", "cadre__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "cadre"], name="participant_once_per_cycle"),
            models.CheckConstraint(
                condition=Q(removed=False) | ~Q(reason=""), name="participant_removal_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.cycle} · {self.cadre}"


class Indicator(models.Model):
    """A scored indicator of a cycle under one of the five dimensions; weights sum to 100."""

    cycle = models.ForeignKey(
        AppraisalCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="indicators"
    )
    dimension = models.CharField(_("dimension"), max_length=10, choices=Dimension.choices)
    name = models.CharField(_("indicator"), max_length=100)
    weight = models.PositiveSmallIntegerField(_("weight"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    scope_path = "cycle__unit__path"

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["cycle", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "name"], name="indicator_unique_name"),
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=100), name="indicator_weight_range"
            ),
        ]

    def __str__(self):
        return f"{self.get_dimension_display()} · {self.name}"


class RaterGroup(models.Model):
    """A group of raters (college leaders, middle-level cadres, staff representatives) with a weight."""

    cycle = models.ForeignKey(
        AppraisalCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="rater_groups"
    )
    name = models.CharField(_("name"), max_length=50)
    weight = models.PositiveSmallIntegerField(_("weight"))
    history = HistoricalRecords()

    scope_path = "cycle__unit__path"

    class Meta:
        verbose_name = _("rater group")
        verbose_name_plural = _("rater groups")
        ordering = ["cycle", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "name"], name="ratergroup_unique_name"),
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=100), name="ratergroup_weight_range"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.weight})"
