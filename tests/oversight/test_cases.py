"""Cases: opened from a preliminary check, concluded by the four forms; a sanction reaches eligibility."""

import datetime

import pytest

from cadres.selectors.eligibility import cadre_eligibility
from oversight.models import Case, Sanction
from oversight.rules.cases import outcome_problem
from oversight.services.complaints import complaint_accept, complaint_dispose
from tests.factories import CadreFactory, PostFactory, level
from tests.oversight.factories import complaint

D = datetime.date
URL = "/api/v1/cases/"


def post(api, user, path, body=None):
    return api(user).post(path, body or {}, format="json")


@pytest.mark.parametrize(
    ("outcome", "form", "kind", "problem"),
    [
        ("sanction", 2, "party_warning", None),
        ("sanction", 1, "party_warning", ("form", "form_mismatch")),
        ("sanction", 3, "party_probation", None),
        ("sanction", 4, "party_expulsion", None),
        ("sanction", 3, "party_expulsion", ("form", "form_mismatch")),
        ("sanction", 2, "", ("sanction_kind", "required")),
        ("sanction", 1, "admonishment", ("sanction_kind", "not_a_sanction")),
        ("measure", 1, "admonishment", None),
        ("measure", 3, "removal", None),
        ("measure", 2, "gov_demerit", ("sanction_kind", "not_a_measure")),
        ("excused", 1, "", None),
        ("excused", 2, "gov_warning", ("sanction_kind", "no_sanction_for_outcome")),
        ("closed", 1, "", None),
        ("closed", 5, "", ("form", "invalid_choice")),
    ],
)
def test_the_outcome_fits_the_form(outcome, form, kind, problem):
    found = outcome_problem(outcome=outcome, form=form, sanction_kind=kind)
    assert (found and (found.field, found.code)) == problem or (found is None and problem is None)


@pytest.fixture
def checked(users, tree):
    """A complaint about 钱被告 under preliminary check."""
    cadre = CadreFactory(unit=tree.a, name="钱被告")
    made = complaint(unit=tree.a, subjects=[cadre], acting_user=users.discipline)
    complaint_accept(complaint=made, decided_on=D(2026, 3, 3), acting_user=users.discipline)
    complaint_dispose(
        complaint=made,
        way="preliminary_check",
        decided_on=D(2026, 3, 5),
        reason="",
        acting_user=users.discipline,
    )
    return made, cadre


def test_a_concluded_case_creates_the_sanction_that_blocks_promotion(api, users, tree, checked):
    made, cadre = checked
    opened = post(
        api, users.discipline, URL, {"cadre": cadre.pk, "complaint": made.pk, "opened_on": "2026-03-10"}
    )
    assert opened.status_code == 201, opened.json()
    path = f"{URL}{opened.json()['id']}/"
    assert (
        post(api, users.discipline, path + "notes/", {"text": "约谈本人"}).json()["notes"][0]["text"]
        == "约谈本人"
    )
    body = {"outcome": "sanction", "form": 2, "sanction_kind": "party_warning", "decided_on": "2026-04-01"}
    concluded = post(api, users.discipline, path + "conclude/", body | {"reason": "违规收受礼金"})
    assert concluded.status_code == 200, concluded.json()
    sanction = Sanction.objects.get(pk=concluded.json()["sanction"])
    assert sanction.kind == "party_warning" and sanction.effect_end == D(2027, 4, 1)
    target = PostFactory(unit=tree.a, level=level("middle_principal"))
    blocked = cadre_eligibility(cadre=cadre, post=target, on=D(2027, 3, 31))
    assert "sanction_effect_period" in [r.code for r in blocked.reasons]
    clear = cadre_eligibility(cadre=cadre, post=target, on=D(2027, 4, 1))
    assert "sanction_effect_period" not in [r.code for r in clear.reasons]
    again = post(api, users.discipline, path + "conclude/", body)
    assert again.status_code == 400 and again.json()["code"] == "already_concluded"


def test_an_excusal_needs_its_reasoning_and_creates_no_sanction(api, users, tree):
    cadre = CadreFactory(unit=tree.a)
    case = post(api, users.discipline, URL, {"cadre": cadre.pk, "opened_on": "2026-03-10"}).json()
    path = f"{URL}{case['id']}/conclude/"
    body = {"outcome": "excused", "form": 1, "decided_on": "2026-04-01"}
    assert post(api, users.discipline, path, body).json()["fields"]["reason"][0]["code"] == "required"
    done = post(api, users.discipline, path, body | {"reason": "改革探索中的失误，未谋私利"})
    assert done.json()["outcome"] == "excused" and done.json()["sanction"] is None
    assert not Sanction.objects.exists()


