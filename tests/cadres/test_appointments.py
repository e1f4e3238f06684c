import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cadres.models import Appointment, Cadre
from cadres.selectors.org import unit_staffing
from cadres.services import appointment_end, appointment_save
from core.actors import system_actor
from core.roles import CLERK
from core.scope import scoped
from tests.factories import (
    AppointmentFactory,
    CadreFactory,
    PostFactory,
    PostQuotaFactory,
    UserFactory,
    level,
)

D = datetime.date


@pytest.fixture
def seat(tree):
    return PostFactory(unit=tree.a, title="院长", level=level("middle_principal"))


def code_of(exc, field):
    return exc.value.error_dict[field][0].code


def test_overlapping_appointments_to_one_post_are_refused(seat, tree):
    AppointmentFactory(
        post=seat, cadre=CadreFactory(unit=tree.a), start_date=D(2020, 1, 1), end_date=D(2023, 1, 1)
    )
    other = CadreFactory(unit=tree.a, name="李娜", gender="female", birth_date=D(1980, 2, 2))
    with pytest.raises(ValidationError) as exc:
        AppointmentFactory(post=seat, cadre=other, start_date=D(2022, 12, 31))
    assert code_of(exc, "post") == "post_occupied"
    assert "张伟" in exc.value.error_dict["post"][0].message


def test_adjacent_periods_share_the_boundary_day(seat, tree):
    AppointmentFactory(
        post=seat, cadre=CadreFactory(unit=tree.a), start_date=D(2020, 1, 1), end_date=D(2023, 1, 1)
    )
    other = CadreFactory(unit=tree.a, name="李娜", gender="female", birth_date=D(1980, 2, 2))
    assert AppointmentFactory(post=seat, cadre=other, start_date=D(2023, 1, 1)).pk


def test_an_open_appointment_blocks_any_later_one(seat, tree):
    AppointmentFactory(post=seat, cadre=CadreFactory(unit=tree.a), start_date=D(2020, 1, 1))
    other = CadreFactory(unit=tree.a, name="李娜", gender="female", birth_date=D(1980, 2, 2))
    with pytest.raises(ValidationError):
        AppointmentFactory(post=seat, cadre=other, start_date=D(2030, 1, 1))


