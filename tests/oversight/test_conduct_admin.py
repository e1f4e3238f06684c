"""The admin of the conduct work: every page opens; the register saves through its service."""

import pytest
from django.utils import timezone

from oversight.models import IntegrityRisk
from oversight.services.letters import letters_generate

MODELS = [
    "integrityrisk",
    "responsibilityletter",
    "dutyreport",
    "riskreview",
    "supervisedmeeting",
    "supervisedtask",
]


@pytest.mark.parametrize("model", MODELS)
def test_changelists_open(college, users, client, model):
    letters_generate(year=timezone.localdate().year, sign_by=None, acting_user=college.actor)
    client.force_login(users.admin)
    assert client.get(f"/admin/oversight/{model}/").status_code == 200


def test_the_register_is_saved_through_its_service(college, tree, users, client):
    client.force_login(users.admin)
    post = college.principals["A"]
    form = {
        "unit": tree.b.pk,
        "post": post.pk,
        "risk": "招生录取",
        "level": "high",
        "controls": "集体决策",
        "active": "on",
    }
    refused = client.post("/admin/oversight/integrityrisk/add/", form)
    assert not IntegrityRisk.objects.exists() and refused.status_code in (200, 400)
    saved = client.post("/admin/oversight/integrityrisk/add/", form | {"unit": tree.a.pk})
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    assert IntegrityRisk.objects.get().unit == tree.a
