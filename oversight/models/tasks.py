"""Supervised tasks (督办): a decision's execution, tracked to done. The source (a committee
decision, a 第一议题 follow-up in training, a meeting finding) is a generic link, so oversight
imports none of the source's app; SOURCE_MODELS names the models a source may be."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from oversight.choices import ProgressKind, TaskState

# "app_label.model" of the records a task may come from; by name, never by import.
SOURCE_MODELS = ("training.followuptask", "oversight.meetingfinding", "training.studysession")


class SupervisedTask(models.Model):
    title = models.CharField(_("task"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    decision = models.CharField(
        _("decision"),
        max_length=200,
        blank=True,
        help_text=_("The decision executed, e.g. a committee meeting's minute number."),
    )
    source_type = models.ForeignKey(
        ContentType,
        verbose_name=_("source kind"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    source_id = models.PositiveBigIntegerField(_("source id"), null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    owner_unit = models.ForeignKey(
        "cadres.OrgUnit", verbose_name=_("responsible unit"), on_delete=models.PROTECT, related_name="+"
    )
    owner = models.ForeignKey(
        "cadres.Cadre",
        verbose_name=_("responsible person"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    assigned_on = models.DateField(_("assigned on"))
    deadline = models.DateField(_("deadline"))
    state = models.CharField(_("state"), max_length=10, choices=TaskState.choices, default=TaskState.OPEN)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    scope_path = "owner_unit__path"

    class Meta:
        verbose_name = _("supervised task")
        verbose_name_plural = _("supervised tasks")
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["source_type", "source_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("assigned_on")),
                name="supervised_task_deadline_after_assigned",
            ),
            models.CheckConstraint(
                condition=Q(source_type__isnull=True, source_id__isnull=True)
                | Q(source_type__isnull=False, source_id__isnull=False),
                name="supervised_task_source_whole",
            ),
            models.CheckConstraint(
                condition=Q(state=TaskState.DONE, done_on__isnull=False)
                | ~Q(state=TaskState.DONE) & Q(done_on__isnull=True),
                name="supervised_task_done_has_date",
            ),
        ]

    def __str__(self):
        return self.title


class TaskProgress(models.Model):
    """A progress report of the responsible unit, or the 督办 office's answer to it."""

    task = models.ForeignKey(
        SupervisedTask, verbose_name=_("task"), on_delete=models.CASCADE, related_name="progress"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ProgressKind.choices)
    reported_on = models.DateField(_("reported on"))
    text = models.TextField(_("text"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    scope_path = "task__owner_unit__path"

    class Meta:
        verbose_name = _("task progress")
        verbose_name_plural = _("task progress")
        ordering = ["task", "reported_on", "id"]

    def __str__(self):
        return f"{self.task} {self.reported_on}"
