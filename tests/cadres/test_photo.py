"""A cadre's photo is served by a login- and scope-checked view, never from a public /media/ URL."""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from tests.factories import CadreFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (33, 46), "blue").save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def pictured(tree):
    cadre = CadreFactory(unit=tree.b)
    cadre.photo.save("p.jpg", ContentFile(_jpeg()), save=True)
    return cadre


def test_hr_in_scope_gets_the_photo_and_no_cache_keeps_it(client, users, pictured):
    client.force_login(users.hr)
    response = client.get(reverse("cadres:cadre-photo", args=[pictured.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == _jpeg()
    assert "no-store" in response["Cache-Control"]


def test_clerk_of_another_unit_gets_404(client, users, pictured):
    client.force_login(users.clerk)
    assert client.get(reverse("cadres:cadre-photo", args=[pictured.pk])).status_code == 404


def test_anonymous_is_sent_to_login(client, settings, pictured):
    response = client.get(reverse("cadres:cadre-photo", args=[pictured.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))


def test_no_photo_is_404(client, users, tree):
    cadre = CadreFactory(unit=tree.b)
    client.force_login(users.hr)
    assert client.get(reverse("cadres:cadre-photo", args=[cadre.pk])).status_code == 404


def test_record_page_points_at_the_checked_view(client, users, pictured):
    client.force_login(users.hr)
    page = client.get(reverse("cadres:cadre-detail", args=[pictured.pk])).content.decode()
    assert reverse("cadres:cadre-photo", args=[pictured.pk]) in page
    assert "/media/" not in page