def test_database_refuses_overlap_even_without_the_service(seat, tree):
    first = CadreFactory(unit=tree.a)
    second = CadreFactory(unit=tree.a, name="李娜", gender="female", birth_date=D(1980, 2, 2))
    Appointment.objects.create(cadre=first, post=seat, start_date=D(2020, 1, 1), end_date=D(2022, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(cadre=second, post=seat, start_date=D(2021, 6, 1), is_primary=True)
    Appointment.objects.create(cadre=second, post=seat, start_date=D(2022, 1, 1))


def test_end_must_follow_start(seat, tree):
    with pytest.raises(ValidationError) as exc:
        AppointmentFactory(
            post=seat, cadre=CadreFactory(unit=tree.a), start_date=D(2020, 1, 1), end_date=D(2020, 1, 1)
        )
    assert code_of(exc, "end_date") == "end_before_start"


def test_one_primary_post_at_a_time(tree, seat):
    cadre = CadreFactory(unit=tree.a)
    AppointmentFactory(cadre=cadre, post=PostFactory(unit=tree.a), start_date=D(2018, 1, 1))
    with pytest.raises(ValidationError) as exc:
        AppointmentFactory(cadre=cadre, post=seat, start_date=D(2021, 1, 1))
    assert code_of(exc, "is_primary") == "primary_exists"
    concurrent = AppointmentFactory(
        cadre=cadre, post=seat, start_date=D(2021, 1, 1), is_primary=False, kind="concurrent"
    )
    assert concurrent.pk


def test_promotion_closes_the_previous_primary_post(tree, seat):
    cadre = CadreFactory(unit=tree.a)
    deputy = AppointmentFactory(cadre=cadre, post=PostFactory(unit=tree.a), start_date=D(2018, 1, 1))
    AppointmentFactory(cadre=cadre, post=seat, start_date=D(2021, 3, 1), close_previous_primary=True)
    deputy.refresh_from_db()
    assert deputy.end_date == D(2021, 3, 1)
    assert deputy.leave_reason


def test_database_allows_one_open_primary_per_cadre(tree, seat):
    cadre = CadreFactory(unit=tree.a)
    Appointment.objects.create(cadre=cadre, post=seat, start_date=D(2020, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(cadre=cadre, post=PostFactory(unit=tree.a), start_date=D(2021, 1, 1))


def test_removal(tree, seat):
    appointment = AppointmentFactory(post=seat, cadre=CadreFactory(unit=tree.a), start_date=D(2020, 1, 1))
    appointment_end(
        acting_user=system_actor(), appointment=appointment, end_date=D(2024, 7, 1), leave_reason="到龄免职"
    )
    appointment.refresh_from_db()
    assert (appointment.end_date, appointment.leave_reason) == (D(2024, 7, 1), "到龄免职")
    with pytest.raises(ValidationError):
        appointment_end(acting_user=system_actor(), appointment=appointment, end_date=D(2020, 1, 1))


def test_inactive_posts_take_no_new_appointments(tree, seat):
    seat.active = False
    seat.save()
    with pytest.raises(ValidationError) as exc:
        AppointmentFactory(post=seat, cadre=CadreFactory(unit=tree.a))
    assert code_of(exc, "post") == "post_inactive"


def test_clerk_cannot_appoint_outside_scope(tree, users):
    cadre = CadreFactory(unit=tree.b)
    with pytest.raises(ValidationError) as exc:
        appointment_save(
            appointment=Appointment(cadre=cadre, post=PostFactory(unit=tree.b), start_date=D(2020, 1, 1)),
            acting_user=users.clerk,
        )
    assert code_of(exc, "cadre") == "out_of_scope"


class TestVacancies:
    def staffing(self, unit, on):
        return {row.level.code: row for row in unit_staffing(units=[unit], on=on)[unit.pk]}

    def test_filled_and_vacant_follow_the_date(self, tree, seat):
        PostQuotaFactory(unit=tree.a, level=level("middle_principal"), approved=2)
        appointment = AppointmentFactory(post=seat, cadre=CadreFactory(unit=tree.a), start_date=D(2020, 1, 1))
        appointment_end(acting_user=system_actor(), appointment=appointment, end_date=D(2024, 1, 1))
        assert self.staffing(tree.a, D(2019, 12, 31))["middle_principal"].filled == 0
        assert self.staffing(tree.a, D(2020, 1, 1))["middle_principal"].filled == 1
        assert self.staffing(tree.a, D(2023, 12, 31))["middle_principal"].vacant == 1
        assert self.staffing(tree.a, D(2024, 1, 1))["middle_principal"].filled == 0

    def test_over_quota(self, tree, seat):
        PostQuotaFactory(unit=tree.a, level=level("middle_principal"), approved=1)
        second_seat = PostFactory(unit=tree.a, title="党总支书记", level=level("middle_principal"))
        AppointmentFactory(post=seat, cadre=CadreFactory(unit=tree.a), start_date=D(2020, 1, 1))
        AppointmentFactory(
            post=second_seat,
            cadre=CadreFactory(unit=tree.a, name="王芳", gender="female"),
            start_date=D(2021, 1, 1),
        )
        row = self.staffing(tree.a, D(2021, 6, 1))["middle_principal"]
        assert (row.approved, row.filled, row.vacant, row.over_quota) == (1, 2, 0, 1)

    def test_secondments_do_not_fill_quota(self, tree, seat):
        PostQuotaFactory(unit=tree.a, level=level("middle_principal"), approved=1)
        AppointmentFactory(
            post=seat, cadre=CadreFactory(unit=tree.a), start_date=D(2020, 1, 1), kind="secondment"
        )
        assert self.staffing(tree.a, D(2021, 1, 1))["middle_principal"].filled == 0

    def test_api_counts_with_on(self, api, users, tree, seat):
        PostQuotaFactory(unit=tree.a, level=level("middle_principal"), approved=1)
        AppointmentFactory(post=seat, cadre=CadreFactory(unit=tree.a), start_date=D(2020, 1, 1))
        before = api(users.hr).get(f"/api/v1/org-units/{tree.a.pk}/?on=2019-06-01").json()["staffing"][0]
        after = api(users.hr).get(f"/api/v1/org-units/{tree.a.pk}/?on=2020-06-01").json()["staffing"][0]
        assert (before["filled"], before["vacant"]) == (0, 1)
        assert (after["filled"], after["vacant"]) == (1, 0)


class TestAppointmentApi:
    def test_create_and_overlap_error(self, api, users, tree, seat):
        cadre = CadreFactory(unit=tree.a)
        body = {
            "cadre": cadre.pk,
            "post": seat.pk,
            "start_date": "2021-01-01",
            "document_no": "示范院党〔2021〕3号",
            "kind": "appoint",
            "is_primary": True,
        }
        assert api(users.hr).post("/api/v1/appointments/", body, format="json").status_code == 201
        other = CadreFactory(unit=tree.a, name="王芳", gender="female")
        response = api(users.hr).post("/api/v1/appointments/", body | {"cadre": other.pk}, format="json")
        assert response.status_code == 400
        assert response.json()["code"] == "post_occupied"
        assert "post" in response.json()["fields"]

    def test_clerk_reads_own_and_cannot_write(self, api, users, tree):
        mine = AppointmentFactory(cadre=CadreFactory(unit=tree.a), post=PostFactory(unit=tree.a))
        theirs = AppointmentFactory(
            cadre=CadreFactory(unit=tree.b, name="王芳", gender="female"), post=PostFactory(unit=tree.b)
        )
        client = api(users.clerk)
        assert [a["id"] for a in client.get("/api/v1/appointments/").json()["results"]] == [mine.pk]
        assert client.get(f"/api/v1/appointments/{theirs.pk}/").status_code == 404
        assert (
            client.patch(f"/api/v1/appointments/{mine.pk}/", {"document_no": "x"}, format="json").status_code
            == 403
        )


def test_the_api_shows_probation_and_term_end_read_only(api, users, tree, django_assert_max_num_queries):
    from cadres.models import SelectionSettings

    SelectionSettings.objects.update_or_create(pk=1, defaults={"term_years": 5})
    first = AppointmentFactory(
        cadre=CadreFactory(unit=tree.a),
        post=PostFactory(unit=tree.a),
        start_date=D(2024, 2, 29),
        probation_end=D(2025, 2, 28),
    )
    AppointmentFactory(
        cadre=CadreFactory(unit=tree.a), post=PostFactory(unit=tree.a), start_date=D(2021, 3, 1)
    )
    client = api(users.hr)
    with django_assert_max_num_queries(8):
        rows = client.get("/api/v1/appointments/").json()["results"]
    row = next(r for r in rows if r["id"] == first.pk)
    assert (row["probation_end"], row["probation_result"], row["term_end"]) == (
        "2025-02-28",
        "",
        "2029-02-28",
    )
    client.patch(f"/api/v1/appointments/{first.pk}/", {"probation_result": "reversed"}, format="json")
    first.refresh_from_db()
    assert first.probation_result == ""


class TestUnitFollowsPrimaryAppointment:
    def test_a_transfer_moves_the_cadre_and_his_scope(self, tree, users):
        today = timezone.localdate()
        cadre = CadreFactory(unit=tree.a)
        AppointmentFactory(cadre=cadre, post=PostFactory(unit=tree.a), start_date=D(2018, 1, 1))
        AppointmentFactory(
            cadre=cadre, post=PostFactory(unit=tree.b), start_date=today, close_previous_primary=True
        )
        cadre.refresh_from_db()
        assert cadre.unit == tree.b
        assert (
            scoped(UserFactory(username="clerk_b", role=CLERK, scope_unit=tree.b), Cadre)
            .filter(pk=cadre.pk)
            .exists()
        )
        assert not scoped(users.clerk, Cadre).filter(pk=cadre.pk).exists()

    def test_a_future_start_moves_him_not_yet(self, tree):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        cadre = CadreFactory(unit=tree.a)
        AppointmentFactory(cadre=cadre, post=PostFactory(unit=tree.b), start_date=tomorrow)
        cadre.refresh_from_db()
        assert cadre.unit == tree.a

    def test_a_concurrent_post_does_not_move_him(self, tree):
        cadre = CadreFactory(unit=tree.a)
        AppointmentFactory(
            cadre=cadre, post=PostFactory(unit=tree.b), start_date=D(2020, 1, 1), is_primary=False
        )
        cadre.refresh_from_db()
        assert cadre.unit == tree.a
