"""The review page, the ballot page's reports and teams, and the PDF of slips."""

import base64
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from appraisal.models import LeadershipTeam, SelfReport, TeamScore
from appraisal.services.ballots import ballots_issue
from appraisal.services.cycles import cycle_open
from appraisal.views import slip_address
from tests.appraisal.factories import cycle, serving


@pytest.fixture(autouse=True)
def fresh_limit():
    cache.clear()


def test_reports_and_teams_from_the_page_reach_the_raters(client, users, tree, django_assert_max_num_queries):
    people = [serving(tree.a, n) for n in ("甲", "乙")]
    made = cycle(units=[tree.a], acting_user=users.hr)
    client.force_login(users.hr)
    url = reverse("appraisal:cycle-reviews", args=[made.pk])
    first, second = made.participants.order_by("cadre__name")
    upload = SimpleUploadedFile("述职.pdf", b"%PDF-1.4 report")
    client.post(url, {"action": "report", "participant": first.pk, "text": "抓党建促发展", "file": upload})
    client.post(url, {"action": "team", "unit": tree.a.pk, "report": "班子团结"})
    assert SelfReport.objects.get().participant == first and LeadershipTeam.objects.count() == 1
    with django_assert_max_num_queries(20):
        page = client.get(url)
    assert "抓党建促发展" in page.content.decode() and "班子团结" in page.content.decode()
    cycle_open(cycle=made, acting_user=users.hr)
    code = ballots_issue(cycle=made, group=made.rater_groups.first(), count=1, acting_user=users.hr)[0]
    client.logout()
    ballot = client.post(reverse("appraisal:ballot"), {"code": code}).content.decode()
    assert "抓党建促发展" in ballot and "班子团结" in ballot
    file = client.post(reverse("appraisal:ballot-report"), {"code": code, "participant": first.pk})
    assert file.status_code == 200 and b"".join(file.streaming_content) == b"%PDF-1.4 report"
    assert (
        client.post(reverse("appraisal:ballot-report"), {"code": "bad", "participant": first.pk}).status_code
        == 404
    )
    team = LeadershipTeam.objects.get()
    done = client.post(
        reverse("appraisal:ballot"),
        {"code": code, "submit": "1", f"score-{people[0].pk}": "90", f"team-{team.pk}": "85"},
    )
    assert done.context["done"] and TeamScore.objects.get().score == 85
    assert second.pk


def test_a_clerk_may_not_write_on_the_review_page(client, users, tree):
    serving(tree.a)
    made = cycle(units=[tree.a], acting_user=users.hr)
    client.force_login(users.clerk)
    answer = client.post(
        reverse("appraisal:cycle-reviews", args=[made.pk]),
        {"action": "report", "participant": made.participants.get().pk, "text": "x"},
    )
    assert answer.status_code in (403, 404) and not SelfReport.objects.exists()


def test_the_slips_come_as_a_pdf_made_in_the_response(client, users, tree):
    serving(tree.a)
    made = cycle(units=[tree.a], acting_user=users.hr)
    client.force_login(users.hr)
    group = made.rater_groups.first()
    answer = client.post(
        reverse("appraisal:ballot-issue", args=[made.pk]), {"group": group.pk, "count": 3, "output": "pdf"}
    )
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert answer["Cache-Control"] == "no-store" and answer.content.startswith(b"%PDF")
    assert made.codes.count() == 3
    slips = answer.context["slips"]
    assert len(slips) == 3 and len({code for code, _qr in slips}) == 3
    for _code, qr in slips:
        kind, data = qr.split(",", 1)
        assert kind == "data:image/svg+xml;base64" and base64.b64decode(data).startswith(b"<svg")


def test_a_slip_address_keeps_the_code_out_of_what_the_browser_sends():
    address = urlsplit(slip_address("https://cadre.example.edu.cn/ballot/", "ABCD-EFGH-JKMN"))
    assert address.path == "/ballot/" and address.query == ""
    assert address.fragment == "code=ABCD-EFGH-JKMN"
    assert timezone.localdate()
