"""Responsibility letters: generated top-down from the tree and the leadership posts, signed with
their scan, the gaps listed; scope and bad input."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.roles import DISCIPLINE
from oversight.choices import LetterGap, LetterTier
from oversight.models import ResponsibilityLetter
from oversight.rules.letters import LeaderPost, UnitFact, letter_plan
from oversight.services.letters import letters_generate
from tests.factories import UserFactory

URL = "/api/v1/responsibility-letters/"
PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n"


def test_plan_secretary_member_units_and_gaps():
    plan = letter_plan(
        leaders=[
            LeaderPost(1, 10, True, ()),
            LeaderPost(2, 20, False, (100, 101)),
            LeaderPost(3, None, False, ()),
        ],
        units=[UnitFact(100, 7, 70), UnitFact(101, 8, None), UnitFact(102, None, None)],
        leadership_unit_id=99,
    )
    tiers = [(p.tier, p.issuer_post_id, p.signatory_post_id, p.unit_id) for p in plan.letters]
    assert tiers == [
        (LetterTier.MEMBER, 1, 2, 99),
        (LetterTier.MEMBER, 1, 3, 99),
        (LetterTier.UNIT, 2, 7, 100),
        (LetterTier.UNIT, 2, 8, 101),
    ]
    gaps = {(g.code, g.post_id, g.unit_id) for g in plan.gaps}
    assert gaps == {
        (LetterGap.VACANT_ISSUER, 3, None),
        (LetterGap.NO_OVERSEER, None, 102),
        (LetterGap.NO_PRINCIPAL, None, 102),
    }


def test_plan_without_a_secretary_makes_no_member_letters():
    plan = letter_plan(
        leaders=[LeaderPost(2, 20, False, (100,))], units=[UnitFact(100, 7, 70)], leadership_unit_id=99
    )
    assert [p.tier for p in plan.letters] == [LetterTier.UNIT]
    assert [g.code for g in plan.gaps] == [LetterGap.NO_SECRETARY]


def test_generation_on_a_small_tree(college, tree):
    """A member overseeing two units gets a letter from the secretary and signs with both; unit C,
    overseen by no one, is flagged; A's sub-unit signs nothing (not a first-level unit)."""
    year = timezone.localdate().year
    made = letters_generate(year=year, sign_by=None, acting_user=college.actor)
    assert made.created == 3 and made.existing == 0
    rows = ResponsibilityLetter.objects.filter(year=year)
    member = rows.get(tier=LetterTier.MEMBER)
    assert (member.issuer_post, member.signatory_post, member.unit) == (
        college.secretary_post,
        college.member_post,
        college.leadership,
    )
    assert (member.issuer, member.signatory) == (college.people["secretary"], college.people["member"])
    units = rows.filter(tier=LetterTier.UNIT)
    assert {letter.unit for letter in units} == {tree.a, tree.b}
    a = units.get(unit=tree.a)
    assert a.signatory_post == college.principals["A"] and a.signatory == college.people["A"]
    assert a.sign_by == datetime.date(year, 3, 31)
    assert [(g.code, g.unit_id) for g in made.gaps] == [(LetterGap.NO_OVERSEER, college.c.pk)]
    again = letters_generate(year=year, sign_by=None, acting_user=college.actor)
    assert (again.created, again.existing) == (0, 3)
    assert rows.count() == 3


