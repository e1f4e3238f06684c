"""The training demo: what the issue asks for, and a rerun adds nothing."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from cadres.services.reviews import SYSTEM
from training import selectors
from training.choices import RulePart, SessionKind
from training.models import HoursTotal, ProgrammeParticipant, RuleDocument, Secondment, StudySession

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_year_of_study_programmes_secondments_and_the_library():
    call_command("seed_demo", stdout=io.StringIO())
    counts = {kind: StudySession.objects.filter(kind=kind).count() for kind in SessionKind.values}
    assert counts[SessionKind.COMMITTEE_FIRST_ITEM] == 12
    assert counts[SessionKind.LECTURE] >= 30
    assert set(
        StudySession.objects.filter(kind=SessionKind.PARTY_SPIRIT).values_list("place", flat=True)
    ) == {
        "延安",
        "井冈山",
        "大别山",
        "红旗渠",
    }
    assert counts[SessionKind.UNIT_MONTHLY] > 300
    assert RuleDocument.objects.count() == 46 and RuleDocument.objects.values(
        "part"
    ).distinct().count() == len(RulePart)
    assert Secondment.objects.count() == 2
    last_month = timezone.localdate().replace(day=1) - timezone.timedelta(days=1)
    assert 0 < len(selectors.missing_units(user=SYSTEM, month=last_month)) < 10 or last_month.month in (2, 8)
    totals = set(HoursTotal.objects.values_list("cadre_id", "year", "year_hours", "five_hours", "five_days"))
    call_command("hours_totals_refresh", stdout=io.StringIO())  # the seeder filled them in bulk
    assert totals and totals == set(
        HoursTotal.objects.values_list("cadre_id", "year", "year_hours", "five_hours", "five_days")
    )
    behind = selectors.behind_list(user=SYSTEM, on=timezone.localdate())
    assert 0 < len(behind) < ProgrammeParticipant.objects.values("cadre").distinct().count()
    before = (
        StudySession.objects.count(),
        ProgrammeParticipant.objects.count(),
        RuleDocument.objects.count(),
    )
    call_command("seed_demo", stdout=io.StringIO())
    assert (
        StudySession.objects.count(),
        ProgrammeParticipant.objects.count(),
        RuleDocument.objects.count(),
    ) == before
