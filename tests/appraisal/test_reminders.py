"""The daily job: closes cycles past their last day and reminds HR once, a digest a day."""

import datetime
import io
import json

from django.core.management import call_command

from appraisal.services.cycles import cycle_open
from appraisal.services.reminders import appraisal_daily
from core.actors import system_actor
from core.jobs import JOBS
from core.models import Notification
from tests.appraisal.factories import cycle, serving, vote

D = datetime.date


def test_reminders_reach_hr_of_the_cycles_scope_once(tree, hr):
    person = serving(tree.a)
    made = cycle(units=[tree.a], acting_user=hr.a, closes_on=D(2025, 12, 10))
    cycle_open(cycle=made, acting_user=hr.a)
    vote(made, made.rater_groups.first(), {person: 90}, acting_user=hr.a)
    counts = appraisal_daily(on=D(2025, 12, 5), acting_user=system_actor())
    assert counts == {
        "closed": 0,
        "appraisal_cycle_open": 2,
        "appraisal_cycle_closed": 0,
        "appraisal_ballot_returns": 2,
    }
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"hr", "hr_a"}  # not hr_b
    digest = Notification.objects.get(user=hr.a, kind="appraisal_ballot_returns")
    assert "1" in digest.message and made.name in digest.message
    again = appraisal_daily(on=D(2025, 12, 5), acting_user=system_actor())
    assert again == dict.fromkeys(counts, 0)
    assert appraisal_daily(on=D(2025, 12, 6), acting_user=system_actor())["appraisal_ballot_returns"] == 2


def test_the_day_after_the_last_day_the_cycle_closes_and_hr_hears_of_it(tree, hr):
    serving(tree.a)
    made = cycle(units=[tree.a], acting_user=hr.a, closes_on=D(2025, 12, 10))
    cycle_open(cycle=made, acting_user=hr.a)
    assert appraisal_daily(on=D(2025, 12, 10), acting_user=system_actor())["closed"] == 0
    out = io.StringIO()
    call_command("run_job", "appraisal_daily", "--on", "2025-12-11", stdout=out)
    counts = json.loads(out.getvalue())
    assert counts["closed"] == 1 and counts["appraisal_cycle_closed"] == 2
    made.refresh_from_db()
    assert made.state == "closed"
    assert JOBS["appraisal_daily"].task == "appraisal.daily"
