"""The training API: status codes, stable error codes, scope, role checks, constant queries."""

import datetime
from decimal import Decimal

import pytest

from core.actors import system_actor
from core.roles import CLERK
from tests.factories import AppointmentFactory, CadreFactory, PostFactory, UserFactory, level
from tests.training.factories import ParticipantFactory, StudySessionFactory, TrainingProgrammeFactory
from training.models import RuleDocument, StudySession, TrainingProgramme
from training.services import rule_document_save

D = datetime.date
pytestmark = pytest.mark.django_db


def session_body(unit, cadres=(), **kwargs):
    return {
        "kind": "unit_monthly",
        "date": "2026-03-12",
        "unit": unit.pk,
        "topic": "学习党的二十届四中全会精神",
        "hours": "2",
        "attendees": [{"cadre": c.pk, "attendance": "present"} for c in cadres],
    } | kwargs


def test_create_a_session_with_attendees_and_read_it_back(api, users, tree):
    cadre = CadreFactory(unit=tree.a)
    response = api(users.clerk).post(
        "/api/v1/study-sessions/", session_body(tree.a, [cadre], leader=cadre.pk), format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["attendees"] == [{"cadre": cadre.pk, "cadre_name": cadre.name, "attendance": "present"}]
    assert body["unit_name"] == tree.a.name
    assert StudySession.objects.get().leader == cadre


def test_a_clerk_can_neither_read_nor_write_another_units_sessions(api, users, tree):
    b_session = StudySessionFactory(unit=tree.b)
    stranger = CadreFactory(unit=tree.b)
    client = api(users.clerk)
    assert client.get(f"/api/v1/study-sessions/{b_session.pk}/").status_code == 404
    assert client.get("/api/v1/study-sessions/").json()["count"] == 0
    response = client.post("/api/v1/study-sessions/", session_body(tree.b), format="json")
    assert response.status_code == 400 and response.json()["fields"]["unit"][0]["code"] == "does_not_exist"
    response = client.post("/api/v1/study-sessions/", session_body(tree.a, [stranger]), format="json")
    assert response.status_code == 400 and "attendees.0.cadre" in response.json()["fields"]
    assert (
        client.patch(f"/api/v1/study-sessions/{b_session.pk}/", {"topic": "改"}, format="json").status_code
        == 404
    )


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"kind": "picnic"}, "kind", "invalid_choice"),
        ({"date": "2026-02-30"}, "date", "invalid"),
        ({"date": "1800-01-01"}, "date", "out_of_range"),
        ({"hours": "-1"}, "hours", "min_value"),
        ({"hours": "99999999"}, "hours", "max_digits"),
        ({"attendees": [{"cadre": 0, "attendance": "present"}]}, "attendees.0.cadre", "does_not_exist"),
    ],
)
def test_bad_input_is_a_field_error(api, users, tree, changes, field, code):
    response = api(users.hr).post("/api/v1/study-sessions/", session_body(tree.a, **changes), format="json")
    assert response.status_code == 400
    assert response.json()["fields"][field][0]["code"] == code


def test_a_leader_reads_but_does_not_write(api, users, tree):
    StudySessionFactory(unit=tree.a)
    assert api(users.leader).get("/api/v1/study-sessions/").status_code == 200
    assert (
        api(users.leader).post("/api/v1/study-sessions/", session_body(tree.a), format="json").status_code
        == 403
    )
    assert api(users.discipline).get("/api/v1/study-sessions/").status_code == 403


def test_the_missing_list(api, users, tree):
    StudySessionFactory(unit=tree.a, date=D(2026, 3, 31))
    response = api(users.hr).get("/api/v1/study-sessions/missing/?month=2026-03")
    assert response.status_code == 200
    assert response.json() == [{"unit": tree.b.pk, "unit_name": tree.b.name}]
    assert api(users.clerk).get("/api/v1/study-sessions/missing/?month=2026-04").json() == [
        {"unit": tree.a.pk, "unit_name": tree.a.name}
    ]


