"""The record date checks through the service, the HTML form and the API: impossible dates are
field errors, implausible ones need a confirmation, and a confirmed record is not asked again."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cadres.models import Cadre, FamilyMember
from cadres.services.cadre import cadre_save, cadre_validate, family_replace
from cadres.services.record_dates import ConfirmationRequired
from tests.cadres.test_cadre_api import valid_body
from tests.factories import CadreFactory

D = datetime.date


def tomorrow() -> D:
    return timezone.localdate() + datetime.timedelta(days=1)


def new_cadre(unit, **values) -> Cadre:
    fields = {"unit": unit, "name": "曾国华", "gender": "male", "birth_date": D(1975, 6, 15)} | values
    return Cadre(**fields)


def codes(exc: ValidationError) -> dict[str, list[str]]:
    return {name: [e.code for e in errors] for name, errors in exc.error_dict.items()}


# ---------------------------------------------------------------- the service


@pytest.mark.parametrize("field", ["birth_date", "work_start_date", "party_join_date"])
def test_a_date_after_today_is_refused_on_its_field(users, tree, field):
    with pytest.raises(ValidationError) as caught:
        cadre_save(cadre=new_cadre(tree.a, **{field: tomorrow()}), acting_user=users.hr, confirm=True)
    assert codes(caught.value)[field] == ["date_in_future"]
    assert not Cadre.objects.exists()


def test_today_is_saved(users, tree):
    cadre = cadre_save(cadre=new_cadre(tree.a, work_start_date=timezone.localdate()), acting_user=users.hr)
    assert cadre.pk


@pytest.mark.parametrize("value", [D(1975, 6, 15), D(1970, 1, 1)])
def test_before_birth_is_a_field_error_not_a_constraint_name(users, tree, value):
    with pytest.raises(ValidationError) as caught:
        cadre_save(cadre=new_cadre(tree.a, party_join_date=value), acting_user=users.hr, confirm=True)
    assert codes(caught.value) == {"party_join_date": ["before_birth"]}


def test_impossible_dates_come_with_the_other_field_errors(users, tree):
    cadre = new_cadre(tree.a, name="", work_start_date=tomorrow())
    with pytest.raises(ValidationError) as caught:
        cadre_save(cadre=cadre, acting_user=users.hr)
    assert {"name", "work_start_date"} <= set(codes(caught.value))


def test_an_implausible_date_needs_a_confirmation(users, tree):
    cadre = new_cadre(tree.a, work_start_date=D(1989, 9, 1))
    with pytest.raises(ConfirmationRequired) as caught:
        cadre_save(cadre=cadre, acting_user=users.hr)
    assert [w.as_dict()["code"] for w in caught.value.warnings] == ["work_start_young"]
    assert codes(caught.value) == {
        "__all__": ["confirmation_required"],
        "work_start_date": ["work_start_young"],
    }
    assert not Cadre.objects.exists()
    saved = cadre_save(
        cadre=new_cadre(tree.a, work_start_date=D(1989, 9, 1)), acting_user=users.hr, confirm=True
    )
    assert saved.work_start_date == D(1989, 9, 1)


def test_confirm_does_not_pass_an_impossible_date(users, tree):
    with pytest.raises(ValidationError) as caught:
        cadre_save(
            cadre=new_cadre(tree.a, work_start_date=D(1989, 9, 1), party_join_date=tomorrow()),
            acting_user=users.hr,
            confirm=True,
        )
    assert codes(caught.value) == {"party_join_date": ["date_in_future"]}


def test_a_confirmed_record_is_not_asked_again(users, tree):
    cadre = cadre_save(
        cadre=new_cadre(tree.a, party_join_date=D(1990, 1, 1)), acting_user=users.hr, confirm=True
    )
    cadre.native_place = "湖南长沙"
    cadre_save(cadre=cadre, acting_user=users.hr)  # the same implausible date, already on record
    cadre.party_join_date = D(1991, 1, 1)  # another implausible value: asked again
    with pytest.raises(ConfirmationRequired):
        cadre_save(cadre=cadre, acting_user=users.hr)


def test_a_new_birth_date_that_makes_a_recorded_date_implausible_is_asked(users, tree):
    cadre = CadreFactory(unit=tree.a, id_number="")
    cadre.birth_date = D(1984, 1, 1)  # party entry 1996-06 is now at 12
    with pytest.raises(ConfirmationRequired) as caught:
        cadre_save(cadre=cadre, acting_user=users.hr)
    assert {w.field for w in caught.value.warnings} == {"party_join_date", "work_start_date"}


def test_family_births_are_checked_with_the_record(users, tree):
    family = [{"relation": "son", "name": "曾小华", "birth_date": D(1985, 1, 1)}]
    with pytest.raises(ConfirmationRequired) as caught:
        cadre_save(cadre=new_cadre(tree.a), acting_user=users.hr, family=family)
    assert [(w.field, w.code) for w in caught.value.warnings] == [
        ("family.0.birth_date", "family_birth_implausible")
    ]
    cadre = cadre_save(cadre=new_cadre(tree.a), acting_user=users.hr, family=family, confirm=True)
    assert cadre.family.get().birth_date == D(1985, 1, 1)


def test_a_family_birth_after_today_is_refused(users, tree):
    family = [{"relation": "son", "name": "曾小华", "birth_date": D(2035, 1, 1)}]
    with pytest.raises(ValidationError) as caught:
        cadre_save(cadre=new_cadre(tree.a), acting_user=users.hr, family=family, confirm=True)
    assert codes(caught.value) == {"family.0.birth_date": ["date_in_future"]}


def test_family_replace_checks_alone(users, tree):
    cadre = CadreFactory(unit=tree.a)
    members = [{"relation": "father", "name": "张大山", "birth_date": D(1970, 1, 1)}]
    with pytest.raises(ConfirmationRequired):
        family_replace(cadre=cadre, members=members, acting_user=users.hr)
    family_replace(cadre=cadre, members=members, acting_user=users.hr, confirm=True)
    family_replace(cadre=cadre, members=members, acting_user=users.hr)  # on record already
    assert FamilyMember.objects.filter(cadre=cadre).count() == 1
    with pytest.raises(ValidationError) as caught:
        family_replace(cadre=cadre, members=[members[0] | {"birth_date": tomorrow()}], acting_user=users.hr)
    assert codes(caught.value) == {"family.0.birth_date": ["date_in_future"]}


def test_cadre_validate_returns_the_confirmed_warnings(tree):
    warnings = cadre_validate(
        new_cadre(tree.a, work_start_date=D(1989, 9, 1)), acting_user=None, confirm=True
    )
    assert [w.code for w in warnings] == ["work_start_young"]
    assert cadre_validate(new_cadre(tree.a), acting_user=None) == []


def test_factory_dates_follow_the_birth_date(tree):
    cadre = CadreFactory(unit=tree.a, birth_date=D(1990, 3, 1))
    assert (cadre.work_start_date, cadre.party_join_date) == (D(2012, 7, 1), D(2011, 6, 1))


# ---------------------------------------------------------------- the HTML form


def form_data(unit, **values):
    """The API's body as the form posts it, without the party and work dates, one family form."""
    record = valid_body(unit, name="解放", birth_date="1975-06-15", party_join_date="", work_start_date="")
    formset = {"family-TOTAL_FORMS": "1", "family-INITIAL_FORMS": "0"}
    return record | {"status": "serving", "health": "健康"} | formset | values


