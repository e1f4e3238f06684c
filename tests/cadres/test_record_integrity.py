"""Records stay true: constraint failures are field errors naming the other record (within the
actor's scope only), the unit follows the primary appointment, and future-dated appointments
take effect in the daily review."""

import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.utils import timezone

from appraisal.models import AppraisalResult
from cadres.exchange.lrmx.codec import LrmxRecord, build_lrmx
from cadres.models import Appointment, Cadre, OrgUnit, OrgUnitKind
from cadres.services import appointment_save, cadre_save
from cadres.services.cadre import cadre_prepare
from cadres.services.reviews import UNITS_FOLLOWED, daily_review
from core.actors import system_actor
from core.constraints import integrity_guard
from core.services import history_save
from tests.cadres.test_roster import IMPORT as ROSTER_IMPORT
from tests.cadres.test_roster import row, xlsx
from tests.factories import AppointmentFactory, CadreFactory, PostFactory

D = datetime.date
NAMED = "身份证号已属于向英（信息工程学院）。"
UNNAMED = "该身份证号已被其他干部使用。"
LRMX_IMPORT = "/api/v1/cadres/import-lrmx/"


def errors(exc: ValidationError) -> dict[str, list[tuple[str, str]]]:
    return {field: [(e.code, e.messages[0]) for e in errs] for field, errs in exc.error_dict.items()}


def new_cadre(unit, **values) -> Cadre:
    base = {
        "unit": unit,
        "name": "曾国华",
        "gender": "male",
        "birth_date": D(1975, 6, 15),
        "ethnicity": "han",
        "political_status": "cpc_member",
        "education": "bachelor",
    }
    return Cadre(**(base | values))


@pytest.fixture
def holder(tree):
    return CadreFactory(unit=tree.a, name="向英")


@pytest.fixture
def holder_b(tree):
    return CadreFactory(unit=tree.b, name="向英")


# ---------------------------------------------------------------- the service


class TestIdNumberThroughTheService:
    def test_names_the_holder_in_the_actors_scope(self, users, tree, holder):
        with pytest.raises(ValidationError) as exc:
            cadre_save(cadre=new_cadre(tree.a, id_number=holder.id_number), acting_user=users.hr)
        assert errors(exc.value) == {"id_number": [("duplicate_id_number", NAMED)]}

    def test_discloses_nothing_outside_the_scope(self, users, tree, holder_b):
        with pytest.raises(ValidationError) as exc:
            cadre_save(cadre=new_cadre(tree.a, id_number=holder_b.id_number), acting_user=users.clerk)
        assert errors(exc.value) == {"id_number": [("duplicate_id_number", UNNAMED)]}

    def test_editing_the_holder_himself_is_no_conflict(self, users, holder):
        holder.health = "良好"
        assert cadre_save(cadre=holder, acting_user=users.hr).health == "良好"

    def test_an_invalid_number_is_its_own_error_beside_the_others(self, users, tree, holder):
        cadre = new_cadre(tree.a, id_number=holder.id_number[:-1] + "0", name="")
        with pytest.raises(ValidationError) as exc:
            cadre_save(cadre=cadre, acting_user=users.hr)
        found = errors(exc.value)
        assert set(found) == {"id_number", "name"}
        assert (
            found["id_number"][0][0].startswith("id_") and found["id_number"][0][0] != "duplicate_id_number"
        )

    def test_a_date_the_check_constraint_forbids_is_one_error_on_its_field(self, users, tree):
        # The record-date rule names the birth date; the database check behind it adds no second error.
        cadre = new_cadre(tree.a, party_join_date=D(1975, 6, 15))
        with pytest.raises(ValidationError) as exc:
            cadre_save(cadre=cadre, acting_user=users.hr)
        assert errors(exc.value) == {
            "party_join_date": [("before_birth", "该日期不晚于出生日期（1975-06-15）。")]
        }

    def test_a_constraint_over_an_invalid_field_is_not_checked(self, users, tree):
        cadre = new_cadre(tree.a, birth_date=None, work_start_date=D(1990, 7, 1))
        with pytest.raises(ValidationError) as exc:
            cadre_save(cadre=cadre, acting_user=users.hr)
        assert "work_start_date" not in exc.value.error_dict
        assert "birth_date" in exc.value.error_dict


