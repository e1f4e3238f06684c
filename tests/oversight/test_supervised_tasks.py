"""Supervised tasks (督办): overdue from the day after the deadline, the generic source (a training
follow-up, a meeting finding) without oversight importing training, the steps, scope, bad input."""

import datetime
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone

from core.actors import system_actor
from core.roles import CLERK
from oversight.choices import TaskState
from oversight.models import SupervisedTask
from oversight.rules.tasks import task_done_late, task_due_soon, task_overdue
from oversight.selectors.tasks import overdue_q
from oversight.services import meetings, tasks
from tests.factories import CadreFactory, UserFactory
from training.models import FollowUpTask, StudySession

D = datetime.date
URL = "/api/v1/supervised-tasks/"
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("on", "done_on", "overdue"),
    [
        (D(2026, 5, 30), None, False),
        (D(2026, 5, 31), None, False),  # the deadline day is in time
        (D(2026, 6, 1), None, True),
        (D(2026, 6, 1), D(2026, 6, 1), False),  # done, late: no longer overdue
        (D(2026, 6, 1), D(2026, 5, 20), False),
    ],
)
def test_overdue_rule_at_the_deadline(on, done_on, overdue):
    assert task_overdue(deadline=D(2026, 5, 31), done_on=done_on, on=on) is overdue


def test_late_and_soon():
    assert task_done_late(deadline=D(2026, 5, 31), done_on=D(2026, 6, 1))
    assert not task_done_late(deadline=D(2026, 5, 31), done_on=D(2026, 5, 31))
    assert task_due_soon(deadline=D(2026, 5, 31), done_on=None, on=D(2026, 5, 28), days=3)
    assert not task_due_soon(deadline=D(2026, 5, 31), done_on=None, on=D(2026, 5, 27), days=3)
    assert not task_due_soon(deadline=D(2026, 5, 31), done_on=None, on=D(2026, 6, 1), days=3)


def _task(tree, deadline, **kwargs):
    kwargs.setdefault("decision", "党委会纪要〔第5次〕")
    return tasks.task_assign(
        title="落实整改", owner_unit=tree.a, deadline=deadline, acting_user=system_actor(), **kwargs
    )


def test_overdue_state_on_its_deadline_day(tree, users, api):
    """The task whose deadline is today is not overdue today (API and the query agree with the rule);
    the same task seen from tomorrow is."""
    today = timezone.localdate()
    task = _task(tree, today)
    row = api(users.discipline).get(f"{URL}{task.pk}/").json()
    assert row["overdue"] is False
    assert api(users.discipline).get(f"{URL}?overdue=true").json()["count"] == 0
    tomorrow = today + datetime.timedelta(days=1)
    assert SupervisedTask.objects.filter(overdue_q(today)).count() == 0
    assert list(SupervisedTask.objects.filter(overdue_q(tomorrow))) == [task]
    SupervisedTask.objects.filter(pk=task.pk).update(
        assigned_on=today - datetime.timedelta(days=5), deadline=today - datetime.timedelta(days=1)
    )
    assert api(users.discipline).get(f"{URL}{task.pk}/").json()["overdue"] is True
    assert api(users.discipline).get(f"{URL}?overdue=true").json()["count"] == 1
    assert api(users.discipline).get(f"{URL}?overdue=maybe").status_code == 400


@pytest.fixture
def follow_up(tree):
    session = StudySession.objects.create(
        kind="committee_first_item", date=D(2026, 3, 2), unit=tree.root, topic="学习重要讲话精神"
    )
    return FollowUpTask.objects.create(
        session=session, description="制定落实方案", owner_unit=tree.a, deadline=D(2026, 4, 30)
    )


def test_source_is_a_training_follow_up_linked_generically(tree, users, api, follow_up):
    deadline = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    body = {
        "title": "督办第一议题落实",
        "source_kind": "training.followuptask",
        "source_id": follow_up.pk,
        "owner_unit": tree.a.pk,
        "deadline": deadline,
    }
    made = api(users.discipline).post(URL, body, format="json")
    assert made.status_code == 201, made.json()
    assert made.json()["source_kind"] == "training.followuptask"
    assert made.json()["source_name"] == "制定落实方案"
    task = SupervisedTask.objects.get(pk=made.json()["id"])
    assert task.source == follow_up
    # An id of no record, a kind not allowed, half a source: refused, never a 500.
    missing = api(users.discipline).post(URL, body | {"source_id": 999999}, format="json")
    assert missing.json()["code"] == "source_not_found"
    assert (
        api(users.discipline).post(URL, body | {"source_kind": "core.user"}, format="json").status_code == 400
    )
    assert api(users.discipline).post(URL, body | {"source_kind": None}, format="json").status_code == 400
    assert api(users.discipline).post(URL, body | {"source_id": 2**70}, format="json").status_code == 400


def test_a_source_outside_the_scope_is_refused(tree, api, follow_up):
    from core.roles import DISCIPLINE

    in_b = UserFactory(username="discipline_b", role=DISCIPLINE, scope_unit=tree.b)
    with pytest.raises(Exception) as refused:
        tasks.task_assign(
            title="x",
            owner_unit=tree.b,
            deadline=timezone.localdate(),
            source=("training.followuptask", follow_up.pk),
            acting_user=in_b,
        )
    assert "source_not_found" in str(refused.value.error_dict["source_id"][0].code)


