"""The training services and selectors over the database: the ledger, the missing monthly study,
scope, the first item's tasks, secondments and the reminders."""

import dataclasses
import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cadres.models import Cadre
from core.actors import system_actor
from core.models import Notification
from core.roles import CLERK, HR
from tests.factories import AppointmentFactory, CadreFactory, OrgUnitFactory, PostFactory, UserFactory, level
from tests.training.factories import ParticipantFactory, StudySessionFactory, TrainingProgrammeFactory
from training import reminders, selectors, services
from training.choices import Attendance, SessionKind
from training.models import FollowUpTask, Secondment, SourceCredit, StudySession
from training.services import AttendeeInput

D = datetime.date
ON = D(2026, 3, 31)
pytestmark = pytest.mark.django_db


@pytest.fixture
def section_cadre(tree):
    cadre = CadreFactory(unit=tree.a, name="李明")
    AppointmentFactory(
        cadre=cadre, post=PostFactory(unit=tree.a, level=level("section")), start_date=D(2020, 1, 1)
    )
    return cadre


@pytest.fixture
def middle_cadre(tree):
    cadre = CadreFactory(unit=tree.a, name="王芳", gender="female", birth_date=D(1978, 2, 2))
    post = PostFactory(unit=tree.a, level=level("middle_principal"))
    AppointmentFactory(cadre=cadre, post=post, start_date=D(2018, 1, 1))
    return cadre


# --- the ledger -----------------------------------------------------------------------------


def test_a_session_credits_those_present_and_only_toward_what_its_kind_counts(tree, section_cadre):
    other = CadreFactory(unit=tree.a, name="赵六")
    StudySessionFactory(
        kind=SessionKind.LECTURE,
        unit=tree.a,
        hours=Decimal(3),
        attendees=[AttendeeInput(section_cadre), AttendeeInput(other, Attendance.ABSENT)],
    )
    StudySessionFactory(
        kind=SessionKind.UNIT_MONTHLY, unit=tree.a, hours=Decimal(2), attendees=[section_cadre]
    )
    assert selectors.cadre_hours(cadre=section_cadre, on=ON).year_hours == Decimal(
        3
    )  # monthly study: neither
    assert selectors.cadre_hours(cadre=other, on=ON).year_hours == Decimal(0)  # absent: nothing
    SourceCredit.objects.filter(source=SessionKind.UNIT_MONTHLY).update(counts_toward_year=True)
    assert selectors.cadre_hours(cadre=section_cadre, on=ON).year_hours == Decimal(5)  # the admin's flag


def test_programmes_credit_by_completion_absence_and_recognition(tree, middle_cadre):
    recognised = TrainingProgrammeFactory(hours=Decimal(70))
    ParticipantFactory(programme=recognised, cadre=middle_cadre, absent_hours=Decimal(10))  # exactly 1/7
    ParticipantFactory(
        programme=TrainingProgrammeFactory(hours=Decimal(70)),
        cadre=middle_cadre,
        absent_hours=Decimal("10.5"),
    )
    ParticipantFactory(programme=TrainingProgrammeFactory(), cadre=middle_cadre, completed=False)
    elsewhere = TrainingProgrammeFactory(institution="某培训公司", party_school=False, recognised=False)
    ParticipantFactory(programme=elsewhere, cadre=middle_cadre)
    summary = selectors.cadre_hours(cadre=middle_cadre, on=ON)
    assert (summary.five_year_hours, summary.five_year_required, summary.five_year_compliant) == (
        Decimal(70),
        Decimal(550),
        False,
    )
    assert summary.year_hours is None


def test_a_clerks_report_counts_once_hr_confirms_it(tree, users, section_cadre):
    participant = ParticipantFactory(cadre=section_cadre, acting_user=users.clerk)
    assert not participant.confirmed
    assert selectors.cadre_hours(cadre=section_cadre, on=ON).year_hours == Decimal(0)
    with pytest.raises(ValidationError):
        services.participant_confirm(participant=participant, acting_user=users.clerk)
    services.participant_confirm(participant=participant, acting_user=users.hr)
    assert selectors.cadre_hours(cadre=section_cadre, on=ON).year_hours == Decimal(80)