# ---------------------------------------------------------------- the HTML form and the API


def form_data(unit, **values) -> dict:
    data = {
        "unit": unit.pk,
        "name": "曾国华",
        "gender": "male",
        "birth_date": "1975-06-15",
        "ethnicity": "han",
        "political_status": "masses",
        "status": "serving",
        "family-TOTAL_FORMS": "0",
        "family-INITIAL_FORMS": "0",
        "family-MIN_NUM_FORMS": "0",
        "family-MAX_NUM_FORMS": "1000",
    }
    return data | values


class TestThroughTheForm:
    def test_names_the_holder_on_the_field(self, client, users, tree, holder):
        client.force_login(users.hr)
        response = client.post("/cadres/new/", form_data(tree.a, id_number=holder.id_number))
        assert response.status_code == 200
        form = response.context["form"]
        assert form.errors["id_number"] == [NAMED]
        assert "约束" not in response.content.decode()
        assert Cadre.objects.count() == 1

    def test_a_clerk_of_another_unit_does_not_learn_the_name(self, client, users, tree, holder_b):
        client.force_login(users.clerk)
        response = client.post("/cadres/new/", form_data(tree.a, id_number=holder_b.id_number))
        assert response.status_code == 200
        assert response.context["form"].errors["id_number"] == [UNNAMED]
        assert "向英" not in response.content.decode()


class TestThroughTheApi:
    def body(self, unit, **values):
        return {
            "unit": unit.pk,
            "name": "曾国华",
            "gender": "male",
            "birth_date": "1975-06-15",
            "ethnicity": "han",
            "political_status": "masses",
            "education": "bachelor",
        } | values

    def test_names_the_holder_with_a_stable_code(self, api, users, tree, holder):
        response = api(users.hr).post("/api/v1/cadres/", self.body(tree.a, id_number=holder.id_number))
        assert response.status_code == 400
        body = response.json()
        assert body["code"] == "duplicate_id_number"
        assert body["fields"] == {"id_number": [{"code": "duplicate_id_number", "message": NAMED}]}

    def test_a_clerk_of_another_unit_does_not_learn_the_name(self, api, users, tree, holder_b):
        response = api(users.clerk).post("/api/v1/cadres/", self.body(tree.a, id_number=holder_b.id_number))
        assert response.status_code == 400
        assert response.json()["fields"]["id_number"][0] == {
            "code": "duplicate_id_number",
            "message": UNNAMED,
        }
        assert "向英" not in response.content.decode()

    def test_a_check_constraint_is_a_field_error(self, api, users, tree):
        body = self.body(tree.a, work_start_date="1970-01-01")
        response = api(users.hr).post("/api/v1/cadres/", body)
        assert response.status_code == 400
        assert response.json()["fields"]["work_start_date"][0]["code"] == "before_birth"


# ---------------------------------------------------------------- the roster and .lrmx imports


def test_roster_preview_of_a_number_outside_the_scope_names_no_one(api, users, tree, holder_b):
    data = xlsx([row(身份证号=holder_b.id_number, 出生年月="1975.06")])
    response = api(users.clerk).post(ROSTER_IMPORT, {"file": _upload(data, "r.xlsx"), "dry_run": "true"})
    assert "向英" not in response.content.decode()
    assert response.json()["errors"][0]["code"] == "out_of_scope"


