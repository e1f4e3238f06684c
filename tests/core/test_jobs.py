"""The daily review job: who hears of what, at which thresholds, once; the job registry and run_job."""

import datetime
import io
import json
import uuid

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.management import CommandError, call_command
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from cadres.models import Cadre, SelectionCandidate, SelectionProcess
from cadres.registry import DUE_KINDS
from cadres.services.reviews import UNITS_FOLLOWED, daily_review
from core.actors import system_actor
from core.jobs import JOBS, sync_periodic_tasks
from core.models import Notification
from core.roles import HR
from oversight.models import Sanction
from oversight.services import sanction_save
from tests.factories import AppointmentFactory, CadreFactory, PostFactory, UserFactory

D = datetime.date
ON = D(2026, 3, 10)


def days(n: int) -> datetime.date:
    return ON + datetime.timedelta(days=n)


def term_ending_in(n, unit, name="张伟"):
    """A current appointment whose 4-year term runs out n days after ON."""
    cadre = CadreFactory(unit=unit, name=name)
    post = PostFactory(unit=unit, title="院长")
    return AppointmentFactory(cadre=cadre, post=post, start_date=days(n) - relativedelta(years=4))


def probation_ending_in(n, unit):
    cadre = CadreFactory(unit=unit, name="李娜", gender="female", birth_date=D(1982, 4, 4))
    return AppointmentFactory(
        cadre=cadre,
        post=PostFactory(unit=unit, title="副院长"),
        start_date=days(n) - relativedelta(years=1),
        probation_end=days(n),
        probation_result="pending",
    )


def rotation_due_in(n, unit):
    cadre = CadreFactory(unit=unit, name="王强")
    return AppointmentFactory(
        cadre=cadre, post=PostFactory(unit=unit, title="处长"), start_date=days(n) - relativedelta(years=10)
    )


def retiring_in(n, unit):
    cadre = CadreFactory(unit=unit, name="赵敏")
    Cadre.objects.filter(pk=cadre.pk).update(retirement_date=days(n))
    return cadre


def effect_period_ending_in(n, unit):
    sanction = sanction_save(
        acting_user=system_actor(),
        sanction=Sanction(
            cadre=CadreFactory(unit=unit, name="钱进"), kind="admonishment", decision_date=days(-150)
        ),
    )
    Sanction.objects.filter(pk=sanction.pk).update(effect_end=days(n))
    return sanction


def notice_ending_in(n, unit):
    process = SelectionProcess.objects.create(
        post=PostFactory(unit=unit, title="主任"),
        state="notice",
        notice_start=days(n - 7),
        notice_end=days(n),
    )
    cadre = CadreFactory(unit=unit, name="孙丽", gender="female", birth_date=D(1984, 5, 5))
    SelectionCandidate.objects.create(process=process, cadre=cadre, approved=True)
    SelectionCandidate.objects.create(
        process=process, cadre=CadreFactory(unit=unit, name="落选"), approved=False
    )
    return process


MAKERS = {
    "term_ending": (term_ending_in, 90),
    "probation_ending": (probation_ending_in, 30),
    "rotation_due": (rotation_due_in, 90),
    "retirement": (retiring_in, 183),
    "effect_period_ending": (effect_period_ending_in, 30),
    "notice_ending": (notice_ending_in, 3),
}


def keys(user):
    return sorted(Notification.objects.filter(user=user).values_list("key", flat=True))


class TestWindows:
    @pytest.mark.parametrize("kind", MAKERS)
    def test_last_day_of_the_window_raises_and_the_day_after_does_not(self, kind, tree, hr):
        make, window = MAKERS[kind]
        make(window, tree.a)
        make(window + 1, tree.b)
        counts = daily_review(on=ON)
        assert counts[kind] == 2  # hr.root and hr.a
        assert sum(counts.values()) == 2
        notification = Notification.objects.get(user=hr.a)
        assert (notification.kind, notification.due_date) == (kind, days(window))
        assert not Notification.objects.filter(user=hr.b).exists()

    @pytest.mark.parametrize(
        ("kind", "n", "raised"),
        [
            ("probation_ending", 0, True),
            ("probation_ending", -20, True),  # review overdue, still pending
            ("rotation_due", -400, True),  # overdue
            ("retirement", 0, True),
            ("retirement", -1, True),  # past retirement, still serving: overdue
            ("effect_period_ending", 1, True),
            ("effect_period_ending", 0, False),  # ended today: nothing left to remind of
            ("notice_ending", 0, True),
            ("notice_ending", -1, False),
        ],
    )
    def test_near_and_past_boundaries(self, kind, n, raised, tree, hr):
        MAKERS[kind][0](n, tree.a)
        daily_review(on=ON)
        assert Notification.objects.filter(user=hr.a, kind=kind).exists() is raised

    def test_only_approved_candidates_of_a_notice(self, tree, hr):
        process = notice_ending_in(2, tree.a)
        daily_review(on=ON)
        notification = Notification.objects.get(user=hr.a)
        assert "孙丽" in notification.message and "落选" not in notification.message
        assert notification.link == f"/selections/{process.pk}/"