def test_leave_over_the_programmes_hours_is_a_field_error(section_cadre):
    with pytest.raises(ValidationError) as exc:
        ParticipantFactory(cadre=section_cadre, absent_hours=Decimal(81))
    assert exc.value.error_dict["absent_hours"][0].code == "absent_over_hours"


def test_the_eligibility_engine_reads_the_ledger(tree, middle_cadre):
    from cadres.selectors.eligibility import cadre_eligibility

    ParticipantFactory(cadre=middle_cadre, programme=TrainingProgrammeFactory(hours=Decimal(412)))
    target = PostFactory(unit=tree.b, level=level("middle_principal"))
    result = cadre_eligibility(cadre=middle_cadre, post=target, on=ON)
    [reason] = [r for r in result.warnings if r.code == "training_hours_short"]
    assert reason.params == {"hours": Decimal(412), "required_hours": Decimal(550)}


# --- the missing monthly study --------------------------------------------------------------


def test_a_session_on_the_months_last_day_counts(tree, users):
    StudySessionFactory(unit=tree.a, date=D(2026, 3, 31))
    StudySessionFactory(unit=tree.b, date=D(2026, 4, 1))
    missing = selectors.missing_units(user=users.hr, month=D(2026, 3, 1))
    assert [u.code for u in missing] == ["B"]


def test_a_unit_created_mid_month_is_not_missing(tree, users):
    new = OrgUnitFactory(
        code="C", name="新设学院", kind="college", parent=tree.root, established_on=D(2026, 3, 16)
    )
    assert new not in selectors.missing_units(user=users.hr, month=D(2026, 3, 1))
    assert new in selectors.missing_units(user=users.hr, month=D(2026, 4, 1))


def test_the_missing_list_keeps_to_the_callers_scope(tree, users):
    assert [u.code for u in selectors.missing_units(user=users.clerk, month=D(2026, 3, 1))] == ["A"]
    assert [u.code for u in selectors.missing_units(user=users.hr, month=D(2026, 3, 1))] == ["A", "B"]


def test_exempt_months_owe_nothing(tree, users):
    assert selectors.missing_units(user=users.hr, month=D(2026, 8, 1)) == []


# --- scope and the first item ---------------------------------------------------------------


def test_a_clerk_cannot_write_another_units_session_or_participants(tree, users):
    with pytest.raises(ValidationError) as exc:
        StudySessionFactory(unit=tree.b, acting_user=users.clerk)
    assert exc.value.error_dict["unit"][0].code == "out_of_scope"
    stranger = CadreFactory(unit=tree.b, name="钱七")
    with pytest.raises(ValidationError):
        StudySessionFactory(unit=tree.a, attendees=[stranger], acting_user=users.clerk)
    with pytest.raises(ValidationError):
        ParticipantFactory(cadre=stranger, acting_user=users.clerk)
    b_session = StudySessionFactory(unit=tree.b)
    b_session.topic = "改"
    with pytest.raises(ValidationError):
        services.study_session_save(session=b_session, acting_user=users.clerk)
    assert not selectors.session_list(user=users.clerk).filter(pk=b_session.pk).exists()


def test_a_cadre_listed_twice_is_refused(tree, section_cadre):
    with pytest.raises(ValidationError) as exc:
        StudySessionFactory(unit=tree.a, attendees=[section_cadre, section_cadre])
    assert exc.value.error_dict["attendees"][0].code == "duplicate_attendee"


def test_attendance_replaces_the_list(tree, section_cadre):
    other = CadreFactory(unit=tree.a, name="赵六")
    session = StudySessionFactory(unit=tree.a, attendees=[section_cadre, other])
    services.study_session_save(
        session=session, attendees=[AttendeeInput(other, Attendance.EXCUSED)], acting_user=system_actor()
    )
    assert list(session.attendances.values_list("cadre__name", "attendance")) == [("赵六", "excused")]


