"""Writes of supervised tasks (督办): assigned with a generic source, reported on by the responsible
unit, accepted as done or sent back by the 督办 office."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.models import Cadre, OrgUnit
from core.errors import RuleViolation
from core.models import User
from core.scope import ensure_unit_in_scope
from core.services import record_save
from oversight.choices import ProgressKind, TaskState
from oversight.models import SOURCE_MODELS, SupervisedTask, TaskProgress
from oversight.services.conduct import require_perm, required_text, visible
from oversight.services.dates import not_before, not_in_future


def source_resolve(*, kind: str, object_id: int, user: User) -> tuple[ContentType, int]:
    """The content type of a source named "app_label.model", once the record is found in the
    user's scope; a model not in SOURCE_MODELS, or a record the user cannot see, is refused alike."""
    if kind not in SOURCE_MODELS:
        raise RuleViolation(
            "source_kind", _("A task cannot come from this kind of record."), "invalid_source"
        )
    app_label, model = kind.split(".")
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist as exc:  # the app is not installed here
        raise RuleViolation(
            "source_kind", _("A task cannot come from this kind of record."), "invalid_source"
        ) from exc
    model_class = content_type.model_class()
    rows = visible(user, model_class._default_manager.all()) if model_class is not None else None
    if rows is None or not rows.filter(pk=object_id).exists():
        raise RuleViolation("source_id", _("No such record in your data scope."), "source_not_found")
    return content_type, object_id


@transaction.atomic
def task_assign(
    *,
    title: str,
    owner_unit: OrgUnit,
    deadline: datetime.date,
    acting_user: User,
    description: str = "",
    decision: str = "",
    owner: Cadre | None = None,
    source: tuple[str, int] | None = None,
) -> SupervisedTask:
    """A decision to be executed by `owner_unit` by `deadline`; `source` is ("app_label.model", id)."""
    require_perm(acting_user, "oversight.add_supervisedtask")
    today = timezone.localdate()
    if deadline < today:
        raise RuleViolation("deadline", _("The deadline cannot be in the past."), "deadline_past")
    if owner is not None:
        ensure_unit_in_scope(acting_user, owner.unit, field="owner")
    task = SupervisedTask(
        title=required_text(title, field="title", message=_("Name the task.")),
        description=description.strip(),
        decision=decision.strip(),
        owner_unit=owner_unit,
        owner=owner,
        assigned_on=today,
        deadline=deadline,
        assigned_by=acting_user,
    )
    if source is not None:
        task.source_type, task.source_id = source_resolve(
            kind=source[0], object_id=source[1], user=acting_user
        )
    elif not task.decision:
        raise RuleViolation("decision", _("Name the decision, or link the task's source."), "required")
    return record_save(task, acting_user=acting_user, unit=owner_unit, scope_field="owner_unit")


def _locked(task: SupervisedTask, *states: str) -> SupervisedTask:
    task = SupervisedTask.objects.select_for_update().select_related("owner_unit").get(pk=task.pk)
    if task.state not in states:
        raise RuleViolation(
            "state",
            _("This step is not possible while the task is %(state)s.") % {"state": task.get_state_display()},
            "step_out_of_order",
        )
    return task


def _progress(task, kind, day, text, acting_user) -> TaskProgress:
    entry = TaskProgress(task=task, kind=kind, reported_on=day, text=text, reported_by=acting_user)
    return record_save(entry, acting_user=acting_user, unit=task.owner_unit, scope_field="task")


@transaction.atomic
def task_report(
    *, task: SupervisedTask, reported_on: datetime.date, text: str, done: bool, acting_user: User
) -> TaskProgress:
    """The responsible unit's progress report; `done` reports the task done, for the office to accept."""
    require_perm(acting_user, "oversight.add_taskprogress")
    task = _locked(task, TaskState.OPEN)
    ensure_unit_in_scope(acting_user, task.owner_unit, field="task")
    not_in_future(reported_on, field="reported_on")
    not_before(reported_on, task.assigned_on, field="reported_on")
    text = required_text(text, field="text", message=_("Say what has been done."))
    entry = _progress(
        task, ProgressKind.DONE_CLAIM if done else ProgressKind.PROGRESS, reported_on, text, acting_user
    )
    if done:
        task.state = TaskState.REPORTED
        record_save(task, acting_user=acting_user, unit=task.owner_unit, scope_field="owner_unit")
    return entry


@transaction.atomic
def task_accept(
    *, task: SupervisedTask, done_on: datetime.date, text: str, acting_user: User
) -> SupervisedTask:
    """The 督办 office closes the task, on the unit's report or on its own finding."""
    require_perm(acting_user, "oversight.change_supervisedtask")
    task = _locked(task, TaskState.OPEN, TaskState.REPORTED)
    not_in_future(done_on, field="done_on")
    not_before(done_on, task.assigned_on, field="done_on")
    _progress(task, ProgressKind.ACCEPTED, done_on, text.strip() or _("Accepted as done."), acting_user)
    task.state, task.done_on = TaskState.DONE, done_on
    return record_save(task, acting_user=acting_user, unit=task.owner_unit, scope_field="owner_unit")


@transaction.atomic
def task_send_back(*, task: SupervisedTask, reason: str, acting_user: User) -> SupervisedTask:
    """A reported task not done as decided goes back to the unit, with the reason."""
    require_perm(acting_user, "oversight.change_supervisedtask")
    task = _locked(task, TaskState.REPORTED)
    reason = required_text(reason, field="reason", message=_("Say why the task is sent back."))
    _progress(task, ProgressKind.SENT_BACK, timezone.localdate(), reason, acting_user)
    task.state = TaskState.OPEN
    return record_save(task, acting_user=acting_user, unit=task.owner_unit, scope_field="owner_unit")


def task_clean_source(task: SupervisedTask) -> None:
    """The admin's check of a source typed by hand (the same rule as the API's)."""
    if task.source_type_id and f"{task.source_type.app_label}.{task.source_type.model}" not in SOURCE_MODELS:
        raise ValidationError({"source_type": _("A task cannot come from this kind of record.")})
