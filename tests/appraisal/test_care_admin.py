"""The admin of commendations, consequences and care: scoped, saving through the services, and
without the talk notes for a role that may not read them."""

import datetime

import pytest
from django.utils import timezone

from appraisal.models import CareTalk, Commendation, HealthCheck, HealthCheckRound
from appraisal.services.care import care_talk_save, health_check_list_make
from core.actors import system_actor
from tests.factories import CadreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(tree):
    return (
        CadreFactory(unit=tree.a, name="甲院长"),
        CadreFactory(unit=tree.a, name="甲副院长"),
        CadreFactory(unit=tree.b, name="乙副院长"),
    )


def staff(user):
    user.is_staff = True
    user.save()
    return user


def test_the_talk_admin_is_scoped_and_hides_the_notes_from_discipline_staff(client, users, hr, people):
    head, deputy, _other = people
    talk = care_talk_save(
        talk=CareTalk(
            talker=head, talkee=deputy, talked_on=datetime.date(2026, 1, 5), kind="care", topics="家庭困难"
        ),
        acting_user=system_actor(),
    )
    client.force_login(staff(hr.b))
    assert "甲副院长" not in client.get("/admin/appraisal/caretalk/").content.decode()
    client.force_login(staff(users.discipline))
    page = client.get(f"/admin/appraisal/caretalk/{talk.pk}/change/").content.decode()
    assert "甲副院长" in page and "家庭困难" not in page
    client.force_login(staff(users.hr))
    assert "家庭困难" in client.get(f"/admin/appraisal/caretalk/{talk.pk}/change/").content.decode()


def test_the_commendation_admin_saves_through_the_service(client, users, tree, people):
    head, _deputy, _other = people
    client.force_login(users.admin)
    answer = client.post(
        "/admin/appraisal/commendation/add/",
        {
            "scope": "individual",
            "cadre": head.pk,
            "unit": tree.b.pk,
            "title": "优秀教师",
            "category": "teaching",
            "kind": "honour",
            "level": "college",
            "timing": "regular",
            "awarded_on": "2025-09-10",
            "issuing_body": "学院",
        },
    )
    assert answer.status_code == 302
    row = Commendation.objects.get()
    assert row.unit == tree.a and row.history.get().history_user == users.admin  # the service set the unit


def test_the_health_check_admin_marks_through_the_service(client, users, people):
    year = timezone.localdate().year
    check_round = HealthCheckRound.objects.create(year=year, arranged_on=timezone.localdate())
    health_check_list_make(check_round=check_round, acting_user=system_actor())
    check = HealthCheck.objects.get(cadre=people[0])
    client.force_login(users.admin)
    bad = client.post(f"/admin/appraisal/healthcheck/{check.pk}/change/", {"done_on": f"{year - 1}-03-01"})
    assert bad.status_code == 200 and f"{year}年度体检须在{year}年内完成" in bad.content.decode()
    check.refresh_from_db()
    assert check.done_on is None
    assert (
        client.post(
            f"/admin/appraisal/healthcheck/{check.pk}/change/", {"done_on": f"{year}-01-02"}
        ).status_code
        == 302
    )
    check.refresh_from_db()
    assert check.done_on == datetime.date(year, 1, 2) and check.history.first().history_user == users.admin