def test_only_a_first_item_assigns_follow_up_tasks(tree):
    monthly = StudySessionFactory(unit=tree.a)
    task = FollowUpTask(session=monthly, description="落实", owner_unit=tree.a, deadline=D(2026, 4, 1))
    with pytest.raises(ValidationError) as exc:
        services.follow_up_task_save(task=task, acting_user=system_actor())
    assert exc.value.error_dict["session"][0].code == "not_first_item"
    task.session = StudySessionFactory(unit=tree.root, kind=SessionKind.COMMITTEE_FIRST_ITEM)
    services.follow_up_task_save(task=task, acting_user=system_actor())
    assert list(selectors.overdue_follow_ups(on=D(2026, 4, 2))) == [task]
    assert list(selectors.overdue_follow_ups(on=D(2026, 4, 1))) == []


# --- secondments ----------------------------------------------------------------------------


def test_an_ended_secondment_goes_into_the_resume_once(tree, section_cadre):
    secondment = Secondment(
        cadre=section_cadre,
        direction="outgoing",
        host_organisation="某县人民政府",
        host_post="副县长",
        planned_start=D(2024, 3, 1),
        planned_end=D(2026, 2, 28),
    )
    services.secondment_save(secondment=secondment, acting_user=system_actor())
    with pytest.raises(ValidationError):
        services.secondment_to_resume(secondment=secondment, acting_user=system_actor())
    secondment.actual_start, secondment.actual_end = D(2024, 3, 5), D(2026, 2, 20)
    services.secondment_save(secondment=secondment, acting_user=system_actor())
    services.secondment_to_resume(secondment=secondment, acting_user=system_actor())
    assert (
        Cadre.objects.get(pk=section_cadre.pk).resume_lines[-1]
        == "2024.03--2026.02 某县人民政府副县长（挂职）"
    )
    with pytest.raises(ValidationError) as exc:
        services.secondment_to_resume(secondment=secondment, acting_user=system_actor())
    assert exc.value.error_dict["in_resume"][0].code == "already_in_resume"


# --- reminders ------------------------------------------------------------------------------


def test_monthly_study_reminders_go_to_the_units_clerk_and_hr_once(tree, users):
    StudySessionFactory(unit=tree.a, date=D(2026, 3, 3))
    UserFactory(username="clerk_b", role=CLERK, scope_unit=tree.b)
    hr_a = UserFactory(username="hr_a", role=HR, scope_unit=tree.a)
    assert reminders.monthly_study_reminders(on=D(2026, 3, 25)) == 2  # unit B: its clerk and root HR
    assert reminders.monthly_study_reminders(on=D(2026, 3, 25)) == 0
    keys = set(Notification.objects.values_list("user__username", "key"))
    assert keys == {
        ("clerk_b", f"monthly_study_missing:{tree.b.pk}:2026-03"),
        ("hr", f"monthly_study_missing:{tree.b.pk}:2026-03"),
    }
    assert not Notification.objects.filter(user__in=[users.clerk, hr_a]).exists()


def test_follow_up_and_behind_reminders_are_idempotent(tree, users, section_cadre):
    first = StudySessionFactory(unit=tree.root, kind=SessionKind.COMMITTEE_FIRST_ITEM)
    task = FollowUpTask(session=first, description="制定方案", owner_unit=tree.a, deadline=D(2026, 3, 1))
    services.follow_up_task_save(task=task, acting_user=system_actor())
    assert reminders.follow_up_reminders(on=D(2026, 3, 2)) == 2  # clerk of A, HR at the root
    assert reminders.follow_up_reminders(on=D(2026, 3, 3)) == 0
    assert reminders.behind_pace_reminders(on=D(2026, 7, 1)) == 1
    assert reminders.behind_pace_reminders(on=D(2026, 8, 1)) == 0  # same quarter
    assert StudySession.objects.count() == 1