@pytest.mark.parametrize("month", ["2026-13", "2026-3", "march", "1800-01"])
def test_a_bad_month_is_a_400_naming_it(api, users, month):
    response = api(users.hr).get(f"/api/v1/study-sessions/missing/?month={month}")
    assert response.status_code == 400 and "month" in response.json()["fields"]


def test_the_session_list_takes_a_constant_number_of_queries(api, users, tree, django_assert_max_num_queries):
    cadres = [CadreFactory(unit=tree.a, name=f"干部{i}") for i in range(6)]
    for day in range(1, 8):
        StudySessionFactory(unit=tree.a, date=D(2026, 3, day), attendees=cadres)
    client = api(users.hr)
    # The first request of a user fills the permission cache (core.authcache); count a later one.
    client.get("/api/v1/study-sessions/")
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/study-sessions/")
    assert response.json()["count"] == 7 and len(response.json()["results"][0]["attendees"]) == 6


# --- programmes -----------------------------------------------------------------------------

PROGRAMME = {
    "title": "支部书记培训班",
    "kind": "branch_secretary",
    "organiser": "internal",
    "institution": "示范学院党校",
    "recognised": True,
    "start_date": "2026-04-01",
    "end_date": "2026-04-05",
    "hours": "40",
}


def test_hr_creates_programmes_and_a_clerk_only_reports_online_and_external_training(api, users, tree):
    clerk = api(users.clerk)
    refused = clerk.post("/api/v1/training-programmes/", PROGRAMME, format="json")  # internal, branch
    assert refused.status_code == 400 and refused.json()["code"] == "not_permitted"
    response = api(users.hr).post("/api/v1/training-programmes/", PROGRAMME, format="json")
    assert response.status_code == 201 and response.json()["recognised"] is True
    assert response.json()["reporting_unit"] is None  # HR's catalogue
    bad = api(users.hr).post(
        "/api/v1/training-programmes/", PROGRAMME | {"end_date": "2026-03-01"}, format="json"
    )
    assert bad.status_code == 400 and bad.json()["code"] == "programme_ends_after_start"
    online = PROGRAMME | {"title": "网络学院专题", "kind": "online", "recognised": False}
    reported = clerk.post("/api/v1/training-programmes/", online, format="json")
    assert reported.status_code == 201 and reported.json()["reporting_unit"] == tree.a.pk  # the clerk's unit
    external = PROGRAMME | {"title": "外出培训", "kind": "other", "organiser": "external"}
    assert clerk.post("/api/v1/training-programmes/", external, format="json").status_code == 201
    assert api(users.leader).post("/api/v1/training-programmes/", online, format="json").status_code == 403


def test_a_clerks_programmes_stay_in_the_units_scope(api, users, tree):
    other_clerk = UserFactory(username="clerk_b", role=CLERK, scope_unit=tree.b)
    online = PROGRAMME | {"title": "网络学院专题", "kind": "online"}
    clerk = api(users.clerk)
    elsewhere = clerk.post(
        "/api/v1/training-programmes/", online | {"reporting_unit": tree.b.pk}, format="json"
    )
    assert elsewhere.status_code == 400 and elsewhere.json()["fields"].keys() == {"reporting_unit"}
    mine = clerk.post("/api/v1/training-programmes/", online, format="json").json()["id"]
    catalogue = TrainingProgrammeFactory(title="党校班")
    assert {p["id"] for p in clerk.get("/api/v1/training-programmes/").json()["results"]} == {
        mine,
        catalogue.pk,
    }
    theirs = api(other_clerk)
    assert {p["id"] for p in theirs.get("/api/v1/training-programmes/").json()["results"]} == {catalogue.pk}
    assert theirs.get(f"/api/v1/training-programmes/{mine}/").status_code == 404
    assert (
        theirs.patch(f"/api/v1/training-programmes/{mine}/", {"hours": "1"}, format="json").status_code == 404
    )
    assert theirs.get(f"/api/v1/training-programmes/{mine}/participants/").status_code == 404
    assert {p["id"] for p in api(users.hr).get("/api/v1/training-programmes/").json()["results"]} == {
        mine,
        catalogue.pk,
    }
    changed = clerk.patch(f"/api/v1/training-programmes/{catalogue.pk}/", {"hours": "1"}, format="json")
    assert changed.status_code == 400 and changed.json()["code"] == "not_permitted"  # HR's catalogue
    assert (
        clerk.patch(f"/api/v1/training-programmes/{mine}/", {"hours": "12"}, format="json").status_code == 200
    )


