"""The complaint deadline job: who hears, on which days, once; never the reporter's name."""

import datetime

from django.core import mail

from core.models import Notification
from core.roles import DISCIPLINE
from oversight.services.complaints import complaint_accept
from oversight.services.reminders import complaint_deadline_reminders
from oversight.tasks import complaint_deadlines_task
from tests.factories import UserFactory
from tests.oversight.factories import REPORTER, complaint

D = datetime.date


def test_reminders_come_three_days_ahead_and_once_passed(users, tree):
    made = complaint(unit=tree.a, received_on=D(2026, 3, 1), acting_user=users.discipline)  # due 03-16
    assert complaint_deadline_reminders(on=D(2026, 3, 12)) == 0
    assert complaint_deadline_reminders(on=D(2026, 3, 13)) == 1
    assert complaint_deadline_reminders(on=D(2026, 3, 16)) == 0  # the same reminder, not again
    assert complaint_deadline_reminders(on=D(2026, 3, 17)) == 1  # now overdue
    assert complaint_deadline_reminders(on=D(2026, 3, 18)) == 0
    complaint_accept(complaint=made, decided_on=D(2026, 3, 16), acting_user=users.discipline)  # due 05-15
    assert complaint_deadline_reminders(on=D(2026, 5, 12)) == 1
    texts = list(Notification.objects.values_list("message", flat=True)) + [m.body for m in mail.outbox]
    assert all(REPORTER["name"] not in t and REPORTER["phone"] not in t for t in texts)
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"discipline"}


def test_only_discipline_staff_in_scope_and_not_recused_hear(users, tree):
    staff_b = UserFactory(username="discipline_b", role=DISCIPLINE, scope_unit=tree.b)
    staff_a = UserFactory(username="discipline_a", role=DISCIPLINE, scope_unit=tree.a)
    made = complaint(unit=tree.a, received_on=D(2026, 3, 1))
    made.recused.add(staff_a)
    assert complaint_deadlines_task(on="2026-03-14") == 1
    assert not Notification.objects.filter(user__in=[staff_a, staff_b, users.hr]).exists()