def _upload(data: bytes, name: str):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_lrmx_check_constraint_is_a_field_error(api, users, tree):
    record = LrmxRecord(name="赵六", gender="female", birth=D(1980, 5, 1), party_join=D(1979, 7, 1))
    body = {"file": [_upload(build_lrmx(record), "z.lrmx")], "dry_run": "true", "unit": tree.a.pk}
    errors_ = api(users.hr).post(LRMX_IMPORT, body, format="multipart").json()["files"][0]["errors"]
    assert {(e["field"], e["code"]) for e in errors_} >= {("party_join_date", "before_birth")}


def test_lrmx_number_outside_the_scope_names_no_one(api, users, tree, holder_b):
    record = LrmxRecord(name="赵六", gender="male", birth=holder_b.birth_date, id_number=holder_b.id_number)
    body = {"file": [_upload(build_lrmx(record), "z.lrmx")], "dry_run": "true", "unit": tree.a.pk}
    response = api(users.clerk).post(LRMX_IMPORT, body, format="multipart")
    assert response.json()["files"][0]["errors"][0]["code"] == "out_of_scope"
    assert "向英" not in response.content.decode()


# ---------------------------------------------------------------- the database at save time


def _in_another_connection(work):
    """Run `work` in a thread, which Django gives a connection (and a transaction) of its own."""
    failures = []

    def run():
        try:
            work()
        except Exception as exc:  # noqa: BLE001  reported by the test
            failures.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, failures


def _wait_until_a_statement_waits_for_a_lock(seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.05)
    return False


def test_a_concurrent_insert_past_the_check_is_the_same_field_error(users, tree):
    """Another connection records the number while our save runs: our check cannot see its
    uncommitted row, our INSERT waits for it and fails with the unique violation. Its rows are
    committed, so they are deleted at the end (this test keeps the reused test database)."""
    other = CadreFactory.build(name="向英")
    cadre_prepare(other)
    inserted, created = threading.Event(), {}

    def record_concurrently():
        with transaction.atomic():
            unit = OrgUnit.objects.create(
                code="ELSEWHERE", name="外单位", kind=OrgUnitKind.FUNCTIONAL, path="/0/"
            )
            other.unit = unit
            other.save()
            created.update(unit=unit.pk, cadre=other.pk)
            inserted.set()
            if not _wait_until_a_statement_waits_for_a_lock():
                raise AssertionError("our save never waited for the concurrent row")

    def clean_up():
        Cadre.objects.filter(pk=created["cadre"]).delete()
        Cadre.history.filter(id=created["cadre"]).delete()
        OrgUnit.objects.filter(pk=created["unit"]).delete()
        OrgUnit.history.filter(id=created["unit"]).delete()

    thread, failures = _in_another_connection(record_concurrently)
    try:
        assert inserted.wait(10)
        with pytest.raises(ValidationError) as exc:
            cadre_save(cadre=new_cadre(tree.a, id_number=other.id_number), acting_user=users.admin)
        thread.join()
        assert not failures
        assert errors(exc.value) == {"id_number": [("duplicate_id_number", "身份证号已属于向英（外单位）。")]}
        assert not Cadre.objects.filter(unit=tree.a).exists()  # and our transaction goes on
    finally:
        thread.join()
        if created:
            cleaner, cleaning_failures = _in_another_connection(clean_up)
            cleaner.join()
            assert not cleaning_failures


def test_the_one_seat_exclusion_constraint_names_the_holder(users, tree):
    post = PostFactory(unit=tree.a, title="院长")
    AppointmentFactory(cadre=CadreFactory(unit=tree.a, name="向英"), post=post, start_date=D(2020, 1, 1))
    second = Appointment(
        cadre=CadreFactory(unit=tree.a), post=post, start_date=D(2021, 1, 1), is_primary=False
    )
    # Past the service's check: the database refuses.
    with pytest.raises(ValidationError) as exc, integrity_guard(second, acting_user=users.hr):
        second.save()
    assert errors(exc.value) == {
        "post": [("post_occupied", "该职务已由向英担任（2020-01-01起），一个职务只能一人担任。")]
    }
    assert post.appointments.count() == 1  # and the caller's transaction goes on


