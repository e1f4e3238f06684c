"""The demo college shows 能上能下, commendations and care: `make run` has something on each page."""

import io

from django.core.management import call_command
from django.utils import timezone

from appraisal.models import CareTalk, Commendation, Consequence, HealthCheck, Visit
from appraisal.selectors.care import talk_coverage
from tests.factories import UserFactory


def test_the_demo_has_consequences_commendations_talks_with_gaps_visits_and_health_checks(db):
    call_command("seed_demo", stdout=io.StringIO())
    today = timezone.localdate()
    assert Consequence.objects.exists()
    assert Commendation.objects.filter(scope="collective").exists()
    assert Commendation.objects.filter(scope="individual", timing="timely").exists()
    admin = UserFactory(is_superuser=True, is_active=True)
    coverage = talk_coverage(user=admin, year=today.year, on=today)
    assert {row.pair.kind for row in coverage.rows} == {
        "secretary_member",
        "member_member",
        "member_head",
        "head_deputy",
    }
    assert 0 < len(coverage.gaps) < coverage.owed
    assert Visit.objects.count() == 8
    checks = HealthCheck.objects.filter(round__year=today.year)
    assert checks.filter(done_on__isnull=False).exists() and checks.filter(done_on__isnull=True).exists()
    counts = (CareTalk.objects.count(), Commendation.objects.count(), Visit.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (CareTalk.objects.count(), Commendation.objects.count(), Visit.objects.count()) == counts
