from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from appraisal.choices import Grade


class AppraisalResult(models.Model):
    """A cadre's yearly appraisal grade (年度考核结果); it feeds selection eligibility."""

    cadre = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("cadre"), on_delete=models.CASCADE, related_name="appraisal_results"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    grade = models.CharField(_("grade"), max_length=20, choices=Grade.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    scope_path = "cadre__unit__path"

    class Meta:
        verbose_name = _("appraisal result")
        verbose_name_plural = _("appraisal results")
        ordering = ["-year", "cadre"]
        constraints = [
            models.UniqueConstraint(
                fields=["cadre", "year"],
                name="appraisalresult_one_per_year",
                violation_error_message=_("The cadre already has an appraisal result for this year."),
                violation_error_code="duplicate_year",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1949, year__lte=2100),
                name="appraisalresult_year_range",
                violation_error_message=_("The year must be between 1949 and 2100."),
                violation_error_code="out_of_range",
            ),
        ]

    def __str__(self):
        return f"{self.cadre} {self.year} {self.get_grade_display()}"
