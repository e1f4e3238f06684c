"""The demo of the conduct work: letters two-thirds signed with the unit no one oversees as a gap,
reports, a review short of six posts, meetings of every kind, tasks from each kind of source."""

import io

from django.core.management import call_command
from django.utils import timezone

from cadres.models import OrgUnit
from core.actors import system_actor
from oversight.models import (
    DutyReport,
    ResponsibilityLetter,
    RiskReview,
    SupervisedMeeting,
    SupervisedTask,
)
from oversight.selectors.letters import letter_gaps
from oversight.selectors.risks import coverage_of


def test_the_demo(db):
    call_command("seed_demo", stdout=io.StringIO())
    today = timezone.localdate()
    letters = ResponsibilityLetter.objects.filter(year=today.year)
    assert letters.count() > 40
    assert 0 < letters.filter(state="pending").count() < letters.filter(state="signed").count()
    gaps = letter_gaps(user=system_actor(), on=today)
    archive = OrgUnit.objects.get(code="HZY-DAG")
    assert {"code": "no_overseer", "unit": archive.pk} in [
        {"code": g["code"], "unit": g["unit"]} for g in gaps
    ]
    assert DutyReport.objects.filter(year=today.year - 1, state="reviewed").exists()
    coverage = coverage_of(RiskReview.objects.get(year=today.year))
    assert len(coverage.missing) == 6
    assert SupervisedMeeting.objects.values("kind").distinct().count() == 7
    kinds = set(SupervisedTask.objects.values_list("source_type__model", flat=True))
    assert {"meetingfinding", "followuptask", None} <= kinds
    assert SupervisedTask.objects.filter(deadline__lt=today).exclude(state="done").count() == 1
    call_command("seed_demo", stdout=io.StringIO())
    assert ResponsibilityLetter.objects.filter(year=today.year).count() == letters.count()
