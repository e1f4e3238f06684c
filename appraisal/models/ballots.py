"""Anonymous democratic evaluation (民主测评). See docs/architecture.md, "Anonymous ballots".

No table here can tie a ballot to a rater: a code is kept only as a keyed hash with its group
and a used flag (no time), a ballot keeps its group and the day only, under a random id (so
its order of arrival says nothing), and neither has a history table.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class BallotCode(models.Model):
    """A one-time ballot code, issued per rater group; the code itself is never stored."""

    cycle = models.ForeignKey(
        "appraisal.AppraisalCycle", verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="codes"
    )
    group = models.ForeignKey(
        "appraisal.RaterGroup", verbose_name=_("rater group"), on_delete=models.CASCADE, related_name="codes"
    )
    digest = models.CharField(_("keyed hash"), max_length=64, unique=True, editable=False)
    used = models.BooleanField(_("used"), default=False, editable=False)

    scope_path = "cycle__unit__path"

    class Meta:
        verbose_name = _("ballot code")
        verbose_name_plural = _("ballot codes")
        indexes = [models.Index(fields=["group", "used"])]

    def __str__(self):
        return str(_("ballot code"))


class Ballot(models.Model):
    """A returned ballot: its group and the day it came in, nothing that names a rater."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cycle = models.ForeignKey(
        "appraisal.AppraisalCycle", verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="ballots"
    )
    group = models.ForeignKey(
        "appraisal.RaterGroup",
        verbose_name=_("rater group"),
        on_delete=models.CASCADE,
        related_name="ballots",
    )
    submitted_on = models.DateField(_("day returned"))

    scope_path = "cycle__unit__path"

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["cycle", "group", "submitted_on"]

    def __str__(self):
        return str(_("ballot"))


class BallotScore(models.Model):
    """One score on a ballot: a participant, an indicator (none: an overall score), 0–100."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(
        Ballot, verbose_name=_("ballot"), on_delete=models.CASCADE, related_name="scores"
    )
    participant = models.ForeignKey(
        "appraisal.Participant", verbose_name=_("participant"), on_delete=models.CASCADE, related_name="+"
    )
    indicator = models.ForeignKey(
        "appraisal.Indicator",
        verbose_name=_("indicator"),
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)

    scope_path = "ballot__cycle__unit__path"

    class Meta:
        verbose_name = _("ballot score")
        verbose_name_plural = _("ballot scores")
        indexes = [models.Index(fields=["participant"])]
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=100), name="ballotscore_score_range"),
            models.UniqueConstraint(
                fields=["ballot", "participant", "indicator"],
                condition=Q(indicator__isnull=False),
                name="ballotscore_once_per_indicator",
            ),
            models.UniqueConstraint(
                fields=["ballot", "participant"],
                condition=Q(indicator__isnull=True),
                name="ballotscore_one_overall",
            ),
        ]

    def __str__(self):
        return str(self.score)