class TestTermThresholds:
    @pytest.mark.parametrize(
        ("n", "threshold"), [(91, None), (90, 90), (31, 90), (30, 30), (8, 30), (7, 7), (0, 7)]
    )
    def test_tightest_threshold_crossed(self, n, threshold, tree, hr):
        appointment = term_ending_in(n, tree.a)
        daily_review(on=ON)
        expected = [] if threshold is None else [f"term_ending:{appointment.pk}:{days(n)}:{threshold}"]
        assert keys(hr.a) == expected

    def test_each_threshold_once_as_the_end_approaches(self, tree, hr):
        appointment = term_ending_in(90, tree.a)
        for day in (ON, days(1), days(60), days(61), days(83), days(90)):
            daily_review(on=day)
        assert keys(hr.a) == sorted(f"term_ending:{appointment.pk}:{days(90)}:{t}" for t in (7, 30, 90))


class TestRecipients:
    def test_hr_staff_whose_scope_holds_the_cadre_only(self, tree, users, hr):
        term_ending_in(30, tree.a1)
        unscoped_hr = UserFactory(username="hr_none", role=HR, scope_unit=None)
        inactive_hr = UserFactory(username="hr_gone", role=HR, scope_unit=tree.root, is_active=False)
        daily_review(on=ON)
        recipients = set(Notification.objects.values_list("user__username", flat=True))
        assert recipients == {"hr", "hr_a"}
        for user in (
            hr.b,
            users.clerk,
            users.leader,
            users.discipline,
            users.admin,
            unscoped_hr,
            inactive_hr,
        ):
            assert not Notification.objects.filter(user=user).exists()

    def test_superuser_in_the_hr_group_without_a_scope_unit_hears_of_everything(self, tree, hr):
        chief = UserFactory(username="chief", role=HR, scope_unit=None, is_superuser=True)
        term_ending_in(30, tree.b)
        daily_review(on=ON)
        assert Notification.objects.filter(user=chief).count() == 1

    def test_a_notice_reaches_hr_of_the_posts_unit_too(self, tree, hr):
        process = notice_ending_in(1, tree.b)
        candidate = process.candidates.get(approved=True).cadre
        candidate.unit = tree.a
        candidate.save()
        daily_review(on=ON)
        assert Notification.objects.filter(user=hr.a).count() == 1
        assert Notification.objects.filter(user=hr.b).count() == 1

    def test_message_names_the_cadre_the_post_the_unit_and_the_date(self, tree, hr):
        appointment = term_ending_in(30, tree.a, name="欧阳修")
        daily_review(on=ON)
        notification = Notification.objects.get(user=hr.a)
        for part in ("欧阳修", "院长", tree.a.name, "2026-04-09"):
            assert part in notification.message
        assert notification.link == f"/cadres/{appointment.cadre.pk}/"

    def test_overdue_rotation_says_it_was_due(self, tree, hr):
        rotation_due_in(-10, tree.a)
        rotation_due_in(10, tree.a)
        daily_review(on=ON)
        messages = sorted(
            Notification.objects.filter(user=hr.a, digest=None).values_list("message", flat=True)
        )
        assert len(messages) == 2 and messages[0] != messages[1]
        assert any(days(-10).isoformat() in m for m in messages)


