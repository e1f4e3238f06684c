"""One cadre with a 诫勉 in effect, appraisal grades and family, read by every role on every channel.

For each role and channel: every marker of a fact the policy (core.visibility) forbids is
absent, and every marker of an allowed fact the channel carries is present, so the sweep
fails both when something leaks and when a channel hides what it should show.
"""

import datetime
import io
import zipfile
from types import SimpleNamespace

import pytest
from dateutil.relativedelta import relativedelta
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from appraisal.choices import Grade
from cadres.services.reviews import daily_review
from cadres.views import appointment_form
from core.models import Notification
from core.roles import HR
from core.visibility import APPRAISAL_GRADES, FAMILY_MEMBERS, FULL_ID_NUMBER, ROLE_FACTS, SANCTIONS, may_see
from oversight.choices import SanctionKind
from tests.appraisal.factories import AppraisalResultFactory
from tests.factories import CadreFactory, PostFactory, level
from tests.oversight.factories import SanctionFactory

ROLES = ("admin", "hr", "clerk", "leader", "discipline")
OUTSIDER, OUTSIDE_POST = "外单位干部", "外单位岗位"


@pytest.fixture
def subject(tree):
    today = timezone.localdate()
    cadre = CadreFactory(
        unit=tree.a,
        name="王示例",
        rewards_punishments="奖惩标记：受到诫勉一次",
        appraisal_summary="考核摘要标记",
        family=[
            {"relation": "spouse", "name": "李家属", "political_status": "群众", "work_unit_post": "某公司"}
        ],
    )
    SanctionFactory(
        cadre=cadre,
        kind=SanctionKind.ADMONISHMENT,
        decision_date=today - relativedelta(months=6) + datetime.timedelta(days=10),
    )
    AppraisalResultFactory(cadre=cadre, year=today.year - 1, grade=Grade.BASICALLY_COMPETENT)
    post = PostFactory(unit=tree.a, title="院长", level=level("middle_principal"))
    CadreFactory(unit=tree.b, name=OUTSIDER)
    PostFactory(unit=tree.b, title=OUTSIDE_POST, level=level("middle_principal"))
    markers = {  # marker -> the fact it reveals
        cadre.id_number: FULL_ID_NUMBER,
        "诫勉": SANCTIONS,  # the sanction's kind, in its panel, due item and eligibility reason
        "奖惩标记": SANCTIONS,  # the form's 奖惩情况
        "基本称职": APPRAISAL_GRADES,  # a recorded grade
        "考核摘要标记": APPRAISAL_GRADES,  # the form's 年度考核结果 as typed
        "李家属": FAMILY_MEMBERS,
    }
    return SimpleNamespace(cadre=cadre, post=post, markers=markers, today=today)


def _xlsx_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content))
    return "\n".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row)


def _channels(user, subject, api):
    """name -> (the text the user gets, the markers it carries for those who may see them)."""
    client, page = api(user), Client()
    page.force_login(user)
    pk, number = subject.cadre.pk, subject.cadre.id_number

    def get(c, url, **params):
        response = c.get(url, params)
        return response.content.decode() if response.status_code == 200 else ""

    record = {number, "诫勉", "奖惩标记", "基本称职", "考核摘要标记", "李家属"}
    fields = {number, "奖惩标记", "考核摘要标记", "李家属"}  # the cadre's own fields
    form = {"奖惩标记", "基本称职", "李家属"}  # 年度考核结果 from the recorded grades; no ID
    zipped = page.get("/cadres/export-lrmx/", {"ids": pk})
    with zipfile.ZipFile(io.BytesIO(zipped.content)) as archive:
        zip_text = "".join(archive.read(name).decode() for name in archive.namelist())
    eligibility = get(client, f"/api/v1/cadres/{pk}/eligibility/", post=subject.post.pk)
    return {
        "api detail": (get(client, f"/api/v1/cadres/{pk}/"), fields),
        "api list": (get(client, "/api/v1/cadres/"), {number}),
        "eligibility api": (eligibility, {"诫勉", "基本称职"}),
        "due api": (get(client, "/api/v1/due/", days=60), {"诫勉"}),
        "due page": (get(page, "/due/", days=60), {"诫勉"}),
        "notifications api": (get(client, "/api/v1/notifications/"), set()),
        "notification centre": (get(page, "/notifications/"), set()),
        "record page": (get(page, f"/cadres/{pk}/"), record),
        "lrmx api": (client.get(f"/api/v1/cadres/{pk}/lrmx/").content.decode(), form | {number}),
        "lrmx zip": (zip_text, form | {number}),
        "printed form": (get(page, f"/cadres/{pk}/appointment-form/"), form),
        "excel export": (_xlsx_text(client.get("/api/v1/cadres/export/").content), {number}),
        "edit form": (get(page, f"/cadres/{pk}/edit/"), set()),
    }


