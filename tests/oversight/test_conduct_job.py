"""The daily job of the conduct work: letters unsigned past their date, reports due, review
coverage, supervised tasks due or overdue — each reminder once, whoever runs the job twice."""

import datetime

import pytest
from django.utils import timezone

from core.actors import system_actor
from core.jobs import JOBS
from core.models import Notification
from oversight.models import ResponsibilityLetter, SupervisedTask
from oversight.services import risks, tasks
from oversight.services.conduct_reminders import (
    LETTER_KIND,
    REVIEW_KIND,
    TASK_KIND,
    conduct_reminders,
)
from oversight.services.letters import letters_generate
from oversight.tasks import conduct_reminders_task
from tests.factories import PostFactory


def test_declared_in_the_job_table():
    assert JOBS["conduct_reminders"].task == "oversight.conduct_reminders"


@pytest.fixture
def due(college, tree, users):
    today = timezone.localdate()
    letters_generate(year=today.year, sign_by=today - datetime.timedelta(days=1), acting_user=system_actor())
    task = tasks.task_assign(
        title="整改", decision="党委会纪要", owner_unit=tree.a, deadline=today, acting_user=system_actor()
    )
    review = risks.risk_review_open(
        year=today.year,
        unit=tree.root,
        name="大排查",
        started_on=today,
        closes_on=today + datetime.timedelta(days=3),
        acting_user=system_actor(),
    )
    return task, review


def test_reminders_once_each(due, users):
    today = timezone.localdate()
    raised = conduct_reminders(on=today)
    assert raised[LETTER_KIND] == 1  # one digest for the discipline staff member at the root
    digest = Notification.objects.get(user=users.discipline, kind=LETTER_KIND, digest__isnull=True)
    assert Notification.objects.filter(digest=digest).count() == 3
    assert raised[REVIEW_KIND] == 1
    # The task due today: the discipline staff member and the clerk of unit A hear of it.
    assert set(Notification.objects.filter(kind=TASK_KIND).values_list("user__username", flat=True)) == {
        "discipline",
        "clerk",
    }
    again = conduct_reminders(on=today)
    assert again == dict.fromkeys(again, 0)
    assert conduct_reminders_task(on=today.isoformat()) == again


def test_overdue_the_day_after_and_signed_letters_are_quiet(due, users):
    task, _review = due
    today = timezone.localdate()
    ResponsibilityLetter.objects.update(state="signed", signed_on=today)
    tomorrow = today + datetime.timedelta(days=1)
    raised = conduct_reminders(on=tomorrow)
    assert raised[LETTER_KIND] == 0
    overdue = Notification.objects.get(user=users.discipline, key=f"task:{task.pk}:{task.deadline}:overdue")
    assert str(task.deadline) in overdue.message
    SupervisedTask.objects.filter(pk=task.pk).update(state="done", done_on=today)
    assert conduct_reminders(on=tomorrow + datetime.timedelta(days=1))[TASK_KIND] == 0


def test_a_complete_review_is_quiet(due, tree, users):
    _task, review = due
    for post in PostFactory._meta.model.objects.filter(active=True, unit__path__startswith=tree.root.path):
        risks.risk_review_record(
            review=review, post=post, outcome="unchanged", note="", acting_user=system_actor()
        )
    assert conduct_reminders(on=timezone.localdate())[REVIEW_KIND] == 0
