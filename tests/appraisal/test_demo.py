"""Demo appraisal grades: the college's three years, and the province data set's."""

import datetime
import io

import pytest

from appraisal.demo import seed_college_appraisals, seed_province_appraisals
from appraisal.models import AppraisalResult
from cadres.demo.province import PROVINCE_CODE, seed_province
from cadres.models import CadreStatus
from core.actors import system_actor

ON = datetime.date(2026, 1, 1)


@pytest.fixture
def province(db):
    assert seed_province(institutions=2, cadres_per_institution=20, on=ON) is not None


def _root_path():
    from cadres.models import OrgUnit

    return OrgUnit.objects.get(code=PROVINCE_CODE).path


def test_province_grades_for_serving_cadres_only_and_once(province):
    lines = seed_province_appraisals(scale="province", acting_user=system_actor(), on=ON)
    results = AppraisalResult.objects.filter(cadre__unit__path__startswith=_root_path())
    assert results.count() > 0
    assert lines == [f"  {results.count()} appraisal results in the province."]
    assert set(results.values_list("year", flat=True)) == {2023, 2024, 2025}
    assert not results.exclude(cadre__status=CadreStatus.SERVING).exists()
    assert seed_province_appraisals(scale="province", acting_user=system_actor(), on=ON) == []


def test_province_grades_only_at_province_scale(province):
    assert seed_province_appraisals(scale="college", acting_user=system_actor(), on=ON) == []
    assert not AppraisalResult.objects.exists()


def test_college_grades_wait_for_the_college(db):
    assert seed_college_appraisals(scale="college", acting_user=system_actor()) == []
    assert not AppraisalResult.objects.exists()


def test_the_college_cycle_is_seeded_open_with_ballots_once(db):
    from django.core.management import call_command

    from appraisal.demo import seed_college_cycle
    from appraisal.models import AppraisalCycle, Ballot, SelfReport, TeamScore

    call_command("seed_demo", stdout=io.StringIO())
    made = AppraisalCycle.objects.get()
    assert made.state == "open" and made.participants.count() > 5
    assert sum(made.indicators.values_list("weight", flat=True)) == 100
    assert Ballot.objects.count() == 12
    assert made.teams.count() == 2 and SelfReport.objects.filter(participant__cycle=made).count() == 8
    assert TeamScore.objects.count() == 24
    assert seed_college_cycle(scale="college", acting_user=system_actor()) == []
    assert AppraisalCycle.objects.count() == 1
