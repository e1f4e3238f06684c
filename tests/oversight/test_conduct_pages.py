"""The conduct work's list pages read a constant number of queries, whatever the rows."""

import datetime

import pytest
from django.utils import timezone

from core.actors import system_actor
from oversight.services import meetings, tasks
from oversight.services.letters import letters_generate
from tests.factories import CadreFactory

PAGES = [
    "/oversight/letters/",
    "/oversight/duty-reports/",
    "/oversight/risks/",
    "/oversight/meetings/",
    "/oversight/tasks/",
]


def _rows(college, tree, count):
    today = timezone.localdate()
    for offset in range(count):
        letters_generate(year=today.year - offset, sign_by=None, acting_user=system_actor())
    attendee = CadreFactory(unit=tree.root)
    for index in range(count):
        meeting = meetings.meeting_record(
            kind="committee",
            unit=tree.a,
            title=f"党委会{index}",
            held_on=today,
            attendee=attendee,
            notes="",
            findings=[("发现", "跟进")],
            acting_user=system_actor(),
        )
        tasks.task_assign(
            title=f"督办{index}",
            owner_unit=tree.a,
            deadline=today + datetime.timedelta(days=index),
            source=("oversight.meetingfinding", meeting.findings.get().pk),
            acting_user=system_actor(),
        )


@pytest.mark.parametrize("page", PAGES)
def test_constant_queries(college, tree, users, client, django_assert_max_num_queries, page):
    client.force_login(users.discipline)
    _rows(college, tree, 1)
    with django_assert_max_num_queries(40) as few:
        assert client.get(page).status_code == 200
    _rows(college, tree, 6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(page).status_code == 200
