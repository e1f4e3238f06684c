"""Results and confirmation: the quota, the ceilings, and the yearly grades that selection reads."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from appraisal.models import AppraisalResult
from appraisal.selectors.results import cycle_results
from appraisal.services.cycles import cycle_close, cycle_open, participant_facts_save
from appraisal.services.results import cycle_confirm
from cadres.selectors.eligibility import cadre_eligibility
from oversight.models import Sanction
from oversight.services import sanction_save
from tests.appraisal.factories import AppraisalResultFactory, cycle, serving, vote
from tests.factories import PostFactory, level

D = datetime.date


def codes(caught):
    return [e.code for errors in caught.value.error_dict.values() for e in errors]


def graded(users, tree, scores, kind="annual"):
    """A closed cycle in unit A whose cadres got `scores` from every group."""
    people = [serving(tree.a, f"干部{i}") for i in range(len(scores))]
    made = cycle(units=[tree.a], acting_user=users.hr, kind=kind)
    cycle_open(cycle=made, acting_user=users.hr)
    for group in made.rater_groups.all():
        vote(made, group, dict(zip(people, scores, strict=True)), acting_user=users.hr)
    return made, people


def test_confirming_an_annual_cycle_writes_grades_that_selection_then_reads(users, tree):
    made, people = graded(users, tree, [95, 80, 80, 55])
    typed = AppraisalResultFactory(cadre=people[3], year=2025, grade="competent", acting_user=users.hr)
    cycle_close(cycle=made, acting_user=users.hr)
    cycle_confirm(cycle=made, grades=[], acting_user=users.hr)
    grades = dict(AppraisalResult.objects.filter(year=2025).values_list("cadre", "grade"))
    # Four people: a quota of 0, so the best is 称职.
    assert grades == {
        people[0].pk: "competent",
        people[1].pk: "competent",
        people[2].pk: "competent",
        people[3].pk: "incompetent",
    }
    typed.refresh_from_db()
    assert [h.grade for h in typed.history.all()] == ["incompetent", "competent"]
    post = PostFactory(unit=tree.a, level=level("middle_principal"))
    result = cadre_eligibility(cadre=people[3], post=post, on=D(2026, 3, 1))
    assert "appraisal_below_competent" in [r.code for r in result.reasons]


def test_a_routine_cycle_writes_no_yearly_grade(users, tree):
    made, _people = graded(users, tree, [95, 80], kind="special")
    cycle_close(cycle=made, acting_user=users.hr)
    cycle_confirm(cycle=made, grades=[], acting_user=users.hr)
    assert not AppraisalResult.objects.exists()
    assert set(made.participants.values_list("grade", flat=True)) == {"competent"}


def test_overrides_stay_within_the_quota_and_need_a_reason(users, tree):
    scores = [99, 98, 97] + [80] * 7  # ten people: a quota of 2
    made, people = graded(users, tree, scores)
    cycle_close(cycle=made, acting_user=users.hr)
    third = {"cadre": people[2].pk, "grade": "excellent", "reason": "突出贡献"}
    with pytest.raises(ValidationError) as caught:
        cycle_confirm(cycle=made, grades=[third], acting_user=users.hr)
    assert codes(caught) == ["excellent_quota_exceeded"]
    swap = [third, {"cadre": people[1].pk, "grade": "competent", "reason": ""}]
    with pytest.raises(ValidationError) as caught:
        cycle_confirm(cycle=made, grades=swap, acting_user=users.hr)
    assert codes(caught) == ["reason_required"]
    swap[1]["reason"] = "委员会调整"
    cycle_confirm(cycle=made, grades=swap, acting_user=users.hr)
    grades = dict(AppraisalResult.objects.values_list("cadre", "grade"))
    assert [grades[p.pk] for p in people[:3]] == ["excellent", "competent", "excellent"]


def test_a_sanction_caps_the_proposal_with_its_reason(users, tree):
    made, people = graded(users, tree, [99] + [80] * 9)
    sanction_save(
        sanction=Sanction(cadre=people[0], kind="gov_demerit", decision_date=D(2024, 10, 1)),
        acting_user=users.hr,
    )
    cycle_close(cycle=made, acting_user=users.hr)
    row = next(r for r in cycle_results(cycle=made).rows if r.participant.cadre_id == people[0].pk)
    assert row.proposed_grade == "basically_competent"
    assert [r.code for r in row.reasons] == ["ceiling_gov_demerit"]
    with pytest.raises(ValidationError) as caught:
        cycle_confirm(
            cycle=made,
            grades=[{"cadre": people[0].pk, "grade": "competent", "reason": "x"}],
            acting_user=users.hr,
        )
    assert codes(caught) == ["above_ceiling"]


def test_a_participant_under_investigation_is_not_graded(users, tree):
    made, people = graded(users, tree, [99, 80])
    participant = made.participants.get(cadre=people[0])
    participant_facts_save(
        participant=participant, under_investigation=True, absent_over_half_year=False, acting_user=users.hr
    )
    cycle_close(cycle=made, acting_user=users.hr)
    cycle_confirm(cycle=made, grades=[], acting_user=users.hr)
    assert AppraisalResult.objects.get(cadre=people[0]).grade == "not_graded"


def test_the_pay_export_gives_each_confirmed_grade_its_coefficient(client, users, tree):
    from django.urls import reverse

    made, people = graded(users, tree, [80, 55])
    client.force_login(users.hr)
    url = reverse("appraisal:cycle-pay-export", args=[made.pk])
    assert client.get(url).status_code == 302  # not confirmed yet
    cycle_close(cycle=made, acting_user=users.hr)
    cycle_confirm(cycle=made, grades=[], acting_user=users.hr)
    lines = client.get(url).content.decode("utf-8-sig").splitlines()
    assert lines[1:] == [
        f"{people[0].name},{tree.a.name},称职,1.00",
        f"{people[1].name},{tree.a.name},不称职,0.50",
    ]
    client.force_login(users.clerk)
    assert client.get(url).status_code == 403


def test_ceilings_are_read_in_one_query_for_all_participants(users, tree, django_assert_max_num_queries):
    from appraisal.services.cycles import cycle_refresh_ceilings

    few, _people = graded(users, tree, [80, 80])
    many = cycle(units=[tree.a], acting_user=users.hr)
    for i in range(12):
        serving(tree.a, f"新人{i}")
    sanction_save(
        sanction=Sanction(cadre=_people[0], kind="gov_demerit", decision_date=D(2025, 3, 1)),
        acting_user=users.hr,
    )
    from appraisal.services.cycles import _derive_participants

    _derive_participants(many, [tree.a], users.hr)
    assert many.participants.count() == 14
    for made in (few, many):
        with django_assert_max_num_queries(8) as counted:
            cycle_refresh_ceilings(made, users.hr)
        assert len(counted.captured_queries) <= 8
    row = many.participants.get(cadre=_people[0])
    assert row.ceiling == "basically_competent" and row.history.first().history_user == users.hr
    with django_assert_max_num_queries(3):  # nothing changed: nothing written
        cycle_refresh_ceilings(many, users.hr)