def test_a_case_from_a_complaint_needs_a_preliminary_check_and_a_subject(api, users, tree, checked):
    made, cadre = checked
    other = CadreFactory(unit=tree.a)
    answer = post(
        api, users.discipline, URL, {"cadre": other.pk, "complaint": made.pk, "opened_on": "2026-03-10"}
    )
    assert answer.json()["code"] == "not_a_subject"
    held = complaint(unit=tree.a, subjects=[cadre])
    answer = post(
        api, users.discipline, URL, {"cadre": cadre.pk, "complaint": held.pk, "opened_on": "2026-03-10"}
    )
    assert answer.json()["code"] == "not_a_preliminary_check"
    early = post(
        api, users.discipline, URL, {"cadre": cadre.pk, "complaint": made.pk, "opened_on": "2026-03-04"}
    )
    assert early.json()["code"] == "before_previous_step"


@pytest.mark.parametrize(
    "body",
    [
        {"outcome": "sanction", "form": 7, "decided_on": "2026-04-01"},
        {"outcome": "sanction", "form": "two", "decided_on": "2026-04-01"},
        {"outcome": "sanction", "form": 1, "sanction_kind": "party_warning", "decided_on": "2026-04-01"},
        {"outcome": "fine", "form": 1, "decided_on": "2026-04-01"},
        {"outcome": "closed", "form": 1, "decided_on": "1800-01-01"},
    ],
)
def test_bad_conclusions_are_field_errors(api, users, tree, body):
    cadre = CadreFactory(unit=tree.a)
    case = post(api, users.discipline, URL, {"cadre": cadre.pk, "opened_on": "2026-03-10"}).json()
    answer = post(api, users.discipline, f"{URL}{case['id']}/conclude/", body)
    assert answer.status_code == 400 and answer.json()["fields"], answer.json()
    assert Case.objects.get().state == "open"


@pytest.mark.parametrize("role", ["hr", "clerk", "leader"])
def test_cases_are_for_discipline_staff_only(api, users, tree, role):
    cadre = CadreFactory(unit=tree.a)
    post(api, users.discipline, URL, {"cadre": cadre.pk, "opened_on": "2026-03-10"})
    user = getattr(users, role)
    assert api(user).get(URL).status_code == 403
    assert post(api, user, URL, {"cadre": cadre.pk, "opened_on": "2026-03-10"}).status_code == 403


def test_another_units_case_cannot_be_read_or_written(api, users, tree, django_assert_max_num_queries):
    from core.roles import DISCIPLINE
    from tests.factories import UserFactory

    staff_a = UserFactory(username="discipline_a", role=DISCIPLINE, scope_unit=tree.a)
    outside = CadreFactory(unit=tree.b)
    case = post(api, users.discipline, URL, {"cadre": outside.pk, "opened_on": "2026-03-10"}).json()
    for _ in range(3):
        post(api, users.discipline, URL, {"cadre": CadreFactory(unit=tree.a).pk, "opened_on": "2026-03-10"})
    client = api(staff_a)
    with django_assert_max_num_queries(8):
        listed = client.get(URL)
    assert listed.json()["count"] == 3
    assert client.get(f"{URL}{case['id']}/").status_code == 404
    assert post(api, staff_a, f"{URL}{case['id']}/notes/", {"text": "x"}).status_code == 404
    refused = post(api, staff_a, URL, {"cadre": outside.pk, "opened_on": "2026-03-10"})
    assert refused.json()["fields"]["cadre"][0]["code"] == "does_not_exist"


def test_leaders_see_counts_only(users, tree, checked, django_assert_max_num_queries):
    from django.test import Client

    made, _cadre = checked
    page = Client()
    page.force_login(users.leader)
    # The conduct work's figures (letters, this year's reviews, overdue tasks) add five.
    with django_assert_max_num_queries(15):
        answer = page.get("/oversight/dashboard/")
    html = answer.content.decode()
    assert answer.status_code == 200
    assert "钱被告" not in html and made.content not in html
    assert page.get("/oversight/complaints/").status_code == 403
    clerk = Client()
    clerk.force_login(users.clerk)
    assert clerk.get("/oversight/dashboard/").status_code == 404
