"""Telling a cadre his result, and his review request (复核) and appeal (申诉) against it."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from appraisal.choices import AppealKind, AppealOutcome, Grade


class ResultNotice(models.Model):
    """The day a participant was told his confirmed result: the review deadline runs from it."""

    participant = models.OneToOneField(
        "appraisal.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="notice",
    )
    told_on = models.DateField(_("told on"))
    history = HistoricalRecords()

    scope_path = "participant__cycle__unit__path"

    class Meta:
        verbose_name = _("result notice")
        verbose_name_plural = _("result notices")

    def __str__(self):
        return f"{self.participant} · {self.told_on}"


class ResultAppeal(models.Model):
    """A review request or an appeal against a confirmed result, with its deadline and answer."""

    participant = models.ForeignKey(
        "appraisal.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="appeals",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=AppealKind.choices)
    filed_on = models.DateField(_("filed on"))
    grounds = models.TextField(_("grounds"))
    answer_due = models.DateField(_("answer due"), editable=False)
    outcome = models.CharField(
        _("outcome"),
        max_length=10,
        choices=AppealOutcome.choices,
        default=AppealOutcome.PENDING,
        editable=False,
    )
    grade_before = models.CharField(_("grade before"), max_length=20, choices=Grade.choices, editable=False)
    new_grade = models.CharField(
        _("new grade"), max_length=20, choices=Grade.choices, blank=True, editable=False
    )
    answer = models.TextField(_("answer"), blank=True, editable=False)
    answered_on = models.DateField(_("answered on"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    scope_path = "participant__cycle__unit__path"

    class Meta:
        verbose_name = _("review request or appeal")
        verbose_name_plural = _("review requests and appeals")
        ordering = ["participant", "filed_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "kind"], name="resultappeal_once_per_kind"),
            models.CheckConstraint(
                condition=Q(outcome=AppealOutcome.PENDING) | (~Q(answer="") & Q(answered_on__isnull=False)),
                name="resultappeal_answered",
            ),
            models.CheckConstraint(
                condition=~Q(outcome=AppealOutcome.CHANGED) | ~Q(new_grade=""),
                name="resultappeal_change_has_grade",
            ),
        ]

    def __str__(self):
        return f"{self.participant} · {self.get_kind_display()}"
