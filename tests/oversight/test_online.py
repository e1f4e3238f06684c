"""网上举报: the public page files a complaint without an account (anonymous or named), gives the
query code once, follows it by that code (state only), and both pages are rate-limited."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from oversight.models import Complaint
from tests.factories import CadreFactory, OrgUnitFactory

NAME, PHONE = "周网民", "13800001111"


@pytest.fixture(autouse=True)
def _counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _body(tree, **extra):
    return {
        "unit": tree.a.pk,
        "named": "信息工程学院 钱某",
        "category": "integrity",
        "content": "反映其违规收受礼金",
        "reporter_anonymous": "on",
        **extra,
    }


def _code(answer) -> str:
    import re

    found = re.search(r"font-monospace[^>]*>([A-Za-z0-9_-]{10,})<", answer.content.decode())
    assert found, answer.content.decode()[:2000]
    return found.group(1)


def test_the_form_needs_no_login_and_hides_inactive_units(tree, db):
    closed = OrgUnitFactory(code="OLD", name="已撤销学院", parent=tree.root, active=False)
    answer = Client().get("/report/")
    assert answer.status_code == 200 and answer["Cache-Control"] == "no-store"
    text = answer.content.decode()
    assert tree.a.name in text and closed.name not in text
    assert "钱被告" not in text  # no cadre records on a public page


def test_an_anonymous_report_gives_its_code_once_and_the_status_by_it(tree, users, api):
    CadreFactory(unit=tree.a, name="钱被告")
    answer = Client().post("/report/", _body(tree))
    assert answer.status_code == 200 and answer["Cache-Control"] == "no-store"
    code = _code(answer)
    made = Complaint.objects.get()
    assert made.channel == "online" and made.registered_by.username == "public" and made.reporter_anonymous
    assert made.state == "registered" and made.content.startswith("被反映人：信息工程学院 钱某")
    assert code not in str(Complaint.objects.values().get()) and made.query_code_hash
    status = Client().post("/report/status/", {"code": code})
    assert status.status_code == 200 and "登记" in status.content.decode()
    assert code not in status.content.decode() and made.content not in status.content.decode()
    assert api().get("/api/v1/complaint-status/", {"code": code}).json()["state"] == "registered"
    assert Client().post("/report/status/", {"code": "not-a-code"}).status_code == 404
    assert Client().post("/report/status/", {}).status_code == 404
    # discipline staff see it in their queue and name the cadre it is about
    cadre = CadreFactory(unit=tree.a, name="钱某")
    linked = api(users.discipline).post(
        f"/api/v1/complaints/{made.pk}/subjects/", {"subjects": [cadre.pk]}, format="json"
    )
    assert linked.status_code == 200 and linked.json()["subject_names"] == ["钱某"]
    outside = CadreFactory(unit=tree.b)
    refused = api(users.discipline).post(
        f"/api/v1/complaints/{made.pk}/subjects/", {"subjects": [outside.pk]}, format="json"
    )
    assert refused.status_code == 400 and refused.json()["code"] == "subject_outside_unit"
    assert (
        api(users.hr)
        .post(f"/api/v1/complaints/{made.pk}/subjects/", {"subjects": [cadre.pk]}, format="json")
        .status_code
        == 403
    )


def test_a_named_report_is_encrypted_and_not_echoed(tree, media):
    body = _body(tree, reporter_anonymous="", reporter_name=NAME, reporter_phone=PHONE)
    body["files"] = [SimpleUploadedFile("证据.pdf", b"%PDF-1.4 evidence")]
    answer = Client().post("/report/", body)
    assert answer.status_code == 200
    assert NAME not in answer.content.decode() and PHONE not in answer.content.decode()
    made = Complaint.objects.get()
    assert made.reporter_name == NAME and not made.reporter_anonymous
    assert made.attachments.get().name == "证据.pdf"
    assert made.attachments.get().uploaded_by.username == "public"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reporter_name, reporter_phone FROM oversight_complaint WHERE id = %s", [made.pk]
        )
        assert all(NAME not in value and PHONE not in value for value in cursor.fetchone())


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"reporter_anonymous": "", "reporter_name": ""}, "reporter_name"),
        ({"reporter_anonymous": "on", "reporter_phone": PHONE}, "reporter_anonymous"),
        ({"content": ""}, "content"),
        ({"unit": "999999"}, "unit"),
        ({"category": "gossip"}, "category"),
        ({"files": [SimpleUploadedFile("run.exe", b"MZ")]}, "files"),
    ],
)
def test_bad_input_is_shown_on_the_form_and_nothing_is_saved(tree, media, extra, field):
    answer = Client().post("/report/", _body(tree, **extra))
    assert answer.status_code == 400
    assert field in answer.context["form"].errors, answer.context["form"].errors
    assert not Complaint.objects.exists()


def test_filing_and_looking_up_are_rate_limited(tree):
    client = Client()
    for _ in range(5):
        assert client.post("/report/", _body(tree)).status_code == 200
    assert client.post("/report/", _body(tree)).status_code == 429
    assert Complaint.objects.count() == 5
    for _ in range(10):
        assert client.post("/report/status/", {"code": "x" * 16}).status_code == 404
    assert client.post("/report/status/", {"code": "x" * 16}).status_code == 429


def test_the_discipline_page_names_the_cadres(tree, users):
    Client().post("/report/", _body(tree))
    made = Complaint.objects.get()
    cadre = CadreFactory(unit=tree.a, name="钱某")
    page = Client()
    page.force_login(users.discipline)
    assert (
        page.post(f"/oversight/complaints/{made.pk}/subjects/", {"subjects": [cadre.pk]}).status_code == 302
    )
    assert list(made.subjects.all()) == [cadre]
    hr = Client()
    hr.force_login(users.hr)
    assert hr.post(f"/oversight/complaints/{made.pk}/subjects/", {"subjects": []}).status_code == 403


def test_the_api_files_without_an_account_and_is_throttled(api, tree, media):
    body = _body(tree, reporter_anonymous=False, reporter_name=NAME, reporter_phone=PHONE)
    filed = api().post("/api/v1/complaint-filings/", body, format="json")
    assert filed.status_code == 201, filed.json()
    code = filed.json()["query_code"]
    assert filed.json()["state"] == "registered" and NAME not in filed.content.decode()
    made = Complaint.objects.get()
    assert made.channel == "online" and made.reporter_name == NAME
    assert api().get("/api/v1/complaint-status/", {"code": code}).json()["state"] == "registered"
    bad = api().post("/api/v1/complaint-filings/", _body(tree, reporter_phone=PHONE), format="json")
    assert bad.status_code == 400 and bad.json()["code"] == "reporter_given_anonymous"
    assert api().post("/api/v1/complaint-filings/", {"unit": "x"}, format="json").status_code == 400
    upload = {**_body(tree), "files": [SimpleUploadedFile("a.pdf", b"%PDF")]}
    assert api().post("/api/v1/complaint-filings/", upload).status_code == 201
    assert Complaint.objects.count() == 2 and Complaint.objects.first().attachments.count() == 1
    for _ in range(2):
        api().post("/api/v1/complaint-filings/", _body(tree), format="json")
    assert api().post("/api/v1/complaint-filings/", _body(tree), format="json").status_code == 429