def test_participants_are_scoped_and_a_clerks_report_waits_for_confirmation(api, users, tree):
    programme = TrainingProgrammeFactory()
    mine, stranger = CadreFactory(unit=tree.a), CadreFactory(unit=tree.b, name="钱七")
    ParticipantFactory(programme=programme, cadre=stranger)
    url = f"/api/v1/training-programmes/{programme.pk}/participants/"
    clerk = api(users.clerk)
    response = clerk.post(url, {"cadre": mine.pk, "completed": True}, format="json")
    assert response.status_code == 201 and response.json()["confirmed"] is False
    assert clerk.post(url, {"cadre": stranger.pk, "completed": True}, format="json").status_code == 400
    assert [p["cadre"] for p in clerk.get(url).json()["results"]] == [mine.pk]
    assert len(api(users.hr).get(url).json()["results"]) == 2
    again = api(users.hr).post(url, {"cadre": mine.pk, "completed": True}, format="json")
    assert again.status_code == 400 and again.json()["code"] == "duplicate_participant"
    assert api(users.leader).post(url, {"cadre": mine.pk}, format="json").status_code == 403


# --- the hours ledger -----------------------------------------------------------------------


def test_training_hours_of_a_section_and_a_middle_level_cadre(api, users, tree):
    section = CadreFactory(unit=tree.a)
    AppointmentFactory(
        cadre=section, post=PostFactory(unit=tree.a, level=level("section")), start_date=D(2019, 1, 1)
    )
    middle = CadreFactory(unit=tree.a, name="王芳")
    AppointmentFactory(
        cadre=middle, post=PostFactory(unit=tree.a, level=level("middle_deputy")), start_date=D(2018, 1, 1)
    )
    for cadre in (section, middle):
        ParticipantFactory(
            cadre=cadre, programme=TrainingProgrammeFactory(hours=Decimal(90), end_date=D(2026, 3, 10))
        )
    client = api(users.hr)
    body = client.get(f"/api/v1/cadres/{section.pk}/training-hours/?on=2026-12-31").json()
    assert (body["year"], body["year_hours"], body["year_required"], body["year_compliant"]) == (
        2026,
        "90.0",
        "90.0",
        True,
    )
    assert (body["five_year_hours"], body["five_year_required"], body["five_year_compliant"]) == (
        None,
        None,
        None,
    )
    assert body["sources"] == [{"source": "capability", "hours": "90.0"}]
    body = client.get(f"/api/v1/cadres/{middle.pk}/training-hours/?on=2026-03-09").json()
    assert (body["year_hours"], body["five_year_hours"], body["five_year_compliant"]) == (None, "0.0", False)
    assert client.get(f"/api/v1/cadres/{section.pk}/training-hours/?on=2026-02-30").status_code == 400
    assert (
        api(users.clerk).get(f"/api/v1/cadres/{CadreFactory(unit=tree.b).pk}/training-hours/").status_code
        == 404
    )


# --- secondments and the rule library -------------------------------------------------------


