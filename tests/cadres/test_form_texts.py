"""拟任职务, 拟免职务 and 任免理由 of the 干部任免审批表, taken from the selection and edited by HR."""

import datetime

import pytest

from cadres.models import SelectionCandidate, SelectionProcess, SelectionState
from cadres.selectors.selection import form_texts
from tests.factories import AppointmentFactory, CadreFactory, PostFactory

D = datetime.date
TODAY = D(2026, 12, 1)


@pytest.fixture
def chosen(tree):
    """A cadre holding 办公室主任, approved for 信息工程学院副院长."""
    cadre = CadreFactory(unit=tree.a, name="王强")
    AppointmentFactory(cadre=cadre, post=PostFactory(unit=tree.a1, title="主任"), start_date=D(2020, 3, 1))
    process = SelectionProcess.objects.create(
        post=PostFactory(unit=tree.a, title="副院长"), state=SelectionState.NOTICE, analysis="班子配备需要"
    )
    candidate = SelectionCandidate.objects.create(process=process, cadre=cadre, approved=True)
    return candidate


def page(client, cadre, query=""):
    return client.get(f"/cadres/{cadre.pk}/appointment-form/{query}")


def test_texts_derived_from_the_selection(chosen):
    texts = form_texts(cadre=chosen.cadre, on=TODAY)
    assert (texts.proposed_post, texts.proposed_removal, texts.reason) == (
        "信息工程学院副院长",
        "信息工程学院办公室主任",
        "班子配备需要",
    )
    chosen.process.analysis = ""
    chosen.process.save()
    assert form_texts(cadre=chosen.cadre, on=TODAY).reason == "工作需要，经民主推荐、考察，党委研究决定。"


@pytest.mark.parametrize(
    ("state", "approved", "derived"),
    [
        (SelectionState.INSPECTION, False, False),
        (SelectionState.DECIDED, False, False),
        (SelectionState.DECIDED, True, True),
        (SelectionState.APPOINTED, True, True),
        (SelectionState.CLOSED, True, False),
        (SelectionState.CANCELLED, True, False),
    ],
)
def test_only_an_approved_candidate_of_an_open_or_appointed_process(chosen, state, approved, derived):
    SelectionProcess.objects.filter(pk=chosen.process_id).update(state=state)
    SelectionCandidate.objects.filter(pk=chosen.pk).update(approved=approved)
    assert bool(form_texts(cadre=chosen.cadre, on=TODAY).proposed_post) is derived


def test_print_pdf_link_and_lrmx_carry_the_derived_texts(client, users, chosen):
    client.force_login(users.hr)
    html = page(client, chosen.cadre).content.decode()
    assert html.count("信息工程学院副院长") >= 2  # the form's cell and the edit box
    assert "信息工程学院办公室主任" in html and "班子配备需要" in html
    lrmx = client.get(f"/cadres/{chosen.cadre.pk}/lrmx/")
    assert lrmx.status_code == 200
    body = lrmx.content.decode("utf-8")
    assert "信息工程学院副院长" in body and "班子配备需要" in body


def test_edited_texts_are_printed_then_saved_on_the_candidate(client, users, chosen):
    client.force_login(users.hr)
    edits = {"proposed_post": "信息工程学院院长", "proposed_removal": "", "reason": "换届调整"}
    response = client.post(f"/cadres/{chosen.cadre.pk}/appointment-form/", edits | {"action": "preview"})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "信息工程学院院长" in html and "换届调整" in html
    chosen.refresh_from_db()
    assert chosen.proposed_post == ""  # a preview stores nothing
    response = client.post(f"/cadres/{chosen.cadre.pk}/appointment-form/", edits | {"action": "save"})
    assert response.status_code == 302
    chosen.refresh_from_db()
    assert (chosen.proposed_post, chosen.appointment_reason) == ("信息工程学院院长", "换届调整")
    assert chosen.history.first().history_user == users.hr
    texts = form_texts(cadre=chosen.cadre, on=TODAY)
    assert (texts.proposed_post, texts.reason) == ("信息工程学院院长", "换届调整")
    assert "换届调整" in client.get(f"/cadres/{chosen.cadre.pk}/lrmx/").content.decode()


def test_too_long_text_is_refused_with_a_message(client, users, chosen):
    client.force_login(users.hr)
    edits = {"proposed_post": "长" * 201, "proposed_removal": "", "reason": "", "action": "save"}
    response = client.post(f"/cadres/{chosen.cadre.pk}/appointment-form/", edits, follow=True)
    assert response.status_code == 200
    assert "200" in response.content.decode()
    chosen.refresh_from_db()
    assert chosen.proposed_post == ""


def test_another_units_cadre_is_refused(client, users, tree, chosen):
    chosen.cadre.unit = tree.b
    chosen.cadre.save()
    client.force_login(users.clerk)
    assert page(client, chosen.cadre).status_code == 404
    save = {"proposed_post": "x", "proposed_removal": "", "reason": "", "action": "save"}
    assert client.post(f"/cadres/{chosen.cadre.pk}/appointment-form/", save).status_code == 404
    chosen.refresh_from_db()
    assert chosen.proposed_post == ""
    client.force_login(users.leader)  # reads everything, writes nothing
    assert page(client, chosen.cadre).status_code == 200
    assert client.post(f"/cadres/{chosen.cadre.pk}/appointment-form/", save).status_code == 403
