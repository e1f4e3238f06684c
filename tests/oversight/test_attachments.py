"""Complaint attachments: kept encrypted under a random name, shown and downloaded by discipline
staff only (each download in the read log), 403/404 to every other role, and never in the history."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client

from core.models import ReadLog
from oversight.fields import file_cipher
from oversight.models import ComplaintAttachment
from oversight.services.attachments import complaint_attachment_add
from tests.factories import CadreFactory, UserFactory
from tests.oversight.factories import complaint

CONTENT = "举报材料原文：某某收受礼金的收据".encode()
NAME = "收据照片.pdf"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def filed(users, tree, media):
    made = complaint(unit=tree.a, subjects=[CadreFactory(unit=tree.a)], acting_user=users.discipline)
    (attachment,) = complaint_attachment_add(
        complaint=made, uploads=[SimpleUploadedFile(NAME, CONTENT)], acting_user=users.discipline
    )
    return made, attachment


def _page(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_stored_file_and_its_name_hold_no_plain_text(filed, media):
    _made, attachment = filed
    stored = list(media.rglob("*.bin"))
    assert len(stored) == 1 and NAME not in str(stored[0]) and stored[0].name != "sealed.bin"
    raw = stored[0].read_bytes()
    assert CONTENT not in raw and raw.startswith(b"gAAAAA")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, file FROM oversight_complaintattachment WHERE id = %s", [attachment.pk])
        name, path = cursor.fetchone()
    assert name.startswith("gAAAAA") and "收据" not in name and "收据" not in path
    historical = {f.name for f in attachment.history.model._meta.get_fields()}
    assert not historical & {"name", "file"}


def test_discipline_staff_download_it_and_the_read_is_logged(users, filed):
    made, attachment = filed
    url = f"/oversight/complaints/{made.pk}/attachments/{attachment.pk}/"
    page = _page(users.discipline)
    assert NAME in page.get(f"/oversight/complaints/{made.pk}/").content.decode()
    answer = page.get(url)
    assert answer.status_code == 200 and answer.content == CONTENT
    assert answer["Content-Disposition"].startswith("attachment;")
    assert answer["X-Content-Type-Options"] == "nosniff" and answer["Cache-Control"] == "no-store"
    assert answer["Content-Type"] == "application/pdf"
    # Opening the complaint is one read (the page), downloading its file another.
    assert ReadLog.objects.filter(object_id=made.pk, kind="complaint").count() == 2
    log = ReadLog.objects.get(channel="file")
    assert log.user == users.discipline and log.kind == "complaint"
    assert log.object_id == made.pk and NAME not in log.label + log.detail


def test_the_api_lists_and_downloads_for_discipline_staff(api, users, filed):
    made, attachment = filed
    listed = api(users.discipline).get(f"/api/v1/complaints/{made.pk}/").json()["attachments"]
    assert listed == [
        {
            "id": attachment.pk,
            "name": NAME,
            "content_type": "application/pdf",
            "size": len(CONTENT),
            "uploaded_at": listed[0]["uploaded_at"],
        }
    ]
    opened = ReadLog.objects.filter(channel="api").count()  # the complaint itself, opened
    answer = api(users.discipline).get(f"/api/v1/complaints/{made.pk}/attachments/{attachment.pk}/")
    assert answer.status_code == 200 and answer.content == CONTENT
    assert (opened, ReadLog.objects.filter(channel="api").count()) == (1, 2)


@pytest.mark.parametrize("role", ["hr", "clerk", "leader", "nobody"])
def test_no_other_role_can_fetch_it(api, users, filed, role, media):
    made, attachment = filed
    user = getattr(users, role)
    page = _page(user)
    assert page.get(f"/oversight/complaints/{made.pk}/attachments/{attachment.pk}/").status_code in (403, 404)
    assert api(user).get(f"/api/v1/complaints/{made.pk}/attachments/{attachment.pk}/").status_code in (
        403,
        404,
    )
    upload = {"files": SimpleUploadedFile("x.pdf", b"%PDF")}
    assert page.post(f"/oversight/complaints/{made.pk}/attachments/", upload).status_code in (403, 404)
    assert api(user).post(
        f"/api/v1/complaints/{made.pk}/attachments/", {"files": [SimpleUploadedFile("x.pdf", b"%PDF")]}
    ).status_code in (403, 404)
    stored = next(media.rglob("*.bin"))
    for prefix in ("/media/", "/"):
        assert Client().get(f"{prefix}{stored.relative_to(media)}").status_code in (302, 404)
    assert api().get(f"/api/v1/complaints/{made.pk}/attachments/{attachment.pk}/").status_code == 401
    assert not ReadLog.objects.exists() and ComplaintAttachment.objects.count() == 1


def test_staff_of_another_unit_and_the_recused_cannot_fetch_it(api, users, tree, filed):
    from core.roles import DISCIPLINE
    from oversight.services.complaints import complaint_recuse

    made, attachment = filed
    outside = UserFactory(username="discipline_b", role=DISCIPLINE, scope_unit=tree.b)
    related = UserFactory(username="discipline_related", role=DISCIPLINE, scope_unit=tree.root)
    complaint_recuse(complaint=made, user=related, acting_user=users.discipline)
    for user in (outside, related):
        assert api(user).get(f"/api/v1/complaints/{made.pk}/attachments/{attachment.pk}/").status_code == 404
        assert (
            _page(user).get(f"/oversight/complaints/{made.pk}/attachments/{attachment.pk}/").status_code
            == 404
        )
    other = complaint(unit=tree.a, acting_user=users.discipline)
    mismatched = f"/api/v1/complaints/{other.pk}/attachments/{attachment.pk}/"
    assert api(users.discipline).get(mismatched).status_code == 404


def test_uploads_through_the_api_and_the_page_and_refusals(api, users, tree, media):
    made = complaint(unit=tree.a, acting_user=users.discipline)
    client = api(users.discipline)
    path = f"/api/v1/complaints/{made.pk}/attachments/"
    answer = client.post(
        path, {"files": [SimpleUploadedFile("a.txt", b"one"), SimpleUploadedFile("b.png", b"\x89PNG")]}
    )
    assert answer.status_code == 200 and [a["name"] for a in answer.json()["attachments"]] == [
        "a.txt",
        "b.png",
    ]
    bad = client.post(path, {"files": [SimpleUploadedFile("run.exe", b"MZ")]})
    assert bad.status_code == 400 and bad.json()["code"] == "bad_file_type"
    empty = client.post(path, {"files": [SimpleUploadedFile("e.txt", b"")]})
    assert empty.status_code == 400
    assert client.post(path, {}).status_code == 400
    assert client.post(path, {"files": "not a file"}).status_code == 400
    page = _page(users.discipline)
    done = page.post(
        f"/oversight/complaints/{made.pk}/attachments/", {"files": [SimpleUploadedFile("c.pdf", b"%PDF")]}
    )
    assert done.status_code == 302 and made.attachments.count() == 3


def test_too_large_and_too_many(users, tree, media, settings):
    from django.core.exceptions import ValidationError

    from oversight.rules.attachments import MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, attachment_problem

    assert attachment_problem(name="a.pdf", size=MAX_ATTACHMENT_BYTES, existing=0) is None
    assert attachment_problem(name="a.pdf", size=MAX_ATTACHMENT_BYTES + 1, existing=0).code == "too_large"
    assert attachment_problem(name="a.PDF", size=1, existing=MAX_ATTACHMENTS - 1) is None
    assert attachment_problem(name="a.pdf", size=1, existing=MAX_ATTACHMENTS).code == "too_many_files"
    assert attachment_problem(name="pdf", size=1, existing=0).code == "bad_file_type"
    made = complaint(unit=tree.a, acting_user=users.discipline)
    with pytest.raises(ValidationError) as refused:
        complaint_attachment_add(
            complaint=made,
            uploads=[SimpleUploadedFile(f"{i}.txt", b"x") for i in range(MAX_ATTACHMENTS + 1)],
            acting_user=users.discipline,
        )
    assert refused.value.error_dict["files"][0].code == "too_many_files"
    assert made.attachments.count() == 0


def test_rotation_reencrypts_the_files(settings, filed, media, django_capture_on_commit_callbacks):
    from tests.oversight.test_encryption import _reset_keys

    before = next(media.rglob("*.bin")).read_bytes()
    try:
        settings.FIELD_ENCRYPTION_KEYS = ["a-new-key-for-the-rotation-test", *settings.FIELD_ENCRYPTION_KEYS]
        _reset_keys()
        ComplaintAttachment._meta.get_field("name").__dict__.pop("keys", None)
        ComplaintAttachment._meta.get_field("name").__dict__.pop("f", None)
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("reencrypt_reporters", stdout=out)
        assert "1 attachments" in out.getvalue()
        files = list(media.rglob("*.bin"))
        assert len(files) == 1 and files[0].read_bytes() != before
        settings.FIELD_ENCRYPTION_KEYS = ["a-new-key-for-the-rotation-test"]
        _reset_keys()
        ComplaintAttachment._meta.get_field("name").__dict__.pop("keys", None)
        ComplaintAttachment._meta.get_field("name").__dict__.pop("f", None)
        assert file_cipher().decrypt(files[0].read_bytes()) == CONTENT
        assert ComplaintAttachment.objects.get().name == NAME
    finally:
        _reset_keys()
        ComplaintAttachment._meta.get_field("name").__dict__.pop("keys", None)
        ComplaintAttachment._meta.get_field("name").__dict__.pop("f", None)