def test_form_shows_the_warnings_and_saves_when_confirmed(client, users, tree):
    client.force_login(users.hr)
    data = form_data(
        tree.a,
        work_start_date="1989-09-01",
        **{"family-0-relation": "son", "family-0-name": "解小放", "family-0-birth_date": "1985-01-01"},
    )
    response = client.post("/cadres/new/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "参加工作时未满 16 周岁（14 岁）" in html
    assert "解小放出生时干部未满 16 周岁（9 岁）" in html
    assert "我已核对，确认保存" in html
    assert not Cadre.objects.exists()
    response = client.post("/cadres/new/", data | {"confirm_dates": "on"})
    assert response.status_code == 302
    cadre = Cadre.objects.get(name="解放")
    assert cadre.work_start_date == D(1989, 9, 1)
    assert cadre.family.get().birth_date == D(1985, 1, 1)


def test_form_refuses_a_future_date_even_when_confirmed(client, users, tree):
    client.force_login(users.hr)
    data = form_data(tree.a, birth_date=tomorrow().isoformat(), confirm_dates="on")
    response = client.post("/cadres/new/", data)
    assert response.status_code == 200
    assert "该日期晚于今天" in response.content.decode()
    assert "我已核对，确认保存" not in response.content.decode()
    assert not Cadre.objects.exists()


def test_form_shows_a_before_birth_date_on_its_field(client, users, tree):
    client.force_login(users.hr)
    response = client.post("/cadres/new/", form_data(tree.a, party_join_date="1970-01-01"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "该日期不晚于出生日期（1975-06-15）" in html
    assert "cadre_party_join_after_birth" not in html


def test_editing_keeps_unchanged_family_members(client, users, tree):
    relative = CadreFactory(unit=tree.a, name="王丽", gender="female", birth_date=D(1976, 1, 1))
    cadre = CadreFactory(
        unit=tree.a,
        family=[
            {"relation": "spouse", "name": "王丽", "birth_date": D(1976, 1, 1), "relative_cadre": relative}
        ],
    )
    member = cadre.family.get()
    client.force_login(users.hr)
    page = client.get(f"/cadres/{cadre.pk}/edit/")
    assert page.status_code == 200
    data = form_data(
        tree.a,
        name=cadre.name,
        id_number=cadre.id_number,
        work_start_date="1997-07-01",
        party_join_date="1996-06-01",
        education="master",
        retirement_category=cadre.retirement_category,
        **{
            "family-TOTAL_FORMS": "1",
            "family-INITIAL_FORMS": "1",
            "family-0-id": str(member.pk),
            "family-0-cadre": str(cadre.pk),
            "family-0-relation": "spouse",
            "family-0-name": "王丽",
            "family-0-birth_date": "1976-01-01",
        },
    )
    response = client.post(f"/cadres/{cadre.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert [(m.name, m.relative_cadre) for m in cadre.family.all()] == [("王丽", relative)]


# ---------------------------------------------------------------- the API


def api_body(unit, **overrides):
    dates = {"birth_date": "1975-06-15", "party_join_date": "1996-06-01", "work_start_date": "1997-07-01"}
    return valid_body(unit, **(dates | overrides))


def test_api_asks_for_confirmation_then_saves(api, users, tree):
    client = api(users.hr)
    body = api_body(tree.a, party_join_date="1990-01-01")
    response = client.post("/api/v1/cadres/", body, format="json")
    assert response.status_code == 400
    error = response.json()
    assert error["code"] == "confirmation_required"
    assert error["warnings"] == [
        {"field": "party_join_date", "code": "party_entry_young", "message": error["warnings"][0]["message"]}
    ]
    assert error["fields"]["party_join_date"][0]["code"] == "party_entry_young"
    assert "14" in error["warnings"][0]["message"]
    assert not Cadre.objects.exists()
    response = client.post("/api/v1/cadres/", body | {"confirm": True}, format="json")
    assert response.status_code == 201, response.json()
    assert "confirm" not in response.json()


def test_api_update_and_family_need_confirmation(api, users, tree):
    cadre = CadreFactory(unit=tree.a)
    client = api(users.hr)
    family = [{"relation": "spouse", "name": "李梅", "birth_date": "1940-01-01"}]
    response = client.patch(f"/api/v1/cadres/{cadre.pk}/", {"family": family}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "confirmation_required"
    assert response.json()["warnings"][0]["field"] == "family.0.birth_date"
    response = client.patch(f"/api/v1/cadres/{cadre.pk}/", {"family": family, "confirm": True}, format="json")
    assert response.status_code == 200, response.json()
    assert cadre.family.get().name == "李梅"


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"birth_date": "2099-01-01"}, "birth_date", "date_in_future"),
        ({"work_start_date": "1970-01-01"}, "work_start_date", "before_birth"),
        (
            {"family": [{"relation": "son", "name": "甲", "birth_date": "2099-01-01"}]},
            "family.0.birth_date",
            "date_in_future",
        ),
    ],
)
def test_api_impossible_dates_are_field_errors_even_confirmed(api, users, tree, body, field, code):
    response = api(users.hr).post("/api/v1/cadres/", api_body(tree.a, **body, confirm=True), format="json")
    assert response.status_code == 400
    assert response.json()["fields"][field][0]["code"] == code


@pytest.mark.parametrize("confirm", ["yes please", 3, [True], None])
def test_api_bad_confirm_is_a_field_error(api, users, tree, confirm):
    response = api(users.hr).post("/api/v1/cadres/", api_body(tree.a, confirm=confirm), format="json")
    assert response.status_code == 400
    assert "confirm" in response.json()["fields"]


def test_api_schema_documents_confirm_and_the_error(api, users):
    schema = api(users.admin).get("/api/schema/?format=json")
    if schema.status_code == 404:
        pytest.skip("no schema endpoint")
    text = schema.content.decode()
    assert "confirmation_required" in text
    assert '"confirm"' in text


# ---------------------------------------------------------------- admin


def admin_data(unit, **values):
    inlines = {"family-TOTAL_FORMS": "0", "appointments-TOTAL_FORMS": "0", "appointments-INITIAL_FORMS": "0"}
    return form_data(unit, retirement_category="male", **inlines) | values


def test_admin_shows_date_errors_and_confirms_implausible_ones(client, users, tree):
    client.force_login(users.admin)
    response = client.post(
        "/admin/cadres/cadre/add/", admin_data(tree.a, work_start_date=tomorrow().isoformat())
    )
    assert response.status_code == 200
    assert "该日期晚于今天" in response.content.decode()
    response = client.post("/admin/cadres/cadre/add/", admin_data(tree.a, work_start_date="1989-09-01"))
    assert response.status_code == 200
    assert "参加工作时未满 16 周岁（14 岁）" in response.content.decode()
    assert not Cadre.objects.exists()
    data = admin_data(tree.a, work_start_date="1989-09-01", confirm_dates="on")
    response = client.post("/admin/cadres/cadre/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Cadre.objects.get().work_start_date == D(1989, 9, 1)


def test_admin_family_inline_checks_birth_dates(client, users, tree):
    client.force_login(users.admin)
    member = {"family-TOTAL_FORMS": "1", "family-0-relation": "son", "family-0-name": "解小放"}
    data = admin_data(tree.a, **member, **{"family-0-birth_date": "1985-01-01"})
    response = client.post("/admin/cadres/cadre/add/", data)
    assert response.status_code == 200
    assert "解小放出生时干部未满 16 周岁（9 岁）" in response.content.decode()
    future = admin_data(
        tree.a, **member, **{"family-0-birth_date": tomorrow().isoformat()}, confirm_dates="on"
    )
    assert client.post("/admin/cadres/cadre/add/", future).status_code == 200
    assert not Cadre.objects.exists()
    response = client.post("/admin/cadres/cadre/add/", data | {"confirm_dates": "on"})
    assert response.status_code == 302
    assert Cadre.objects.get().family.get().birth_date == D(1985, 1, 1)
