"""After a named complaint exists, HR, a clerk and a leader find the reporter's name and phone on
no channel they can reach: every GET endpoint of the API schema, the pages, the admin (history
included), the exports and their notifications. Discipline staff see them behind the "show"."""

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import CadreFactory
from tests.oversight.factories import REPORTER, complaint

ATTACHMENT = ("举报附件甲.pdf", "附件正文乙")
SECRETS = (REPORTER["name"], REPORTER["phone"], REPORTER["address"], *ATTACHMENT)


@pytest.fixture
def world(users, tree, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from oversight.services.attachments import complaint_attachment_add

    settings.MEDIA_ROOT = tmp_path
    cadre = CadreFactory(unit=tree.a, name="钱被告")
    made = complaint(
        unit=tree.a, subjects=[cadre], acting_user=users.discipline, received_on=timezone.localdate()
    )
    upload = SimpleUploadedFile(ATTACHMENT[0], ATTACHMENT[1].encode())
    complaint_attachment_add(complaint=made, uploads=[upload], acting_user=users.discipline)
    return made, cadre


def _schema_get_paths() -> list[str]:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [path for path, ops in schema["paths"].items() if "get" in ops]


def _texts(user, made, cadre, api) -> dict[str, tuple[int, str]]:
    client, page = api(user), Client()
    page.force_login(user)
    texts = {}
    for path in _schema_get_paths():
        url = path.replace("/api/v1/cadres/{id}/", f"/api/v1/cadres/{cadre.pk}/").replace(
            "{id}", str(made.pk)
        )
        if "{" in url:
            continue
        answer = client.get(url)
        texts[url] = (answer.status_code, answer.content.decode(errors="replace"))
    pages = [
        "/oversight/complaints/",
        f"/oversight/complaints/{made.pk}/",
        "/oversight/dashboard/",
        f"/cadres/{cadre.pk}/",
        "/notifications/",
        "/admin/oversight/complaint/",
        f"/admin/oversight/complaint/{made.pk}/change/",
        f"/admin/oversight/complaint/{made.pk}/history/",
        f"/oversight/complaints/{made.pk}/attachments/{made.attachments.get().pk}/",
        "/oversight/cases/",
        "/oversight/letter-inquiries/",
        "/oversight/integrity-opinions/",
        "/selections/",
        "/due/",
        "/report/",
        "/report/status/",
        "/cadres/export/",
        "/cadres/export-lrmx/",
        f"/cadres/{cadre.pk}/appointment-form/",
    ]
    for url in pages:
        answer = page.get(url)
        texts[url] = (answer.status_code, answer.content.decode(errors="replace"))
    answer = page.post(f"/oversight/complaints/{made.pk}/reporter/")
    texts["show reporter"] = (answer.status_code, answer.content.decode(errors="replace"))
    return texts


@pytest.mark.parametrize("role", ["hr", "clerk", "leader"])
def test_no_channel_shows_the_reporter_to_other_roles(role, users, world, api):
    made, cadre = world
    user = getattr(users, role)
    user.is_staff = True  # the admin too, as far as their role lets them in
    user.save()
    texts = _texts(user, made, cadre, api)
    assert len(texts) > 40 and sum(status == 200 for status, _text in texts.values()) > 10
    for channel, (status, text) in texts.items():
        assert status < 500, (role, channel, status)
        for secret in SECRETS:
            assert secret not in text, f"{role} sees the reporter on {channel}"
    for channel in ("/api/v1/complaints/", f"/api/v1/complaints/{made.pk}/reporter/", "show reporter"):
        assert texts[channel][0] == 403, (role, channel)
    download = f"/oversight/complaints/{made.pk}/attachments/{made.attachments.get().pk}/"
    assert texts[download][0] in (403, 404)


def test_discipline_staff_see_the_reporter_only_behind_the_show(users, world, api):
    made, cadre = world
    users.discipline.is_staff = True
    users.discipline.save()
    texts = _texts(users.discipline, made, cadre, api)
    shown = {channel for channel, (_status, text) in texts.items() if REPORTER["name"] in text}
    assert shown == {f"/api/v1/complaints/{made.pk}/reporter/", "show reporter"}
    assert texts[f"/oversight/complaints/{made.pk}/"][0] == 200
    assert made.disclosures.count() == 2
