"""Personal-matters reports (领导干部个人有关事项报告), their checks and the findings.

What a cadre reported and what a check found are encrypted at rest (oversight.fields) and
kept out of the history tables; only supervision staff read a report, and every read is a
row in core's read log (oversight.services.personal_matters.report_read)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from oversight.choices import MattersCheckKind, MattersHandling, MattersItemKind, MattersResult, MattersTarget
from oversight.fields import SecretTextField


class PersonalMattersReport(models.Model):
    cadre = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    due_on = models.DateField(_("due on"))
    received_on = models.DateField(_("received on"), null=True, blank=True)
    history = HistoricalRecords()

    scope_path = "cadre__unit__path"

    class Meta:
        verbose_name = _("personal-matters report")
        verbose_name_plural = _("personal-matters reports")
        ordering = ["-year", "cadre__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cadre", "year"],
                name="matters_report_once_a_year",
                violation_error_message=_("The cadre's report of this year is already recorded."),
                violation_error_code="report_exists",
            )
        ]

    def __str__(self):
        return f"{self.cadre} {self.year}"


class MattersItem(models.Model):
    report = models.ForeignKey(
        PersonalMattersReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("item"), max_length=20, choices=MattersItemKind.choices)
    content = SecretTextField(_("what was reported"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["content"])

    scope_path = "report__cadre__unit__path"

    class Meta:
        verbose_name = _("reported item")
        verbose_name_plural = _("reported items")
        ordering = ["report", "id"]

    def __str__(self):
        return self.get_kind_display()


class RandomDraw(models.Model):
    """One random draw (随机抽查) of a year's filers: the seed and the share reproduce it."""

    year = models.PositiveSmallIntegerField(_("year"))
    drawn_on = models.DateField(_("drawn on"))
    seed = models.CharField(_("seed"), max_length=64)
    share_percent = models.PositiveSmallIntegerField(_("share (%)"))
    population = models.PositiveIntegerField(_("reports drawn from"))
    population_ids = models.JSONField(_("the reports drawn from"), default=list, editable=False)
    drawn_ids = models.JSONField(_("the reports drawn"), default=list, editable=False)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drawn by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("random draw")
        verbose_name_plural = _("random draws")
        ordering = ["-drawn_on", "-id"]

    def __str__(self):
        return f"{self.year} {self.seed}"


class MattersCheck(models.Model):
    """A check of one report against the comparison data (查核), random or targeted."""

    report = models.ForeignKey(
        PersonalMattersReport, verbose_name=_("report"), on_delete=models.PROTECT, related_name="checks"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MattersCheckKind.choices)
    target = models.CharField(_("targeted because"), max_length=10, choices=MattersTarget.choices, blank=True)
    selection = models.ForeignKey(
        "cadres.SelectionProcess",
        verbose_name=_("selection process"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    draw = models.ForeignKey(
        RandomDraw,
        verbose_name=_("random draw"),
        on_delete=models.PROTECT,
        related_name="checks",
        null=True,
        blank=True,
    )
    comparison_date = models.DateField(_("comparison data as of"), null=True, blank=True)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    handling = models.CharField(_("handling"), max_length=15, choices=MattersHandling.choices, blank=True)
    handling_note = SecretTextField(_("handling note"), null=True, blank=True)
    sanction = models.ForeignKey(
        "oversight.Sanction",
        verbose_name=_("sanction"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    history = HistoricalRecords(excluded_fields=["handling_note"])

    scope_path = "report__cadre__unit__path"

    class Meta:
        verbose_name = _("personal-matters check")
        verbose_name_plural = _("personal-matters checks")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=MattersCheckKind.RANDOM, target="")
                | Q(kind=MattersCheckKind.TARGETED) & ~Q(target=""),
                name="matters_check_targeted_has_target",
                violation_error_message=_("A targeted check says why it was made."),
                violation_error_code="target_required",
            )
        ]

    def __str__(self):
        return f"{self.report} {self.get_kind_display()}"


class MattersFinding(models.Model):
    check_row = models.ForeignKey(
        MattersCheck,
        verbose_name=_("check"),
        on_delete=models.CASCADE,
        related_name="findings",
        db_column="check_id",
    )
    item = models.CharField(_("item"), max_length=20, choices=MattersItemKind.choices)
    result = models.CharField(_("result"), max_length=10, choices=MattersResult.choices)
    note = SecretTextField(_("what the comparison showed"), null=True, blank=True)
    resolved_on = models.DateField(
        _("omission resolved on"), null=True, blank=True, help_text=_("An omission explained and corrected.")
    )
    history = HistoricalRecords(excluded_fields=["note"])

    scope_path = "check_row__report__cadre__unit__path"

    class Meta:
        verbose_name = _("check finding")
        verbose_name_plural = _("check findings")
        ordering = ["check_row", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["check_row", "item"],
                name="matters_finding_once_per_item",
                violation_error_message=_("This item already has a finding in the check."),
                violation_error_code="finding_exists",
            )
        ]

    def __str__(self):
        return f"{self.get_item_display()} {self.get_result_display()}"
