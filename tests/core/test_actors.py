"""Every write names its actor: jobs act as the system actor, nobody can log in as it."""

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from cadres.models import OrgUnit, OrgUnitKind
from cadres.services import org_unit_save
from core.actors import is_system_actor, public_actor, system_actor
from core.scope import ensure_unit_in_scope, scoped


@pytest.mark.django_db
def test_system_and_public_actors_are_inactive_and_cannot_log_in():
    system, public = system_actor(), public_actor()
    assert system_actor() == system  # created once
    for actor in (system, public):
        assert not actor.is_active and not actor.has_usable_password()
        assert authenticate(RequestFactory().post("/"), username=actor.username, password="") is None
    assert is_system_actor(system) and not is_system_actor(public)


@pytest.mark.django_db
def test_the_system_actor_writes_anywhere_but_reads_nothing(tree):
    ensure_unit_in_scope(system_actor(), tree.b)
    assert not scoped(system_actor(), OrgUnit.objects.all()).exists()


@pytest.mark.django_db
def test_the_public_actor_has_no_scope(tree):
    with pytest.raises(ValidationError) as caught:
        ensure_unit_in_scope(public_actor(), tree.a)
    assert caught.value.error_dict["unit"][0].code == "out_of_scope"


@pytest.mark.django_db
def test_a_write_with_no_actor_fails_loudly(tree):
    with pytest.raises(TypeError):
        org_unit_save(
            unit=OrgUnit(code="X", name="新单位", kind=OrgUnitKind.FUNCTIONAL, parent=tree.a),
            acting_user=None,
        )
    assert not OrgUnit.objects.filter(code="X").exists()


@pytest.mark.django_db
def test_seeding_names_the_system_actor_in_the_history(tree):
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    from cadres.models import Cadre, SelectionProcess
    from oversight.models import Sanction

    for model in (Cadre, Sanction, SelectionProcess):
        assert set(model.history.values_list("history_user__username", flat=True)) == {"system"}, model