def test_source_is_a_meeting_finding(tree, users):
    attendee = CadreFactory(unit=tree.root)
    meeting = meetings.meeting_record(
        kind="asset_disposal",
        unit=tree.a,
        title="报废资产处置",
        held_on=timezone.localdate(),
        attendee=attendee,
        notes="",
        findings=[("评估报告未公示", "公示后再处置")],
        acting_user=users.discipline,
    )
    finding = meeting.findings.get()
    task = _task(tree, timezone.localdate(), source=("oversight.meetingfinding", finding.pk))
    assert task.source == finding


def test_oversight_imports_no_training():
    """The generic link names the source's model as a string: no module of oversight imports training."""
    found = subprocess.run(
        ["grep", "-rlE", r"^\s*(from|import) training", str(ROOT / "oversight")],
        capture_output=True,
        text=True,
    )
    assert found.stdout == ""
    contracts = subprocess.run(
        [str(ROOT / ".venv/bin/lint-imports")], capture_output=True, text=True, cwd=ROOT
    )
    assert "broken" in contracts.stdout and " 0 broken" in contracts.stdout, contracts.stdout


def test_report_send_back_accept(tree, users, api):
    today = timezone.localdate()
    task = _task(tree, today + datetime.timedelta(days=5))
    clerk = users.clerk  # in unit A, the responsible unit
    path = f"{URL}{task.pk}/"
    progress = api(clerk).post(
        path + "report/", {"reported_on": today.isoformat(), "text": "已起草方案"}, format="json"
    )
    assert progress.status_code == 200, progress.json()
    done = api(clerk).post(
        path + "report/", {"reported_on": today.isoformat(), "text": "已完成", "done": True}, format="json"
    )
    assert done.status_code == 200
    assert api(clerk).post(path + "accept/", {"done_on": today.isoformat()}, format="json").status_code == 403
    again = api(clerk).post(path + "report/", {"reported_on": today.isoformat(), "text": "x"}, format="json")
    assert again.json()["code"] == "step_out_of_order"
    back = api(users.discipline).post(path + "send-back/", {"reason": "整改不到位"}, format="json")
    assert back.json()["state"] == TaskState.OPEN
    api(clerk).post(
        path + "report/", {"reported_on": today.isoformat(), "text": "已整改", "done": True}, format="json"
    )
    accepted = api(users.discipline).post(path + "accept/", {"done_on": today.isoformat()}, format="json")
    assert accepted.json()["state"] == "done" and accepted.json()["done_on"] == today.isoformat()
    kinds = [p["kind"] for p in api(users.discipline).get(path + "progress/").json()]
    assert kinds == ["progress", "done_claim", "sent_back", "done_claim", "accepted"]


def test_scope_a_clerk_of_another_unit_neither_reads_nor_reports(tree, users, api):
    task = _task(tree, timezone.localdate())
    clerk_b = UserFactory(username="clerk_b", role=CLERK, scope_unit=tree.b)
    assert api(clerk_b).get(URL).json()["count"] == 0
    today = timezone.localdate().isoformat()
    refused = api(clerk_b).post(f"{URL}{task.pk}/report/", {"reported_on": today, "text": "x"}, format="json")
    assert refused.status_code == 404
    assert api(users.clerk).get(URL).json()["count"] == 1
    assert api(users.hr).get(URL).status_code == 403


def test_bad_input(tree, users, api):
    past = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    body = {"title": "x", "decision": "y", "owner_unit": tree.a.pk, "deadline": past}
    assert api(users.discipline).post(URL, body, format="json").json()["code"] == "deadline_past"
    no_decision = body | {"decision": "", "deadline": timezone.localdate().isoformat()}
    assert api(users.discipline).post(URL, no_decision, format="json").json()["code"] == "required"
    assert (
        api(users.discipline).post(URL, body | {"deadline": "3000-01-01"}, format="json").status_code == 400
    )
    assert api(users.discipline).post(URL, body | {"owner_unit": "x"}, format="json").status_code == 400


@pytest.mark.parametrize("count", [2, 12])
def test_list_query_count_is_constant(tree, users, api, follow_up, django_assert_max_num_queries, count):
    for index in range(count):
        source = ("training.followuptask", follow_up.pk) if index % 2 else None
        _task(tree, timezone.localdate(), source=source)
    # The first request of a user fills the permission cache (core.authcache); count a later one.
    client = api(users.discipline)
    client.get(URL)
    with django_assert_max_num_queries(11):
        body = client.get(URL).json()
    assert body["count"] == count


def test_the_pages(tree, users, client):
    task = _task(tree, timezone.localdate())
    client.force_login(users.discipline)
    assert client.get("/oversight/tasks/").status_code == 200
    assert client.get("/oversight/tasks/?overdue=x").status_code == 200
    detail = client.get(f"/oversight/tasks/{task.pk}/")
    assert "落实整改" in detail.content.decode()
    today = timezone.localdate().isoformat()
    sent = client.post(f"/oversight/tasks/{task.pk}/", {"action": "accept", "done_on": today})
    assert sent.status_code == 302
    assert SupervisedTask.objects.get(pk=task.pk).state == "done"
