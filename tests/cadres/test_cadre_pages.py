import datetime

from cadres.models import Cadre
from tests.factories import AppointmentFactory, CadreFactory, PostFactory

D = datetime.date


def test_roster_page_lists_and_searches(client, users, tree):
    CadreFactory(unit=tree.a, name="张伟")
    CadreFactory(unit=tree.b, name="李娜", gender="female", birth_date=D(1982, 3, 4))
    client.force_login(users.hr)
    html = client.get("/cadres/").content.decode()
    assert "张伟" in html and "李娜" in html
    html = client.get("/cadres/?q=zw", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="cadre-table").content.decode()
    assert "张伟" in html and "李娜" not in html
    assert "<html" not in html


def test_roster_page_respects_scope(client, users, tree):
    CadreFactory(unit=tree.b, name="李娜", gender="female", birth_date=D(1982, 3, 4))
    client.force_login(users.clerk)
    assert "李娜" not in client.get("/cadres/").content.decode()


def test_record_page_shows_derived_facts(client, users, tree):
    cadre = CadreFactory(unit=tree.a)
    AppointmentFactory(cadre=cadre, post=PostFactory(unit=tree.a, title="副院长"), start_date=D(2020, 1, 1))
    client.force_login(users.leader)
    html = client.get(f"/cadres/{cadre.pk}/").content.decode()
    assert "副院长" in html
    assert "法定退休" in html
    assert cadre.id_number not in html  # leaders see it masked


def test_record_pages_are_scoped(client, users, tree):
    other = CadreFactory(unit=tree.b)
    client.force_login(users.clerk)
    assert client.get(f"/cadres/{other.pk}/").status_code == 404
    assert client.get(f"/cadres/{other.pk}/edit/").status_code == 404


def test_create_with_family_through_the_form(client, users, tree):
    client.force_login(users.hr)
    data = {
        "unit": tree.a.pk,
        "name": "解放",
        "gender": "male",
        "birth_date": "1970-05-05",
        "ethnicity": "hui",
        "political_status": "cpc_member",
        "status": "serving",
        "health": "健康",
        "family-TOTAL_FORMS": "2",
        "family-INITIAL_FORMS": "0",
        "family-MIN_NUM_FORMS": "0",
        "family-MAX_NUM_FORMS": "1000",
        "family-0-relation": "spouse",
        "family-0-name": "王丽",
        "family-0-political_status": "群众",
    }
    response = client.post("/cadres/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    cadre = Cadre.objects.get(name="解放")
    assert cadre.name_initials == "xf"
    assert [m.name for m in cadre.family.all()] == ["王丽"]


def test_bad_id_number_is_shown_in_chinese(client, users, tree):
    client.force_login(users.hr)
    data = {
        "unit": tree.a.pk,
        "name": "解放",
        "gender": "male",
        "birth_date": "1970-05-05",
        "ethnicity": "han",
        "political_status": "masses",
        "status": "serving",
        "id_number": "12345",
        "family-TOTAL_FORMS": "0",
        "family-INITIAL_FORMS": "0",
        "family-MIN_NUM_FORMS": "0",
        "family-MAX_NUM_FORMS": "1000",
    }
    response = client.post("/cadres/new/", data)
    assert response.status_code == 200
    assert "身份证" in response.content.decode()
    assert not Cadre.objects.exists()


def test_appoint_and_remove_through_the_pages(client, users, tree):
    cadre = CadreFactory(unit=tree.a)
    post = PostFactory(unit=tree.a, title="院长")
    client.force_login(users.hr)
    response = client.post(
        f"/cadres/{cadre.pk}/appoint/",
        {"post": post.pk, "start_date": "2024-09-01", "kind": "appoint", "is_primary": "on"},
    )
    assert response.status_code == 302
    appointment = cadre.appointments.get()
    response = client.post(
        f"/appointments/{appointment.pk}/end/", {"end_date": "2025-09-01", "leave_reason": "调任"}
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.end_date == D(2025, 9, 1)


def test_structure_dashboard(client, users, tree, django_assert_max_num_queries):
    for i in range(10):
        cadre = CadreFactory(unit=tree.a, name=f"干部{i}", birth_date=D(1970 + i, 1, 1))
        AppointmentFactory(cadre=cadre, post=PostFactory(unit=tree.a), start_date=D(2020, 1, 1))
    client.force_login(users.leader)
    with django_assert_max_num_queries(25):
        response = client.get("/dashboard/structure/")
    assert response.status_code == 200
    assert "structure-data" in response.content.decode()
    assert response.context["structure"]["total"] == 10
    client.force_login(users.clerk)
    assert client.get("/dashboard/structure/").status_code == 403


def test_hr_enters_appraisal_grades_and_sanctions_on_the_record(client, users, tree):
    cadre = CadreFactory(unit=tree.a)
    client.force_login(users.hr)
    response = client.post(f"/cadres/{cadre.pk}/appraisal/", {"year": 2025, "grade": "basically_competent"})
    assert response.status_code == 302
    duplicate = client.post(f"/cadres/{cadre.pk}/appraisal/", {"year": 2025, "grade": "excellent"})
    assert duplicate.status_code == 200  # one grade per year: the form shows the error
    assert cadre.appraisal_results.get().grade == "basically_competent"
    response = client.post(
        f"/cadres/{cadre.pk}/sanction/",
        {"kind": "gov_demerit", "decision_date": "2026-01-31", "document_no": "x"},
    )
    assert response.status_code == 302
    assert cadre.sanctions.get().effect_end == D(2027, 1, 31)
    html = client.get(f"/cadres/{cadre.pk}/").content.decode()
    assert "基本称职" in html and "记过" in html


def test_clerks_and_leaders_cannot_enter_them(client, users, tree):
    cadre = CadreFactory(unit=tree.a)
    for user in (users.clerk, users.leader):
        client.force_login(user)
        assert client.get(f"/cadres/{cadre.pk}/sanction/").status_code == 403
        html = client.get(f"/cadres/{cadre.pk}/").content.decode()
        assert "处分" not in html
    client.force_login(users.clerk)
    assert client.get(f"/cadres/{cadre.pk}/appraisal/").status_code == 403


def test_record_entries_are_scoped(client, users, tree):
    other = CadreFactory(unit=tree.b)
    users.hr.scope_unit = tree.a
    users.hr.save()
    client.force_login(users.hr)
    assert (
        client.post(f"/cadres/{other.pk}/appraisal/", {"year": 2025, "grade": "excellent"}).status_code == 404
    )


def test_unit_filter_shows_the_top_levels_but_accepts_any_unit_in_scope(client, users, tree, settings):
    from cadres import filters
    from tests.factories import OrgUnitFactory

    deep = OrgUnitFactory(parent=tree.a1, name="深层科室")
    deeper = OrgUnitFactory(parent=deep, name="更深一级")
    CadreFactory(unit=deeper, name="深处干部")
    client.force_login(users.hr)
    html = client.get("/cadres/").content.decode()
    assert "深层科室" not in html  # root + 3 levels are listed, not the 4th
    html = client.get(f"/cadres/?unit={deeper.pk}").content.decode()
    assert "深处干部" in html and "更深一级" in html  # the selected unit is added to the list
    assert filters.unit_choices(filters.OrgUnit.objects.none()) == []
