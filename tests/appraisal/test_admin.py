"""The appraisal admin: scoped, saves through the service, and no ballot pages."""

from django.contrib import admin

from appraisal.models import AppraisalCycle, Ballot, BallotCode, BallotScore
from tests.appraisal.factories import cycle


def test_ballots_and_codes_have_no_admin_page():
    assert not {Ballot, BallotCode, BallotScore} & set(admin.site._registry)


def test_the_cycle_admin_lists_only_the_scope_and_saves_through_the_service(client, users, tree, hr):
    mine = cycle(units=[tree.a], acting_user=hr.a)
    hr.b.is_staff = True
    hr.b.save()
    client.force_login(hr.b)
    listing = client.get("/admin/appraisal/appraisalcycle/")
    assert listing.status_code == 200 and mine.name not in listing.content.decode()
    assert client.get(f"/admin/appraisal/appraisalcycle/{mine.pk}/change/").status_code == 302
    client.force_login(users.admin)
    answer = client.post(
        f"/admin/appraisal/appraisalcycle/{mine.pk}/change/",
        {
            "name": "改名后的考核",
            "closes_on": "2025-12-20",
            **{
                f"{prefix}-{k}": v
                for prefix in ("indicators", "rater_groups", "participants")
                for k, v in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
            },
        },
    )
    assert answer.status_code in (200, 302)
    mine.refresh_from_db()
    assert mine.name == "改名后的考核" and mine.history.first().history_user == users.admin
    assert AppraisalCycle.objects.count() == 1


def test_a_self_report_is_saved_in_admin_through_the_service(client, users, tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from appraisal.models import SelfReport, TeamScore
    from tests.appraisal.factories import serving

    assert TeamScore not in admin.site._registry
    serving(tree.a)
    made = cycle(units=[tree.a], acting_user=users.hr)
    participant = made.participants.get()
    client.force_login(users.admin)
    upload = SimpleUploadedFile("述职.exe", b"MZ")
    refused = client.post(
        "/admin/appraisal/selfreport/add/", {"participant": participant.pk, "text": "", "file": upload}
    )
    assert refused.status_code == 200 and not SelfReport.objects.exists()
    answer = client.post("/admin/appraisal/selfreport/add/", {"participant": participant.pk, "text": "述职"})
    assert answer.status_code == 302
    report = SelfReport.objects.get()
    assert report.text == "述职" and report.history.first().history_user == users.admin
    for name in ("leadershipteam", "publication", "objection", "resultappeal", "selfreport"):
        assert client.get(f"/admin/appraisal/{name}/").status_code == 200