@pytest.mark.parametrize("role", ROLES)
def test_each_channel_shows_exactly_what_the_role_may_see(role, users, subject, api):
    user = getattr(users, role)
    daily_review(on=subject.today)
    for channel, (text, shown) in _channels(user, subject, api).items():
        for marker, fact in subject.markers.items():
            if not may_see(user, fact):
                assert marker not in text, f"{role} sees {fact} ({marker}) on {channel}"
            elif marker in shown and text:
                assert marker in text, f"{role} misses {fact} ({marker}) on {channel}"


@pytest.mark.parametrize("role", ROLES)
def test_every_channel_answers_the_roles_that_read_it(role, users, subject, api):
    """The sweep above skips a refused channel's text: this pins which channels answer whom."""
    user = getattr(users, role)
    texts = {name: text for name, (text, _shown) in _channels(user, subject, api).items()}
    answered = {name for name, text in texts.items() if text}
    assert {"api detail", "api list", "record page", "lrmx api", "printed form", "excel export"} <= answered
    assert ("eligibility api" in answered) == (role != "clerk")  # clerks have no selection work
    assert ("due page" in answered) and ("due api" in answered)


def test_a_hidden_reason_still_blocks_and_says_why_not(users, subject, api):
    body = api(users.leader).get(f"/api/v1/cadres/{subject.cadre.pk}/eligibility/", {"post": subject.post.pk})
    data = body.json()
    assert data["eligible"] is False
    codes = [r["code"] for r in data["reasons"]]
    assert "restricted" in codes and "sanction_effect_period" not in codes
    assert "appraisal_below_competent" in codes  # a leader sees grades
    hidden = next(r for r in data["reasons"] if r["code"] == "restricted")
    assert hidden["severity"] == "block" and "无权查看详情" in hidden["message"]
    hr = api(users.hr).get(f"/api/v1/cadres/{subject.cadre.pk}/eligibility/", {"post": subject.post.pk})
    assert "sanction_effect_period" in [r["code"] for r in hr.json()["reasons"]]


def test_the_due_list_offers_only_the_kinds_the_role_may_see(users, subject, api):
    for role, sees in (("hr", True), ("discipline", True), ("leader", False), ("clerk", False)):
        kinds = {i["kind"] for i in api(getattr(users, role)).get("/api/v1/due/", {"days": 60}).json()}
        assert ("effect_period_ending" in kinds) == sees, role
        page = Client()
        page.force_login(getattr(users, role))
        html = page.get("/due/", {"kind": "effect_period_ending", "days": 60}).content.decode()
        assert (subject.cadre.name in html) == sees, role


def test_the_browsable_api_filter_forms_list_only_what_is_in_scope(users, subject, api):
    for role, outside in (("clerk", False), ("hr", True)):
        for url in ("/api/v1/appointments/", "/api/v1/posts/", "/api/v1/cadres/"):
            response = api(getattr(users, role)).get(url, HTTP_ACCEPT="text/html")
            assert response.status_code == 200, (role, url)
            html = response.content.decode()
            assert "<form" in html
            names = (OUTSIDER, OUTSIDE_POST, "机电工程学院")
            assert any(name in html for name in names) == outside, (role, url)


def test_a_masked_number_keeps_only_the_province(users, subject, api):
    number = subject.cadre.id_number
    shown = api(users.leader).get(f"/api/v1/cadres/{subject.cadre.pk}/").json()["id_number"]
    assert shown == number[:2] + "*" * 16


def test_reminders_of_a_due_kind_reach_only_those_who_may_see_its_fact(users, subject, api, monkeypatch):
    counts = daily_review(on=subject.today)
    assert counts["effect_period_ending"] == 1  # HR staff, who may see sanctions
    assert "诫勉" in api(users.hr).get("/api/v1/notifications/").content.decode()
    Notification.objects.all().delete()
    monkeypatch.setitem(ROLE_FACTS, HR.code, ROLE_FACTS[HR.code] - {SANCTIONS})
    assert daily_review(on=subject.today)["effect_period_ending"] == 0
    assert not Notification.objects.filter(kind="effect_period_ending").exists()


@pytest.mark.parametrize("role", ROLES)
def test_the_pdf_is_made_from_the_page_the_role_may_see(role, users, subject, monkeypatch):
    """WeasyPrint is slow: the HTML it is handed is checked, which is all the PDF contains."""
    handed = []
    monkeypatch.setattr(appointment_form, "html_to_pdf", lambda html: handed.append(html) or b"%PDF-")
    user = getattr(users, role)
    page = Client()
    page.force_login(user)
    assert page.get(f"/cadres/{subject.cadre.pk}/appointment-form.pdf").status_code == 200
    for marker in ("奖惩标记", "基本称职", "李家属"):
        assert (marker in handed[0]) == may_see(user, subject.markers[marker]), (role, marker)
