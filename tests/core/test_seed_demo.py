"""seed_demo creates users with the published password, so production settings refuse it by default."""

import datetime
import io
import os
import secrets

import pytest
from django.core.management import CommandError, call_command

from core.models import User
from tests.subprocesses import run_manage


def test_seed_demo_refuses_under_the_production_settings():
    result = run_manage(
        "seed_demo",
        env_overrides={
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "FIELD_ENCRYPTION_KEYS": secrets.token_urlsafe(40),
            "FIELD_INDEX_KEYS": secrets.token_urlsafe(40),
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/cadre_seed_never_connected",
            "REDIS_URL": os.environ["REDIS_URL"],
        },
        settings_module="config.settings.production",
    )
    assert result.returncode == 1
    assert "seed_demo refuses to run under the production settings" in result.stderr
    assert "the demo password that the README publishes" in result.stderr
    assert "--allow-production" in result.stderr


def test_seed_demo_refusal_writes_nothing(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_runs_under_production_when_allowed(db, settings):
    settings.PRODUCTION = True
    out = io.StringIO()
    call_command("seed_demo", "--allow-production", stdout=out)
    assert "Demo data ready" in out.getvalue()
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password(settings.DEMO_PASSWORD)


def test_the_demo_college_has_a_few_overdue_rotations_and_more_upcoming(db):
    from collections import Counter

    from django.utils import timezone

    from cadres.selectors.due import due_items
    from cadres.services.reviews import SYSTEM

    call_command("seed_demo", stdout=io.StringIO())
    rotations = due_items(user=SYSTEM, on=timezone.localdate(), days=90, kinds=["rotation_due"])
    overdue = Counter(item.overdue for item in rotations)
    assert 1 <= overdue[True] <= 5, overdue
    assert overdue[False] > overdue[True], overdue
    assert min(item.due_date for item in rotations) >= timezone.localdate() - datetime.timedelta(days=45)


def test_the_demo_selection_shows_one_exceptional_promotion_and_seeding_again_adds_none(db):
    from cadres.models import SelectionCandidate, SelectionProcess
    from cadres.selectors.exceptional import relaxable_codes

    call_command("seed_demo", stdout=io.StringIO())
    process = SelectionProcess.objects.get(state="inspection")
    exceptional = SelectionCandidate.objects.filter(process=process).exclude(override_reason="")
    assert exceptional.count() == 1
    candidate = exceptional.get()
    assert candidate.override_document and candidate.override_by is not None
    assert candidate.relaxed_codes and set(candidate.relaxed_codes) <= relaxable_codes()
    assert process.events.filter(step="candidates", summary__contains=candidate.override_document).exists()
    counts = (SelectionProcess.objects.count(), SelectionCandidate.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (SelectionProcess.objects.count(), SelectionCandidate.objects.count()) == counts