class TestIdempotence:
    def test_second_run_raises_nothing_and_sends_no_mail(self, tree, hr, django_capture_on_commit_callbacks):
        for make, window in MAKERS.values():
            make(window - 1, tree.a)
        with django_capture_on_commit_callbacks(execute=True):
            first = daily_review(on=ON)
        assert set(first) == set(DUE_KINDS) | {UNITS_FOLLOWED}  # every kind, registered ones too
        assert first[UNITS_FOLLOWED] == 0
        assert all(first[kind] == 2 for kind in MAKERS), first
        total = Notification.objects.count()
        assert total == 12
        assert sorted(m.to[0] for m in mail.outbox) == ["hr@example.edu.cn", "hr_a@example.edu.cn"]
        digest = next(m for m in mail.outbox if m.to == ["hr_a@example.edu.cn"])
        assert all(n.message in digest.body for n in Notification.objects.filter(user=hr.a))
        with django_capture_on_commit_callbacks(execute=True):
            second = daily_review(on=ON)
        assert sum(second.values()) == 0
        assert Notification.objects.count() == total
        assert len(mail.outbox) == 2

    def test_a_new_item_is_raised_beside_the_known_ones(self, tree, hr, django_capture_on_commit_callbacks):
        term_ending_in(30, tree.a)
        daily_review(on=ON)
        probation_ending_in(20, tree.a)
        with django_capture_on_commit_callbacks(execute=True):
            counts = daily_review(on=ON)
        assert counts["probation_ending"] == 2 and counts["term_ending"] == 0
        assert len(mail.outbox) == 2
        assert mail.outbox[0].subject == Notification.objects.get(user=hr.a, kind="probation_ending").message

    def test_no_mail_without_an_address(self, tree, hr, django_capture_on_commit_callbacks):
        hr.a.email = ""
        hr.a.save()
        term_ending_in(30, tree.a)
        with django_capture_on_commit_callbacks(execute=True):
            daily_review(on=ON)
        assert Notification.objects.filter(user=hr.a).count() == 1
        assert [m.to for m in mail.outbox] == [["hr@example.edu.cn"]]

    def test_changed_due_date_raises_anew(self, tree, hr):
        appointment = probation_ending_in(20, tree.a)
        daily_review(on=ON)
        appointment.probation_end = days(25)
        appointment.save()
        daily_review(on=ON)
        assert Notification.objects.filter(user=hr.a, kind="probation_ending").count() == 2


class TestRunJob:
    def test_runs_the_daily_review_and_prints_the_counts(self, tree, hr):
        term_ending_in(30, tree.a)
        out = io.StringIO()
        call_command("run_job", "daily_review", "--on", ON.isoformat(), stdout=out)
        assert json.loads(out.getvalue())["term_ending"] == 2
        assert Notification.objects.filter(user=hr.a).count() == 1
        out = io.StringIO()
        call_command("run_job", "daily_review", "--on", ON.isoformat(), stdout=out)
        assert json.loads(out.getvalue())["term_ending"] == 0

    def test_defaults_to_today(self, tree, hr):
        out = io.StringIO()
        call_command("run_job", "daily_review", stdout=out)
        assert set(json.loads(out.getvalue())) == set(DUE_KINDS) | {UNITS_FOLLOWED}

    def test_unknown_job_lists_the_names(self, db):
        with pytest.raises(CommandError, match="daily_review"):
            call_command("run_job", "weekly_nonsense")

    def test_bad_date(self, db):
        with pytest.raises(CommandError, match="YYYY-MM-DD"):
            call_command("run_job", "daily_review", "--on", "2026-02-30")


class TestPeriodicTasks:
    def test_migrate_put_every_job_in_the_beat_tables(self, db):
        for name, job in JOBS.items():
            row = PeriodicTask.objects.get(name=name)
            assert row.task == job.task and row.enabled
        crontab = PeriodicTask.objects.get(name="daily_review").crontab
        assert (crontab.minute, crontab.hour, str(crontab.timezone)) == ("30", "6", "Asia/Shanghai")

    def test_sync_creates_missing_rows_once(self, db):
        PeriodicTask.objects.filter(name__in=JOBS).delete()
        assert sync_periodic_tasks() == list(JOBS)
        assert sync_periodic_tasks() == []
        assert PeriodicTask.objects.filter(name__in=JOBS).count() == len(JOBS)

    def test_sync_keeps_an_administrators_changes(self, db):
        row = PeriodicTask.objects.get(name="daily_review")
        row.crontab = CrontabSchedule.objects.create(minute="0", hour="8", timezone="Asia/Shanghai")
        row.enabled = False
        row.save()
        assert sync_periodic_tasks() == []
        row.refresh_from_db()
        assert (row.crontab.hour, row.enabled) == ("8", False)


@pytest.mark.celery
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_daily_review_on_a_real_worker_against_redis(tree, hr):
    from celery.contrib.testing.worker import start_worker

    from cadres.tasks import daily_review_task
    from config.celery import app

    assert app.conf.broker_url.startswith("redis://") and not app.conf.task_always_eager
    appointment = term_ending_in(30, tree.a)
    # A queue of its own, so a worker of a parallel test run cannot take the task.
    queue = f"test-daily-review-{uuid.uuid4().hex}"
    with start_worker(app, perform_ping_check=False, queues=[queue], shutdown_timeout=30):
        result = daily_review_task.apply_async(kwargs={"on": ON.isoformat()}, queue=queue)
        counts = result.get(timeout=30)
    assert counts["term_ending"] == 2
    assert Notification.objects.get(user=hr.a).key == f"term_ending:{appointment.pk}:{days(30)}:30"
    assert Notification.objects.filter(user=hr.b).count() == 0
