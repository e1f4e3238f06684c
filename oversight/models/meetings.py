"""Supervised meetings (纪委列席): the discipline office attends key meetings and key points of
enrolment exams, recruitment, title evaluation, contract negotiation and asset disposal."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from oversight.choices import MeetingKind


class SupervisedMeeting(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    unit = models.ForeignKey(
        "cadres.OrgUnit", verbose_name=_("host unit"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"))
    attendee = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("attended by"), on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    scope_path = "unit__path"

    class Meta:
        verbose_name = _("supervised meeting")
        verbose_name_plural = _("supervised meetings")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.held_on} {self.title}"


class MeetingFinding(models.Model):
    """What the attendee found; a finding that needs follow-up becomes a supervised task's source."""

    meeting = models.ForeignKey(
        SupervisedMeeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="findings"
    )
    text = models.TextField(_("finding"))
    follow_up = models.TextField(_("follow-up"), blank=True)
    history = HistoricalRecords()

    scope_path = "meeting__unit__path"

    class Meta:
        verbose_name = _("meeting finding")
        verbose_name_plural = _("meeting findings")
        ordering = ["meeting", "id"]

    def __str__(self):
        return self.text[:50]