def test_sign_with_scan_once(college, users, api, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    year = timezone.localdate().year
    letters_generate(year=year, sign_by=None, acting_user=college.actor)
    letter = ResponsibilityLetter.objects.filter(year=year, unit=tree_unit(college)).first()
    client = api(users.discipline)
    today = timezone.localdate().isoformat()
    fake = SimpleUploadedFile("letter.pdf", b"not a pdf", content_type="application/pdf")
    refused = client.post(
        f"{URL}{letter.pk}/sign/", {"signed_on": today, "signed_scan": fake}, format="multipart"
    )
    assert refused.status_code == 400 and refused.json()["code"] == "invalid_file"
    exe = SimpleUploadedFile("letter.exe", PDF)
    assert (
        client.post(
            f"{URL}{letter.pk}/sign/", {"signed_on": today, "signed_scan": exe}, format="multipart"
        ).status_code
        == 400
    )
    scan = SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")
    signed = client.post(
        f"{URL}{letter.pk}/sign/", {"signed_on": today, "signed_scan": scan}, format="multipart"
    )
    assert signed.status_code == 200, signed.json()
    assert signed.json()["state"] == "signed" and signed.json()["has_scan"] is True
    twice = client.post(f"{URL}{letter.pk}/sign/", {"signed_on": today}, format="json")
    assert twice.json()["code"] == "already_signed"
    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    other = ResponsibilityLetter.objects.filter(year=year, state="pending").first()
    assert (
        client.post(f"{URL}{other.pk}/sign/", {"signed_on": future}, format="json").json()["code"]
        == "in_future"
    )
    progress = client.get(f"{URL}progress/?year={year}").json()
    assert (progress["total"], progress["signed"], progress["pending"]) == (3, 1, 2)
    assert [g["code"] for g in progress["gaps"]] == ["no_overseer"]
    assert progress["gaps"][0]["name"] == "档案馆"


def tree_unit(college):
    return college.principals["A"].unit


def test_api_generate_bad_input_and_permissions(college, users, api):
    year = timezone.localdate().year
    assert api(users.discipline).post(f"{URL}generate/", {"year": 1800}, format="json").status_code == 400
    assert api(users.discipline).post(f"{URL}generate/", {"year": "x"}, format="json").status_code == 400
    assert api(users.discipline).get(f"{URL}progress/?year=abc").status_code == 400
    assert api(users.leader).post(f"{URL}generate/", {"year": year}, format="json").status_code == 403
    assert api(users.clerk).get(URL).status_code == 403
    made = api(users.discipline).post(f"{URL}generate/", {"year": year}, format="json")
    assert made.status_code == 200 and made.json()["created"] == 3
    assert api(users.leader).get(URL).json()["count"] == 3


def test_scope_another_units_letters_are_neither_read_nor_signed(college, tree, api):
    year = timezone.localdate().year
    letters_generate(year=year, sign_by=None, acting_user=college.actor)
    in_b = UserFactory(username="discipline_b", role=DISCIPLINE, scope_unit=tree.b)
    seen = api(in_b).get(URL).json()
    assert [row["unit"] for row in seen["results"]] == [tree.b.pk]
    letter_a = ResponsibilityLetter.objects.get(year=year, unit=tree.a)
    today = timezone.localdate().isoformat()
    assert api(in_b).post(f"{URL}{letter_a.pk}/sign/", {"signed_on": today}, format="json").status_code == 404


@pytest.mark.parametrize("count", [1, 8])
def test_list_query_count_is_constant(college, users, api, django_assert_max_num_queries, count):
    year = timezone.localdate().year
    for offset in range(count):
        letters_generate(year=year - offset, sign_by=None, acting_user=college.actor)
    # The first request of a user fills the permission cache (core.authcache); count a later one.
    client = api(users.discipline)
    client.get(URL)
    with django_assert_max_num_queries(10):  # the same for 3 letters as for 24
        body = client.get(URL).json()
    assert body["count"] == 3 * count


def test_the_page_generates_and_lists_gaps(college, users, client):
    client.force_login(users.discipline)
    year = timezone.localdate().year
    made = client.post("/oversight/letters/", {"action": "generate", "year": year})
    assert made.status_code == 302
    page = client.get(f"/oversight/letters/?year={year}")
    assert page.status_code == 200
    assert "档案馆" in page.content.decode()
    assert client.get("/oversight/letters/?year=99999").status_code == 200
