"""Yearly grades read from .lrmx files: the appraisal system records them for the cadres import."""

import datetime

from appraisal.choices import Grade
from appraisal.models import AppraisalResult
from appraisal.selectors import lrmx_grades_offer
from appraisal.services import lrmx_grades_save
from cadres.choices import APPRAISAL_GRADE_FORM_LABELS
from cadres.models import Cadre
from tests.appraisal.factories import AppraisalResultFactory
from tests.factories import CadreFactory

GRADES = [(2023, "competent"), (2024, "competent"), (2025, "competent")]


def test_the_form_wording_covers_exactly_our_grades():
    # cadres may not import appraisal.choices: the codes it reads the form with must be these.
    assert set(APPRAISAL_GRADE_FORM_LABELS) == set(Grade.values)


def test_new_years_are_recorded_and_recorded_ones_kept(users, tree):
    cadre = CadreFactory(unit=tree.a)
    AppraisalResultFactory(cadre=cadre, year=2024, grade="competent")
    AppraisalResultFactory(cadre=cadre, year=2025, grade="excellent")
    outcome = lrmx_grades_save(cadre=cadre, grades=GRADES, acting_user=users.hr)
    assert [(o.year, o.status, o.recorded) for o in outcome] == [
        (2023, "saved", ""),
        (2024, "recorded", "competent"),
        (2025, "conflict", "excellent"),
    ]
    recorded = {r.year: r for r in AppraisalResult.objects.filter(cadre=cadre)}
    assert {year: r.grade for year, r in recorded.items()} == {
        2023: "competent",
        2024: "competent",
        2025: "excellent",
    }
    assert recorded[2023].note and recorded[2023].history.get().history_user == users.hr


def test_saving_twice_records_once(users, tree):
    cadre = CadreFactory(unit=tree.a)
    lrmx_grades_save(cadre=cadre, grades=GRADES, acting_user=users.hr)
    again = lrmx_grades_save(cadre=cadre, grades=GRADES, acting_user=users.hr)
    assert {o.status for o in again} == {"recorded"}
    assert AppraisalResult.objects.filter(cadre=cadre).count() == 3


def test_a_user_without_the_permission_records_nothing(users, tree):
    cadre = CadreFactory(unit=tree.a)
    outcome = lrmx_grades_save(cadre=cadre, grades=GRADES, acting_user=users.leader)
    assert {o.status for o in outcome} == {"not_permitted"}
    assert not AppraisalResult.objects.exists()


def test_a_new_cadre_is_offered_every_year(users, tree):
    offered = lrmx_grades_offer(cadre=Cadre(unit=tree.a), grades=GRADES, user=users.hr)
    assert [(o.year, o.status, str(o.grade_label)) for o in offered] == [
        (2023, "new", str(Grade.COMPETENT.label)),
        (2024, "new", str(Grade.COMPETENT.label)),
        (2025, "new", str(Grade.COMPETENT.label)),
    ]


def test_not_graded_is_written_on_the_form_but_read_back_as_no_grade(users, tree):
    from cadres.exchange.lrmx.codec import appraisal_grades
    from cadres.exchange.lrmx.mapping import appraisal_text

    cadre = CadreFactory(unit=tree.a)
    AppraisalResultFactory(cadre=cadre, year=2024, grade="not_graded", acting_user=users.hr)
    AppraisalResultFactory(cadre=cadre, year=2025, grade="competent", acting_user=users.hr)
    text = appraisal_text(cadre=cadre, on=datetime.date(2026, 1, 1))
    assert text == "2024年度考核不定等次；2025年度考核称职"
    assert appraisal_grades(text) == [(2025, "competent")]