def test_the_one_open_primary_constraint_names_the_post(users, tree):
    cadre = CadreFactory(unit=tree.a, name="向英")
    AppointmentFactory(cadre=cadre, post=PostFactory(unit=tree.a, title="院长"), start_date=D(2020, 1, 1))
    second = Appointment(cadre=cadre, post=PostFactory(unit=tree.b, title="院长"), start_date=D(2019, 1, 1))
    with pytest.raises(ValidationError) as exc, integrity_guard(second, acting_user=users.hr):
        second.save()
    [(code, message)] = errors(exc.value)["is_primary"]
    assert code == "primary_exists" and "信息工程学院 院长" in message


# ---------------------------------------------------------------- the unit follows the primary post


FOLLOWS = "单位随主任职务（信息工程学院院长）确定，请通过任免调整。"


@pytest.fixture
def appointed(tree):
    cadre = CadreFactory(unit=tree.a, name="向英")
    AppointmentFactory(cadre=cadre, post=PostFactory(unit=tree.a, title="院长"), start_date=D(2020, 1, 1))
    return cadre


class TestUnitFollowsAppointment:
    def test_the_service_refuses_a_direct_move(self, users, tree, appointed):
        appointed.unit = tree.b
        with pytest.raises(ValidationError) as exc:
            cadre_save(cadre=appointed, acting_user=users.hr)
        assert errors(exc.value) == {"unit": [("unit_follows_appointment", FOLLOWS)]}
        assert Cadre.objects.get(pk=appointed.pk).unit == tree.a

    def test_without_a_primary_post_the_unit_is_set_directly(self, users, tree):
        cadre = CadreFactory(unit=tree.a)
        cadre.unit = tree.b
        assert cadre_save(cadre=cadre, acting_user=users.hr).unit == tree.b

    def test_after_the_primary_post_ended_the_unit_is_set_directly(self, users, tree, appointed):
        appointed.appointments.update(end_date=timezone.localdate())
        appointed.unit = tree.b
        assert cadre_save(cadre=appointed, acting_user=users.hr).unit == tree.b

    def test_other_edits_of_an_appointed_cadre_still_save(self, users, appointed):
        appointed.health = "良好"
        assert cadre_save(cadre=appointed, acting_user=users.hr).health == "良好"

    def test_the_api_refuses_it_with_the_code(self, api, users, tree, appointed):
        response = api(users.hr).patch(f"/api/v1/cadres/{appointed.pk}/", {"unit": tree.b.pk})
        assert response.status_code == 400
        assert response.json()["code"] == "unit_follows_appointment"
        assert response.json()["fields"]["unit"][0]["message"] == FOLLOWS

    def test_the_form_refuses_it_on_the_field(self, client, users, tree, appointed):
        client.force_login(users.hr)
        data = form_data(tree.b, name="向英", id_number=appointed.id_number, political_status="cpc_member")
        response = client.post(f"/cadres/{appointed.pk}/edit/", data)
        assert response.status_code == 200
        assert response.context["form"].errors["unit"] == [FOLLOWS]
        assert Cadre.objects.get(pk=appointed.pk).unit == tree.a

    def test_a_roster_row_moving_him_is_a_row_error(self, api, users, tree, appointed):
        data = xlsx(
            [row(姓名="向英", 身份证号=appointed.id_number, 出生年月="1975.06", 现任单位=tree.b.name)]
        )
        body = api(users.hr).post(ROSTER_IMPORT, {"file": _upload(data, "r.xlsx"), "dry_run": "false"}).json()
        assert [(e["row"], e["column"], e["code"], e["message"]) for e in body["errors"]] == [
            (2, "现任单位", "unit_follows_appointment", FOLLOWS)
        ]
        assert Cadre.objects.get(pk=appointed.pk).unit == tree.a

    def test_a_roster_row_naming_his_own_unit_is_fine(self, api, users, tree, appointed):
        data = xlsx(
            [row(姓名="向英", 身份证号=appointed.id_number, 出生年月="1975.06", 现任单位=tree.a.name)]
        )
        body = api(users.hr).post(ROSTER_IMPORT, {"file": _upload(data, "r.xlsx"), "dry_run": "true"}).json()
        assert body["errors"] == []

    def test_an_lrmx_import_never_moves_a_recorded_cadre(self, api, users, tree, appointed):
        data = api(users.hr).get(f"/api/v1/cadres/{appointed.pk}/lrmx/").content
        body = {"file": [_upload(data, "x.lrmx")], "dry_run": "false", "unit": tree.b.pk}
        response = api(users.hr).post(LRMX_IMPORT, body, format="multipart")
        assert response.status_code == 200, response.json()
        assert Cadre.objects.get(pk=appointed.pk).unit == tree.a


