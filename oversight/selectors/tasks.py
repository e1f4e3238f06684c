"""Reads of supervised tasks: the list with the overdue state, the overdue ones for the job and
the leaders' figures, and what a task's source is, read generically."""

import datetime

from django.db.models import Q, QuerySet

from core.scope import scoped
from oversight.choices import TaskState
from oversight.models import SupervisedTask, TaskProgress
from oversight.rules.tasks import task_overdue


def overdue_q(on: datetime.date) -> Q:
    """The database form of rules.tasks.task_overdue (tested to agree)."""
    return ~Q(state=TaskState.DONE) & Q(deadline__lt=on)


def task_list(*, user) -> QuerySet[SupervisedTask]:
    return scoped(user, SupervisedTask.objects.select_related("owner_unit", "owner", "source_type"))


def tasks_overdue(*, user, on: datetime.date) -> QuerySet[SupervisedTask]:
    return task_list(user=user).filter(overdue_q(on))


def tasks_due(*, on: datetime.date, days: int) -> QuerySet[SupervisedTask]:
    """Tasks not done whose deadline falls within `days` or has passed (the job)."""
    return (
        SupervisedTask.objects.exclude(state=TaskState.DONE)
        .filter(deadline__lte=on + datetime.timedelta(days=days))
        .select_related("owner_unit")
    )


def task_progress(*, task: SupervisedTask) -> QuerySet[TaskProgress]:
    return task.progress.select_related("reported_by").order_by("reported_on", "id")


def source_kind(task: SupervisedTask) -> str:
    return f"{task.source_type.app_label}.{task.source_type.model}" if task.source_type_id else ""


def is_overdue(task: SupervisedTask, on: datetime.date) -> bool:
    return task_overdue(deadline=task.deadline, done_on=task.done_on, on=on)


def source_labels(*, tasks: list[SupervisedTask], user) -> dict[int, str]:
    """task id → its source's name, for sources the user may see: one query per kind of source."""
    wanted: dict[int, set[int]] = {}
    for task in tasks:
        if task.source_type_id:
            wanted.setdefault(task.source_type_id, set()).add(task.source_id)
    names: dict[tuple[int, int], str] = {}
    for type_id, ids in wanted.items():
        task = next(t for t in tasks if t.source_type_id == type_id)
        model = task.source_type.model_class()
        if model is None:
            continue
        for row in scoped(user, model).filter(pk__in=ids):
            names[(type_id, row.pk)] = str(row)
    return {t.pk: names.get((t.source_type_id, t.source_id), "") for t in tasks if t.source_type_id}
