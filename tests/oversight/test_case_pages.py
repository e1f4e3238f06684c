"""The discipline office's pages for cases and letter inquiries: lists with filters, the record and
its steps through the services; other roles and other units' staff cannot open them."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from core.roles import DISCIPLINE
from oversight.models import Case, LetterInquiry, Sanction
from oversight.services.cases import case_open
from oversight.services.inquiries import inquiry_send
from tests.factories import CadreFactory, UserFactory

D = datetime.date


def _page(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff(users):
    return _page(users.discipline)


def test_open_note_and_conclude_a_case_with_a_sanction(staff, users, tree):
    cadre = CadreFactory(unit=tree.a, name="钱被告")
    opened = staff.post("/oversight/cases/", {"open-cadre": cadre.pk, "open-opened_on": "2026-03-01"})
    assert opened.status_code == 302
    case = Case.objects.get()
    detail = f"/oversight/cases/{case.pk}/"
    assert staff.post(detail, {"note-text": "约谈本人"}).status_code == 302
    assert "约谈本人" in staff.get(detail).content.decode()
    body = {
        "conclude-outcome": "sanction",
        "conclude-form": "2",
        "conclude-sanction_kind": "party_warning",
        "conclude-decided_on": "2026-04-01",
        "conclude-reason": "违规收受礼金",
    }
    assert staff.post(detail, body).status_code == 302
    case.refresh_from_db()
    assert case.state == "concluded" and case.sanction.kind == "party_warning"
    page = staff.get(detail).content.decode()
    assert "党内警告" in page and 'name="conclude-outcome"' not in page
    assert staff.post(detail, body).status_code == 404  # concluded: no more steps


def test_an_excusal_needs_its_reasoning_and_creates_no_sanction(staff, users, tree):
    case = case_open(cadre=CadreFactory(unit=tree.a), opened_on=D(2026, 3, 1), acting_user=users.discipline)
    detail = f"/oversight/cases/{case.pk}/"
    body = {"conclude-outcome": "excused", "conclude-form": "1", "conclude-decided_on": "2026-04-01"}
    refused = staff.post(detail, body)
    assert refused.status_code == 400 and refused.context["conclude_form"].errors["reason"]
    mismatch = staff.post(
        detail, body | {"conclude-outcome": "sanction", "conclude-sanction_kind": "gov_dismissal"}
    )
    assert mismatch.status_code == 400
    assert staff.post(detail, body | {"conclude-reason": "改革探索中的失误"}).status_code == 302
    assert not Sanction.objects.exists() and Case.objects.get().outcome == "excused"


def test_the_case_list_filters_and_costs_a_fixed_number_of_queries(
    staff, users, tree, django_assert_max_num_queries
):
    for i in range(6):
        case = case_open(
            cadre=CadreFactory(unit=tree.a, name=f"干部{i}"),
            opened_on=D(2026, 3, 1),
            acting_user=users.discipline,
        )
    from oversight.services.cases import case_conclude

    case_conclude(
        case=case,
        outcome="measure",
        form=1,
        sanction_kind="admonishment",
        decided_on=D(2026, 3, 5),
        reason="诫勉",
        acting_user=users.discipline,
    )
    staff.get("/oversight/cases/")
    with django_assert_max_num_queries(16):
        listed = staff.get("/oversight/cases/")
    assert listed.status_code == 200 and len(listed.context["cases"]) == 6
    assert [c.pk for c in staff.get("/oversight/cases/?state=concluded").context["cases"]] == [case.pk]
    assert [c.pk for c in staff.get("/oversight/cases/?form=1").context["cases"]] == [case.pk]
    assert len(staff.get("/oversight/cases/?outcome=sanction").context["cases"]) == 0
    bad = staff.get("/oversight/cases/?form=9&state=nonsense")
    assert bad.status_code == 200 and len(bad.context["cases"]) == 6
    refused = staff.post("/oversight/cases/", {"open-cadre": "", "open-opened_on": "2099-01-01"})
    assert refused.status_code == 400


def test_send_reply_and_conclude_a_letter_inquiry(staff, users, tree, django_assert_max_num_queries):
    cadre = CadreFactory(unit=tree.a, name="孙函询")
    today = timezone.localdate().isoformat()
    sent = staff.post(
        "/oversight/letter-inquiries/",
        {"send-cadre": cadre.pk, "send-sent_on": today, "send-letter": "请就反映问题作出书面说明"},
    )
    assert sent.status_code == 302
    inquiry = LetterInquiry.objects.get()
    detail = f"/oversight/letter-inquiries/{inquiry.pk}/"
    assert staff.post(detail, {"reply-replied_on": today, "reply-reply": ""}).status_code == 400
    assert staff.post(detail, {"reply-replied_on": today, "reply-reply": "情况说明如下"}).status_code == 302
    assert (
        staff.post(
            detail, {"conclude-concluded_on": today, "conclude-conclusion": "予以采信，了结"}
        ).status_code
        == 302
    )
    inquiry.refresh_from_db()
    assert inquiry.state == "concluded" and inquiry.conclusion == "予以采信，了结"
    assert (
        staff.post(detail, {"conclude-concluded_on": today, "conclude-conclusion": "again"}).status_code
        == 404
    )
    for _ in range(5):
        inquiry_send(
            cadre=CadreFactory(unit=tree.a), sent_on=D(2026, 3, 1), letter="函", acting_user=users.discipline
        )
    staff.get("/oversight/letter-inquiries/")
    with django_assert_max_num_queries(16):
        listed = staff.get("/oversight/letter-inquiries/")
    assert len(listed.context["inquiries"]) == 6
    assert len(staff.get("/oversight/letter-inquiries/?state=concluded").context["inquiries"]) == 1
    assert "孙函询" in staff.get("/oversight/letter-inquiries/?state=concluded").content.decode()


@pytest.mark.parametrize("role", ["hr", "clerk", "leader", "nobody"])
def test_other_roles_cannot_open_the_pages(users, tree, role):
    case = case_open(cadre=CadreFactory(unit=tree.a), opened_on=D(2026, 3, 1), acting_user=users.discipline)
    inquiry = inquiry_send(cadre=case.cadre, sent_on=D(2026, 3, 1), letter="函", acting_user=users.discipline)
    page = _page(getattr(users, role))
    for url in (
        "/oversight/cases/",
        f"/oversight/cases/{case.pk}/",
        "/oversight/letter-inquiries/",
        f"/oversight/letter-inquiries/{inquiry.pk}/",
    ):
        assert page.get(url).status_code == 403, url
    assert (
        page.post(
            "/oversight/cases/", {"open-cadre": case.cadre_id, "open-opened_on": "2026-03-01"}
        ).status_code
        == 403
    )
    assert Case.objects.count() == 1


def test_staff_of_another_unit_see_none_of_them(users, tree):
    case = case_open(cadre=CadreFactory(unit=tree.a), opened_on=D(2026, 3, 1), acting_user=users.discipline)
    inquiry = inquiry_send(cadre=case.cadre, sent_on=D(2026, 3, 1), letter="函", acting_user=users.discipline)
    outside = _page(UserFactory(username="discipline_b", role=DISCIPLINE, scope_unit=tree.b))
    assert outside.get("/oversight/cases/").context["cases"].__len__() == 0
    assert outside.get(f"/oversight/cases/{case.pk}/").status_code == 404
    assert outside.get(f"/oversight/letter-inquiries/{inquiry.pk}/").status_code == 404
    assert outside.post(f"/oversight/cases/{case.pk}/", {"note-text": "x"}).status_code == 404
    refused = outside.post("/oversight/cases/", {"open-cadre": case.cadre_id, "open-opened_on": "2026-03-01"})
    assert refused.status_code == 400 and Case.objects.count() == 1
