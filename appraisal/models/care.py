from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from appraisal.choices import CareTalkKind, VisitOccasion


class CareTalk(models.Model):
    """谈心谈话: `talker` talked with `talkee`. Topics and follow-up are the talk's notes, shown
    only to roles that may see them (core.visibility.CARE_TALK_NOTES)."""

    talker = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("held by"), on_delete=models.PROTECT, related_name="talks_given"
    )
    talkee = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("talked with"), on_delete=models.PROTECT, related_name="talks_received"
    )
    talked_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=CareTalkKind.choices)
    topics = models.TextField(_("topics"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    history = HistoricalRecords()

    scope_path = "talkee__unit__path"

    class Meta:
        verbose_name = _("care talk")
        verbose_name_plural = _("care talks")
        ordering = ["-talked_on", "id"]
        indexes = [models.Index(fields=["talked_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(talker=F("talkee")),
                name="caretalk_two_people",
                violation_error_message=_("A talk is between two different cadres."),
                violation_error_code="same_person",
            ),
        ]

    def __str__(self):
        return f"{self.talker} · {self.talkee} {self.talked_on}"


class Visit(models.Model):
    """走访慰问: whom, on what occasion, when, by whom, and what was given."""

    cadre = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("cadre"), on_delete=models.CASCADE, related_name="visits"
    )
    occasion = models.CharField(_("occasion"), max_length=12, choices=VisitOccasion.choices)
    visited_on = models.DateField(_("date"))
    visited_by = models.CharField(_("visited by"), max_length=200)
    given = models.CharField(_("what was given"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    scope_path = "cadre__unit__path"

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-visited_on", "id"]

    def __str__(self):
        return f"{self.cadre} {self.get_occasion_display()} {self.visited_on}"


class HealthCheckRound(models.Model):
    """The year's health check (体检) as arranged; its list is made by a job (appraisal.tasks)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    arranged_on = models.DateField(_("arranged on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("health check round")
        verbose_name_plural = _("health check rounds")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1949, year__lte=2100),
                name="healthcheckround_year_range",
                violation_error_message=_("The year must be between 1949 and 2100."),
                violation_error_code="out_of_range",
            ),
        ]

    def __str__(self):
        return str(self.year)


class HealthCheck(models.Model):
    """One cadre on the year's list: done or not, and the day. No medical content, by design."""

    round = models.ForeignKey(
        HealthCheckRound,
        verbose_name=_("health check round"),
        on_delete=models.CASCADE,
        related_name="checks",
    )
    cadre = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("cadre"), on_delete=models.CASCADE, related_name="health_checks"
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    history = HistoricalRecords()

    scope_path = "cadre__unit__path"

    class Meta:
        verbose_name = _("health check")
        verbose_name_plural = _("health checks")
        ordering = ["round", "cadre__unit__path", "cadre__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "cadre"],
                name="healthcheck_one_per_round",
                violation_error_message=_("The cadre is already on this year's list."),
                violation_error_code="duplicate_cadre",
            ),
        ]

    def __str__(self):
        return f"{self.cadre} {self.round.year}"

    @property
    def done(self) -> bool:
        return self.done_on is not None