# ---------------------------------------------------------------- future-dated appointments


class TestFutureAppointmentTakesEffect:
    @pytest.fixture
    def transfer(self, tree, appointed):
        start = timezone.localdate() + datetime.timedelta(days=10)
        appointment_save(
            appointment=Appointment(
                cadre=appointed, post=PostFactory(unit=tree.b, title="院长"), start_date=start
            ),
            acting_user=system_actor(),
            close_previous_primary=True,
        )
        return appointed, start

    def test_not_before_its_start_date(self, tree, transfer):
        cadre, start = transfer
        assert Cadre.objects.get(pk=cadre.pk).unit == tree.a
        assert daily_review(on=start - datetime.timedelta(days=1))[UNITS_FOLLOWED] == 0
        assert Cadre.objects.get(pk=cadre.pk).unit == tree.a

    def test_on_its_start_date_once_as_the_system_actor(self, tree, transfer):
        cadre, start = transfer
        assert daily_review(on=start)[UNITS_FOLLOWED] == 1
        moved = Cadre.objects.get(pk=cadre.pk)
        assert moved.unit == tree.b
        assert moved.history.first().history_user == system_actor()
        assert moved.history.first().unit_id == tree.b.pk
        rows = moved.history.count()
        assert daily_review(on=start)[UNITS_FOLLOWED] == 0  # a second run moves no one
        assert moved.history.count() == rows

    def test_until_then_a_direct_move_is_refused_naming_the_current_post(self, users, tree, transfer):
        cadre, _start = transfer
        cadre = Cadre.objects.get(pk=cadre.pk)
        cadre.unit = tree.a1
        with pytest.raises(ValidationError) as exc:
            cadre_save(cadre=cadre, acting_user=users.hr)
        assert errors(exc.value) == {"unit": [("unit_follows_appointment", FOLLOWS)]}

    def test_an_ending_primary_post_moves_no_one(self, tree, appointed):
        appointed.appointments.update(end_date=timezone.localdate())
        assert daily_review(on=timezone.localdate())[UNITS_FOLLOWED] == 0
        assert Cadre.objects.get(pk=appointed.pk).unit == tree.a


# ---------------------------------------------------------------- other models


def test_history_save_turns_a_refused_row_into_its_field_error(users, tree):
    cadre = CadreFactory(unit=tree.a)
    AppraisalResult.objects.create(cadre=cadre, year=2024, grade="excellent")
    with pytest.raises(ValidationError) as exc:
        history_save(AppraisalResult(cadre=cadre, year=2024, grade="excellent"), acting_user=users.hr)
    assert errors(exc.value) == {"year": [("duplicate_year", "该干部本年度已有考核结果。")]}


def test_a_duplicate_unit_name_names_the_units_code(api, users, tree):
    body = {"code": "A9", "name": tree.a1.name, "kind": tree.a1.kind, "parent": tree.a.pk}
    response = api(users.hr).post("/api/v1/org-units/", body, format="json")
    assert response.status_code == 400
    assert response.json()["fields"] == {
        "name": [{"code": "duplicate_name", "message": "上级单位下已有同名单位（代码 A1）。"}]
    }
