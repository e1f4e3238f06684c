import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from cadres.models import Cadre
from tests.factories import AppointmentFactory, CadreFactory, PostFactory, level

D = datetime.date


def valid_body(unit, **overrides):
    body = {
        "unit": unit.pk,
        "name": "曾国华",
        "gender": "male",
        "birth_date": "1968-03-10",
        "id_number": "",
        "ethnicity": "han",
        "political_status": "cpc_member",
        "party_join_date": "1990-07-01",
        "work_start_date": "1990-07-01",
        "education": "bachelor",
    }
    return body | overrides


def test_create_computes_retirement_date_and_age(api, users, tree):
    response = api(users.hr).post("/api/v1/cadres/", valid_body(tree.a), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    # A man born 1968-03 (38 months after 1965-01) retires at 60 years + 38//4+1 = 10 months.
    assert body["retirement_date"] == "2029-01-10"
    assert isinstance(body["age"], int)
    assert Cadre.objects.get(pk=body["id"]).name_initials == "zgh"


def test_read_only_fields_are_ignored(api, users, tree):
    body = valid_body(tree.a, retirement_date="2099-01-01", age=5)
    created = api(users.hr).post("/api/v1/cadres/", body, format="json").json()
    assert created["retirement_date"] != "2099-01-01"


def test_bad_id_number_names_the_field(api, users, tree):
    response = api(users.hr).post(
        "/api/v1/cadres/", valid_body(tree.a, id_number="110101196803101234"), format="json"
    )
    assert response.status_code == 400
    assert "id_number" in response.json()["fields"]
    assert response.json()["code"].startswith("id_")
    assert not Cadre.objects.exists()


def test_fifteen_digit_id_numbers_are_refused(api, users, tree):
    response = api(users.hr).post(
        "/api/v1/cadres/", valid_body(tree.a, id_number="110101680310123"), format="json"
    )
    assert response.status_code == 400
    assert response.json()["fields"]["id_number"][0]["code"] == "id_format"


def test_missing_required_fields(api, users, tree):
    response = api(users.hr).post("/api/v1/cadres/", {"unit": tree.a.pk}, format="json")
    assert response.status_code == 400
    assert {"name", "gender", "birth_date"} <= set(response.json()["fields"])


def test_id_number_is_masked_for_clerks_and_leaders(api, users, tree):
    cadre = CadreFactory(unit=tree.a)
    full = api(users.hr).get(f"/api/v1/cadres/{cadre.pk}/").json()["id_number"]
    assert full == cadre.id_number
    for role in ("clerk", "leader"):
        masked = api(getattr(users, role)).get(f"/api/v1/cadres/{cadre.pk}/").json()["id_number"]
        assert masked == cadre.id_number[:2] + "*" * 16


def test_clerk_sending_back_the_masked_number_keeps_it(api, users, tree):
    cadre = CadreFactory(unit=tree.a)
    client = api(users.clerk)
    data = client.get(f"/api/v1/cadres/{cadre.pk}/").json()
    response = client.patch(
        f"/api/v1/cadres/{cadre.pk}/", {"id_number": data["id_number"], "health": "良好"}, format="json"
    )
    assert response.status_code == 200, response.json()
    cadre.refresh_from_db()
    assert "*" not in cadre.id_number


def test_scope_hides_other_units_cadres(api, users, tree):
    mine = CadreFactory(unit=tree.a1)
    theirs = CadreFactory(unit=tree.b, name="王芳", gender="female")
    client = api(users.clerk)
    assert [c["id"] for c in client.get("/api/v1/cadres/").json()["results"]] == [mine.pk]
    assert client.get(f"/api/v1/cadres/{theirs.pk}/").status_code == 404
    assert client.patch(f"/api/v1/cadres/{theirs.pk}/", {"health": "x"}, format="json").status_code == 404
    response = client.post("/api/v1/cadres/", valid_body(tree.b), format="json")
    assert response.status_code == 400
    assert response.json()["fields"]["unit"][0]["code"] == "does_not_exist"


def test_leader_reads_but_cannot_write(api, users, tree):
    assert api(users.leader).get("/api/v1/cadres/").status_code == 200
    assert api(users.leader).post("/api/v1/cadres/", valid_body(tree.a), format="json").status_code == 403


def test_family_members_are_replaced(api, users, tree):
    body = valid_body(tree.a, family=[{"relation": "spouse", "name": "李梅", "political_status": "群众"}])
    created = api(users.hr).post("/api/v1/cadres/", body, format="json").json()
    assert [m["name"] for m in created["family"]] == ["李梅"]
    response = api(users.hr).patch(
        f"/api/v1/cadres/{created['id']}/", {"family": [{"relation": "son", "name": "曾小明"}]}, format="json"
    )
    assert [m["name"] for m in response.json()["family"]] == ["曾小明"]


class TestSearch:
    @pytest.fixture
    def people(self, tree):
        zhang = CadreFactory(unit=tree.a, name="张伟")
        zeng = CadreFactory(unit=tree.b, name="曾志强")
        shan = CadreFactory(unit=tree.b, name="单雄", gender="female", birth_date=D(1985, 1, 2))
        AppointmentFactory(
            cadre=zeng,
            post=PostFactory(unit=tree.b, title="党总支书记", level=level("middle_principal")),
            start_date=D(2020, 1, 1),
        )
        return {"zhang": zhang, "zeng": zeng, "shan": shan}

    def search(self, api, users, **params):
        return {c["name"] for c in api(users.hr).get("/api/v1/cadres/", params).json()["results"]}

    @pytest.mark.parametrize(
        ("q", "names"),
        [
            ("张", {"张伟"}),
            ("zw", {"张伟"}),
            ("zhangwei", {"张伟"}),
            ("zzq", {"曾志强"}),
            ("zeng", {"曾志强"}),
            ("sx", {"单雄"}),
            ("机电", {"曾志强", "单雄"}),
            ("党总支书记", {"曾志强"}),
            ("ZW", {"张伟"}),
        ],
    )
    def test_one_box(self, api, users, people, q, names):
        assert self.search(api, users, q=q) == names

    def test_filters(self, api, users, people, tree):
        assert self.search(api, users, gender="female") == {"单雄"}
        assert self.search(api, users, unit=tree.b.pk) == {"曾志强", "单雄"}
        assert self.search(api, users, level=level("middle_principal").pk) == {"曾志强"}
        assert self.search(api, users, age_max=41) == {"单雄"}

    def test_age_range_boundary(self, api, users, tree):
        forty_today = timezone.localdate() - relativedelta(years=40)
        CadreFactory(unit=tree.a, name="甲", birth_date=forty_today)
        CadreFactory(unit=tree.a, name="乙", birth_date=forty_today + datetime.timedelta(days=1))  # still 39
        assert self.search(api, users, age_min=40) == {"甲"}
        assert self.search(api, users, age_max=39) == {"乙"}

    def test_retiring_within(self, api, users, tree):
        today = timezone.localdate()
        soon = CadreFactory(unit=tree.a, name="快退", birth_date=today - relativedelta(years=60, months=3))
        CadreFactory(unit=tree.a, name="还早", birth_date=D(1990, 1, 1))
        assert soon.retirement_date <= today + relativedelta(months=24)
        assert self.search(api, users, retiring_within=24) == {"快退"}


def test_list_query_count_is_constant(api, users, tree, django_assert_max_num_queries):
    for i in range(25):
        cadre = CadreFactory(unit=tree.a, name=f"测试{i}")
        AppointmentFactory(cadre=cadre, post=PostFactory(unit=tree.a), start_date=D(2020, 1, 1))
    client = api(users.hr)
    with django_assert_max_num_queries(10):
        response = client.get("/api/v1/cadres/?q=ce")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 25