def test_secondments_api_keeps_to_scope(api, users, tree):
    body = {
        "cadre": CadreFactory(unit=tree.b).pk,
        "direction": "outgoing",
        "host_organisation": "某县人民政府",
        "host_post": "副县长",
        "planned_start": "2026-03-01",
        "planned_end": "2028-02-28",
    }
    assert api(users.hr).post("/api/v1/secondments/", body, format="json").status_code == 201
    assert api(users.clerk).get("/api/v1/secondments/").status_code == 200
    assert api(users.clerk).get("/api/v1/secondments/").json()["count"] == 0
    bad = api(users.hr).post("/api/v1/secondments/", body | {"planned_end": "2025-01-01"}, format="json")
    assert bad.status_code == 400 and bad.json()["code"] == "secondment_planned_order"


def test_rule_documents_full_text_search(api, users):
    for title, body in [("党委理论学习中心组学习规则", "第一议题制度"), ("干部教育培训工作条例", "脱产培训")]:
        doc = RuleDocument(
            part="organisation", title=title, body=body, issuing_body="中共中央", effective_date=D(2023, 5, 1)
        )
        rule_document_save(document=doc, acting_user=system_actor())
    client = api(users.clerk)
    assert [d["title"] for d in client.get("/api/v1/rule-documents/?q=第一议题").json()["results"]] == [
        "党委理论学习中心组学习规则"
    ]
    assert [d["title"] for d in client.get("/api/v1/rule-documents/?q=脱产").json()["results"]] == [
        "干部教育培训工作条例"
    ]
    assert client.get("/api/v1/rule-documents/?q=不存在的词").json()["count"] == 0
    assert client.get("/api/v1/rule-documents/").json()["count"] == 2
    assert client.post("/api/v1/rule-documents/", {}, format="json").status_code == 403


PAGES = [
    "/training/sessions/",
    "/training/missing/",
    "/training/dashboard/",
    "/training/behind/",
    "/training/programmes/",
    "/training/secondments/",
    "/training/rules/?q=干部",
]