def test_the_ledger_reads_the_five_year_window_from_its_first_day(tree, middle_cadre):
    on = D(2026, 3, 10)
    for end in (D(2021, 3, 10), D(2021, 3, 11)):  # the day before the window, its first day
        ParticipantFactory(
            cadre=middle_cadre,
            programme=TrainingProgrammeFactory(start_date=end, end_date=end, hours=Decimal(300)),
        )
    assert selectors.cadre_hours(cadre=middle_cadre, on=on).five_year_hours == Decimal(300)
    assert selectors.cadre_hours(cadre=middle_cadre, on=D(2026, 3, 9)).five_year_hours == Decimal(600)


def test_the_summed_ledger_of_a_list_agrees_with_a_cadres_own(tree, users, section_cadre, middle_cadre):
    # lectures (yearly) and trips (both) on each side of the window's first day and of new year
    on = D(2026, 3, 10)
    for day in (
        D(2021, 3, 10),
        D(2021, 3, 11),
        D(2025, 12, 31),
        D(2026, 1, 1),
        D(2026, 3, 10),
        D(2026, 3, 11),
    ):
        for kind in (SessionKind.LECTURE, SessionKind.PARTY_SPIRIT):
            StudySessionFactory(
                unit=tree.a, kind=kind, date=day, hours=Decimal(7), attendees=[section_cadre, middle_cadre]
            )
    rows, _total = selectors.compliance_rows(user=users.hr, on=on, behind_only=False)
    listed = {row.cadre_id: row.summary for row in rows}
    for cadre in (section_cadre, middle_cadre):
        own = selectors.cadre_hours(cadre=cadre, on=on)
        assert listed[cadre.pk] == dataclasses.replace(own, sources={})
    listed = {Cadre.objects.get(pk=pk): summary for pk, summary in listed.items()}
    assert listed[section_cadre].year_hours == Decimal(28)  # 2026-01-01 and 2026-03-10, both kinds
    assert listed[middle_cadre].five_year_hours == Decimal(28)  # the trips from 2021-03-11 on


def test_a_follow_up_task_is_what_a_generic_relation_can_point_at(client, tree, users):
    from django.contrib.contenttypes.models import ContentType

    first = StudySessionFactory(unit=tree.a, kind=SessionKind.COMMITTEE_FIRST_ITEM)
    task = FollowUpTask(session=first, description="制定整改方案", owner_unit=tree.a, deadline=D(2026, 4, 1))
    services.follow_up_task_save(task=task, acting_user=system_actor())
    ct = ContentType.objects.get_for_model(FollowUpTask)
    assert ct.get_object_for_this_type(pk=task.pk) == task and str(task) == "制定整改方案"
    client.force_login(users.clerk)
    assert client.get(task.get_absolute_url()).status_code == 200
    assert "制定整改方案" in client.get("/training/follow-ups/?status=overdue").content.decode()
    done = client.post(
        task.get_absolute_url(),
        {
            "description": task.description,
            "owner_unit": tree.a.pk,
            "deadline": "2026-04-01",
            "done_on": "2026-03-20",
        },
    )
    assert done.status_code == 302
    task.refresh_from_db()
    assert task.done_on == D(2026, 3, 20)
    other = UserFactory(username="clerk_b", role=CLERK, scope_unit=tree.b)
    client.force_login(other)
    assert client.get(task.get_absolute_url()).status_code == 404


def test_training_imports_nothing_of_oversight():
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2] / "training"
    assert (root / "models.py").exists()
    for path in root.rglob("*.py"):
        text = path.read_text()
        assert "import oversight" not in text and "from oversight" not in text, path


def test_the_heat_map_keeps_to_its_rows_and_links_each_month(tree, users):
    StudySessionFactory(unit=tree.b, date=D(2026, 3, 12))
    heat = selectors.study_heat_map(user=users.hr, year=2026)
    assert [row["unit"].code for row in heat] == ["A", "B"]
    assert heat[1]["cells"][2] == (1, "2026-03") and heat[0]["cells"][2] == (0, "2026-03")
    assert [row["unit"].code for row in selectors.study_heat_map(user=users.hr, year=2026, rows=1)] == ["A"]
