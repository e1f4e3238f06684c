"""Leadership teams (领导班子) appraised as a whole beside their members: on the same ballots,
each team gets one overall score; its composite and grade (好 较好 一般 差) stand apart from the
members' grades and the 优秀 quota."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from appraisal.choices import TeamGrade


class LeadershipTeam(models.Model):
    cycle = models.ForeignKey(
        "appraisal.AppraisalCycle", verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="teams"
    )
    unit = models.ForeignKey(
        "cadres.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    report = models.TextField(
        _("team report"), blank=True, help_text=_("The team's 述职述廉报告, shown to raters.")
    )
    composite = models.DecimalField(
        _("composite score"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    grade = models.CharField(_("confirmed grade"), max_length=20, choices=TeamGrade.choices, blank=True)
    grade_reason = models.CharField(_("reason for the grade"), max_length=200, blank=True)
    history = HistoricalRecords()

    scope_path = "cycle__unit__path"

    class Meta:
        verbose_name = _("leadership team")
        verbose_name_plural = _("leadership teams")
        ordering = ["cycle", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "unit"], name="leadershipteam_once_per_cycle")
        ]

    def __str__(self):
        return f"{self.unit} {_('leadership team')}"


class TeamScore(models.Model):
    """One ballot's overall score of a team; like BallotScore, nothing on it names a rater."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(
        "appraisal.Ballot", verbose_name=_("ballot"), on_delete=models.CASCADE, related_name="team_scores"
    )
    team = models.ForeignKey(
        LeadershipTeam, verbose_name=_("leadership team"), on_delete=models.CASCADE, related_name="+"
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)

    scope_path = "ballot__cycle__unit__path"

    class Meta:
        verbose_name = _("team score")
        verbose_name_plural = _("team scores")
        indexes = [models.Index(fields=["team"])]
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=100), name="teamscore_score_range"),
            models.UniqueConstraint(fields=["ballot", "team"], name="teamscore_once_per_ballot"),
        ]

    def __str__(self):
        return str(self.score)
