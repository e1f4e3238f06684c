from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cadres.models.cadre import Cadre
from cadres.models.org import Post


class AppointmentKind(models.TextChoices):
    APPOINT = "appoint", _("Appointment")
    ENGAGE = "engage", _("Engagement")
    CONCURRENT = "concurrent", _("Concurrent post")
    SECONDMENT = "secondment", _("Secondment")


class ProbationResult(models.TextChoices):
    PENDING = "pending", _("Pending")
    CONFIRMED = "confirmed", _("Confirmed")
    REVERSED = "reversed", _("Reversed")


# Kinds that occupy a seat of the unit's approved quota; a secondment (挂职) does not.
QUOTA_KINDS = (AppointmentKind.APPOINT, AppointmentKind.ENGAGE, AppointmentKind.CONCURRENT)


class Appointment(models.Model):
    """A cadre holds a post over [start_date, end_date); an open end means still holding it.

    On PostgreSQL an exclusion constraint (migration 0006) refuses two overlapping
    appointments to one post: a post is one seat.
    """

    cadre = models.ForeignKey(
        Cadre, verbose_name=_("cadre"), on_delete=models.PROTECT, related_name="appointments"
    )
    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="appointments"
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    document_no = models.CharField(_("document number"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=AppointmentKind.choices, default="appoint")
    is_primary = models.BooleanField(_("primary post"), default=True)
    leave_reason = models.CharField(_("reason for leaving"), max_length=200, blank=True)
    probation_end = models.DateField(
        _("probation ends"), null=True, blank=True, help_text=_("Set for a first promotion to the level.")
    )
    probation_result = models.CharField(
        _("probation review"), max_length=10, blank=True, choices=ProbationResult.choices
    )
    history = HistoricalRecords()

    scope_path = "cadre__unit__path"

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["-start_date", "id"]
        indexes = [models.Index(fields=["post", "start_date"]), models.Index(fields=["cadre", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gt=models.F("start_date")),
                name="appointment_ends_after_start",
                violation_error_message=_("The end date must be after the start date."),
                violation_error_code="end_before_start",
            ),
            models.UniqueConstraint(
                fields=["cadre"],
                condition=Q(is_primary=True, end_date__isnull=True),
                name="appointment_one_open_primary_per_cadre",
                violation_error_message=_("The cadre already holds an open primary post."),
                violation_error_code="primary_exists",
            ),
        ]

    def __str__(self):
        return f"{self.cadre} · {self.post}"