def _page_queries(client) -> dict[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for url in PAGES:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[url] = len(queries)
    return counts


def _add_people(tree, n, start):
    for i in range(start, start + n):
        cadre = CadreFactory(unit=tree.a if i % 2 else tree.b, name=f"干部{i}")
        StudySessionFactory(unit=cadre.unit, date=D(2026, 3, i % 28 + 1), attendees=[cadre])
        ParticipantFactory(cadre=cadre)


@pytest.mark.parametrize("role", ["hr", "leader"])
def test_the_pages_answer_with_a_constant_number_of_queries(
    client, users, tree, role, django_assert_max_num_queries
):
    client.force_login(getattr(users, role))
    _add_people(tree, 2, 0)
    _page_queries(client)  # the first request of a user fills the permission cache (core.authcache)
    small = _page_queries(client)
    _add_people(tree, 8, 2)
    assert _page_queries(client) == small
    with django_assert_max_num_queries(16):
        client.get("/training/dashboard/")
    assert client.get("/training/behind/?format=xlsx")["Content-Type"].startswith("application/vnd.openxml")


def test_the_cadre_record_shows_the_training_card(client, users, tree):
    cadre = CadreFactory(unit=tree.a)
    AppointmentFactory(
        cadre=cadre, post=PostFactory(unit=tree.a, level=level("section")), start_date=D(2019, 1, 1)
    )
    ParticipantFactory(
        cadre=cadre, programme=TrainingProgrammeFactory(hours=Decimal(12), end_date=D(2026, 3, 10))
    )
    client.force_login(users.hr)
    html = client.get(f"/cadres/{cadre.pk}/").content.decode()
    assert "培训学时" in html and "能力提升" in html


def _grow(tree, n, start):
    """n more of everything a list API shows: programmes with participants, reported programmes,
    first items with follow-up tasks, secondments and rule documents."""
    from training.models import FollowUpTask, Secondment
    from training.services import follow_up_task_save, secondment_save

    for i in range(start, start + n):
        cadre = CadreFactory(
            unit=tree.a, name=f"学员{i}", birth_date=D(1975, 1, 1) + datetime.timedelta(days=41 * i)
        )
        programme = TrainingProgrammeFactory(title=f"培训班{i}")
        ParticipantFactory(programme=programme, cadre=cadre)
        TrainingProgrammeFactory(title=f"网络{i}", kind="online", reporting_unit=tree.a)
        first = StudySessionFactory(unit=tree.a, kind="committee_first_item", date=D(2026, 3, i % 28 + 1))
        task = FollowUpTask(
            session=first, description=f"任务{i}", owner_unit=tree.a, owner=cadre, deadline=D(2026, 5, 1)
        )
        follow_up_task_save(task=task, acting_user=system_actor())
        secondment = Secondment(
            cadre=cadre, direction="outgoing", host_organisation="某县", host_post="副县长",
            planned_start=D(2025, 1, 1), planned_end=D(2026, 12, 31),
        )  # fmt: skip
        secondment_save(secondment=secondment, acting_user=system_actor())
        rule_document_save(
            document=RuleDocument(
                part="organisation", title=f"制度{i}", issuing_body="党委", effective_date=D(2024, 1, 1)
            ),
            acting_user=system_actor(),
        )


LIST_APIS = [
    "/api/v1/training-programmes/",
    "/api/v1/study-follow-ups/",
    "/api/v1/secondments/",
    "/api/v1/rule-documents/?q=制度",
    "/api/v1/training-compliance/?all=true",
]


@pytest.mark.parametrize("role", ["hr", "clerk"])
def test_every_list_api_takes_a_constant_number_of_queries(api, users, tree, role):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api(getattr(users, role))

    def counts():
        found = {}
        programme = TrainingProgramme.objects.order_by("pk").first()
        for url in [*LIST_APIS, f"/api/v1/training-programmes/{programme.pk}/participants/"]:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, url
            found[url.split("/")[3]] = (len(queries), response.json()["count"])
        return found

    _grow(tree, 2, 0)
    small = counts()
    _grow(tree, 6, 2)
    large = counts()
    assert {k: q for k, (q, _n) in small.items()} == {k: q for k, (q, _n) in large.items()}
    assert large["secondments"][1] == 8 and large["study-follow-ups"][1] == 8


def test_the_lists_export_their_rows_escaped_and_in_scope(client, users, tree):
    import io

    from openpyxl import load_workbook

    _grow(tree, 2, 0)
    StudySessionFactory(unit=tree.b, kind="lecture", topic="=HYPERLINK(1)")
    for role, expected in (("hr", 3), ("clerk", 2)):
        client.force_login(getattr(users, role))
        response = client.get("/training/sessions/?format=xlsx&kind=lecture") if role == "hr" else None
        if response is not None:
            sheet = load_workbook(io.BytesIO(response.content)).active
            assert [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["'=HYPERLINK(1)"]
        for url in (
            "/training/sessions/",
            "/training/follow-ups/",
            "/training/secondments/",
            "/training/programmes/",
        ):
            response = client.get(url + "?format=xlsx")
            assert response["Content-Type"].startswith("application/vnd.openxml"), url
            rows = list(
                load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True)
            )
            if url == "/training/sessions/":
                assert len(rows) == expected, (role, url)
            elif url in ("/training/follow-ups/", "/training/secondments/"):
                assert len(rows) == 2, (role, url)


def test_hr_confirms_reported_training_on_the_page_and_through_the_api(api, client, users, tree):
    from training.models import ProgrammeParticipant

    programme = TrainingProgrammeFactory(title="网络学院专题", kind="online", reporting_unit=tree.a)
    mine, other = (
        CadreFactory(unit=tree.a, name="周一"),
        CadreFactory(unit=tree.a, name="吴二", birth_date=D(1977, 7, 7)),
    )
    first = ParticipantFactory(programme=programme, cadre=mine, acting_user=users.clerk)
    second = ParticipantFactory(programme=programme, cadre=other, acting_user=users.clerk)
    url = f"/api/v1/training-programmes/{programme.pk}/participants/{first.pk}/confirm/"
    refused = api(users.clerk).post(url)
    assert refused.status_code == 400 and refused.json()["code"] == "not_permitted"
    assert api(users.leader).post(url).status_code == 403
    assert api(users.hr).post(url).json()["confirmed"] is True
    assert (
        api(users.hr)
        .post(f"/api/v1/training-programmes/{programme.pk}/participants/99999999/confirm/")
        .status_code
        == 404
    )
    client.force_login(users.clerk)
    page = client.get("/training/reported/")
    assert [p.pk for p in page.context["rows"]] == [second.pk] and not page.context["may_confirm"]
    client.post("/training/reported/", {"confirm": [second.pk]})
    assert not ProgrammeParticipant.objects.get(pk=second.pk).confirmed
    client.force_login(users.hr)
    client.post("/training/reported/", {"confirm": [second.pk, "x"]})
    assert ProgrammeParticipant.objects.get(pk=second.pk).confirmed
    assert list(client.get("/training/reported/").context["rows"]) == []


def test_hr_enters_secondments_rule_documents_and_follow_up_tasks_on_pages(client, users, tree):
    from training.models import FollowUpTask, Secondment

    cadre = CadreFactory(unit=tree.a, name="郑三")
    client.force_login(users.hr)
    body = {
        "cadre": cadre.pk, "direction": "outgoing", "host_organisation": "某县人民政府",
        "host_post": "副县长",
        "planned_start": "2026-01-01", "planned_end": "2025-12-31",
    }  # fmt: skip
    refused = client.post("/training/secondments/new/", body)
    assert refused.status_code == 200 and refused.context["form"].errors
    assert client.post("/training/secondments/new/", body | {"planned_end": "2027-12-31"}).status_code == 302
    secondment = Secondment.objects.get()
    assert client.get(f"/training/secondments/{secondment.pk}/").status_code == 200
    document = {
        "part": "organisation",
        "title": "干部选拔任用工作规定",
        "issuing_body": "党委",
        "effective_date": "2024-01-01",
    }
    assert client.post("/training/rules/new/", document).status_code == 302
    assert RuleDocument.objects.get().search_tokens  # through the service
    first = StudySessionFactory(unit=tree.a, kind="committee_first_item")
    assert "follow-ups/new" in client.get(f"/training/sessions/{first.pk}/attendance/").content.decode()
    task = {"description": "落实整改", "owner_unit": tree.a.pk, "deadline": "2026-06-30"}
    assert client.post(f"/training/sessions/{first.pk}/follow-ups/new/", task).status_code == 302
    assert FollowUpTask.objects.get().session == first
    lecture = StudySessionFactory(unit=tree.a, kind="lecture")
    refused = client.post(f"/training/sessions/{lecture.pk}/follow-ups/new/", task)
    assert refused.status_code == 200 and FollowUpTask.objects.count() == 1
    client.force_login(users.clerk)
    assert client.get("/training/secondments/new/").status_code == 403
    assert client.get("/training/rules/new/").status_code == 403
    assert client.get(f"/training/sessions/{first.pk}/follow-ups/new/").status_code == 403


def test_the_admin_lists_the_catalogue_and_the_reported_programmes(client, users, tree):
    TrainingProgrammeFactory(title="党校班")
    TrainingProgrammeFactory(title="网络学院专题", kind="online", reporting_unit=tree.a)
    client.force_login(users.admin)
    page = client.get("/admin/training/trainingprogramme/")
    assert page.status_code == 200 and page.context["cl"].result_count == 2
    from core.roles import HR

    other_hr = UserFactory(username="hr_b", role=HR, scope_unit=tree.b, is_staff=True)
    client.force_login(other_hr)
    page = client.get("/admin/training/trainingprogramme/")
    assert page.status_code == 200 and page.context["cl"].result_count == 1  # B reported nothing
