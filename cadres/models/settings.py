"""Figures an administrator can change: the regulations' defaults are only defaults."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cadres.models.cadre import Education
from cadres.rules.exceptional import relaxable_refusal
from cadres.rules.figures import SelectionFigures

_DEFAULTS = SelectionFigures()  # the regulations' figures, written once in cadres.rules.figures


class SelectionSettings(models.Model):
    """The one row of selection figures (选拔任用参数); see cadres.rules.figures for the defaults."""

    principal_from_deputy_years = models.PositiveSmallIntegerField(
        _("years as deputy before a principal post"), default=_DEFAULTS.principal_from_deputy_years
    )
    deputy_from_lower_principal_years = models.PositiveSmallIntegerField(
        _("years as lower-level principal before a deputy post"),
        default=_DEFAULTS.deputy_from_lower_principal_years,
    )
    min_work_years = models.PositiveSmallIntegerField(
        _("minimum years of work"), default=_DEFAULTS.min_work_years
    )
    min_education = models.CharField(
        _("minimum education"), max_length=20, choices=Education.choices, default=_DEFAULTS.min_education
    )
    appraisal_lookback_years = models.PositiveSmallIntegerField(
        _("appraisal look-back (years)"), default=_DEFAULTS.appraisal_lookback_years
    )
    notice_working_days = models.PositiveSmallIntegerField(
        _("public notice (working days)"), default=_DEFAULTS.notice_working_days
    )
    probation_months = models.PositiveSmallIntegerField(
        _("probation (months)"), default=_DEFAULTS.probation_months
    )
    term_years = models.PositiveSmallIntegerField(_("term (years)"), default=_DEFAULTS.term_years)
    rotation_years = models.PositiveSmallIntegerField(
        _("rotation after (years in one post)"), default=_DEFAULTS.rotation_years
    )
    key_post_rotation_years = models.PositiveSmallIntegerField(
        _("key-post rotation after (years)"), default=_DEFAULTS.key_post_rotation_years
    )
    quorum_numerator = models.PositiveSmallIntegerField(
        _("quorum numerator"), default=_DEFAULTS.quorum_numerator
    )
    quorum_denominator = models.PositiveSmallIntegerField(
        _("quorum denominator"), default=_DEFAULTS.quorum_denominator
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("selection figures")
        verbose_name_plural = _("selection figures")
        constraints = [
            models.CheckConstraint(
                condition=Q(id=1),
                name="selectionsettings_single_row",
                violation_error_message=_("There is one row of selection figures only."),
                violation_error_code="single_row",
            ),
            models.CheckConstraint(
                condition=Q(quorum_numerator__lte=models.F("quorum_denominator"), quorum_denominator__gt=0),
                name="selectionsettings_quorum_fraction",
                violation_error_message=_("The quorum must be a fraction of at most one."),
                violation_error_code="quorum_fraction",
            ),
            models.CheckConstraint(
                condition=Q(notice_working_days__gte=1),
                name="selectionsettings_notice_days",
                violation_error_message=_("The notice lasts at least one working day."),
                violation_error_code="notice_days",
            ),
        ]

    def __str__(self):
        return str(_("selection figures"))


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday")
    WORKDAY = "workday", _("Make-up working day")


class CalendarDay(models.Model):
    """An admin-entered holiday or make-up working day; beats the chinese-calendar package,
    which only knows the years up to its release."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=CalendarDayKind.choices)
    note = models.CharField(_("note"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("holiday calendar day")
        verbose_name_plural = _("holiday calendar")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"


class RelaxableReason(models.Model):
    """破格可放宽条件: whether an exceptional promotion may relax one eligibility code.

    A code absent from this table is not relaxable. A locked row is one the regulations forbid
    relaxing; it can never be made relaxable (cadres.rules.exceptional.NEVER_RELAXABLE)."""

    code = models.CharField(_("reason code"), max_length=50, unique=True)
    relaxable = models.BooleanField(_("relaxable"), default=False)
    locked = models.BooleanField(
        _("locked by the regulations"), default=False, help_text=_("The regulations forbid relaxing it.")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("relaxable condition")
        verbose_name_plural = _("relaxable conditions (exceptional promotion)")
        ordering = ["-relaxable", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(locked=False) | Q(relaxable=False),
                name="relaxablereason_locked_never_relaxable",
                violation_error_message=_("A locked condition can never be relaxed."),
                violation_error_code="locked_not_relaxable",
            )
        ]

    def __str__(self):
        return self.code

    def clean(self):
        refusal = relaxable_refusal(code=self.code, relaxable=self.relaxable)
        if refusal is None and self.locked and self.relaxable:
            refusal = str(_("A row locked by the regulations cannot be made relaxable."))
        if refusal:
            raise ValidationError({"relaxable": ValidationError(refusal, code="relaxable_forbidden")})
