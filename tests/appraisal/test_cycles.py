"""Cycles: participants from who serves on the as-of date, HR's changes, the states, the scope."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from appraisal.models import Participant
from appraisal.services.cycles import (
    cycle_close,
    cycle_create,
    cycle_open,
    cycles_close_due,
    indicator_add,
    participant_add,
    participant_remove,
    rater_group_add,
)
from core.actors import system_actor
from tests.appraisal.factories import ON, cycle, serving
from tests.factories import AppointmentFactory, CadreFactory, PostFactory

D = datetime.date


def codes(caught):
    return {field: [e.code for e in errors] for field, errors in caught.value.error_dict.items()}


def test_participants_are_those_serving_in_the_units_on_the_date(users, tree):
    here = serving(tree.a, "甲")
    below = serving(tree.a1, "乙")
    serving(tree.b, "丙")  # another unit
    serving(tree.a, "丁", start=ON + datetime.timedelta(days=1))  # appointed the day after
    left = CadreFactory(unit=tree.a, name="戊")
    AppointmentFactory(cadre=left, post=PostFactory(unit=tree.a), start_date=D(2019, 1, 1), end_date=ON)
    made = cycle(units=[tree.a], acting_user=users.hr)
    assert made.unit == tree.a
    assert set(made.participants.values_list("cadre", flat=True)) == {here.pk, below.pk}
    assert list(made.rater_groups.values_list("weight", flat=True)) == [30, 30, 40]


def test_the_organiser_is_the_units_common_unit(users, tree):
    made = cycle(units=[tree.a1, tree.b], acting_user=users.hr)
    assert made.unit == tree.root


def test_hr_adds_and_removes_a_participant_with_a_reason(users, tree):
    made = cycle(units=[tree.a], acting_user=users.hr)
    guest = CadreFactory(unit=tree.b, name="借调")
    with pytest.raises(ValidationError) as caught:
        participant_add(cycle=made, cadre=guest, reason=" ", acting_user=users.hr)
    assert codes(caught) == {"reason": ["reason_required"]}
    added = participant_add(cycle=made, cadre=guest, reason="挂职期间在本单位考核", acting_user=users.hr)
    assert added.added_by_hr
    with pytest.raises(ValidationError) as caught:
        participant_add(cycle=made, cadre=guest, reason="again", acting_user=users.hr)
    assert codes(caught) == {"cadre": ["already_participant"]}
    participant_remove(participant=added, reason="调出", acting_user=users.hr)
    added.refresh_from_db()
    assert added.removed and added.history.first().history_user == users.hr


def test_opening_is_refused_while_the_weights_are_off_100(users, tree):
    serving(tree.a)
    made = cycle(units=[tree.a], acting_user=users.hr, weights=(40, 30, 29))
    rater_group_add(cycle=made, name="服务对象", weight=10, acting_user=users.hr)
    with pytest.raises(ValidationError) as caught:
        cycle_open(cycle=made, acting_user=users.hr)
    assert codes(caught) == {"indicators": ["weights_not_100"], "rater_groups": ["weights_not_100"]}
    made.refresh_from_db()
    assert made.state == "draft"


def test_the_states_run_draft_open_closed_and_set_up_stops_at_open(users, tree):
    serving(tree.a)
    made = cycle(units=[tree.a], acting_user=users.hr)
    assert cycle_open(cycle=made, acting_user=users.hr).state == "open"
    with pytest.raises(ValidationError) as caught:
        indicator_add(cycle=made, dimension="lian", name="廉洁自律", weight=1, acting_user=users.hr)
    assert codes(caught) == {"state": ["cycle_not_editable"]}
    with pytest.raises(ValidationError) as caught:
        cycle_open(cycle=made, acting_user=users.hr)
    assert codes(caught) == {"state": ["invalid_transition"]}
    assert cycle_close(cycle=made, acting_user=users.hr).state == "closed"


def test_the_job_closes_cycles_after_their_last_day_once(users, tree):
    serving(tree.a)
    made = cycle(units=[tree.a], acting_user=users.hr, closes_on=D(2025, 12, 20))
    cycle_open(cycle=made, acting_user=users.hr)
    assert cycles_close_due(on=D(2025, 12, 20), acting_user=system_actor()) == []
    assert [c.pk for c in cycles_close_due(on=D(2025, 12, 21), acting_user=system_actor())] == [made.pk]
    assert cycles_close_due(on=D(2025, 12, 22), acting_user=system_actor()) == []


def test_hr_of_another_unit_can_neither_create_nor_change_a_cycle(users, tree, hr):
    with pytest.raises(ValidationError) as caught:
        cycle_create(kind="annual", year=2025, name="x", units=[tree.a], on=ON, acting_user=hr.b)
    assert codes(caught) == {"units": ["out_of_scope"]}
    made = cycle(units=[tree.a], acting_user=hr.a)
    with pytest.raises(ValidationError) as caught:
        participant_add(cycle=made, cadre=CadreFactory(unit=tree.b), reason="x", acting_user=hr.b)
    assert codes(caught) == {"cycle": ["out_of_scope"]}
    with pytest.raises(ValidationError):
        cycle_open(cycle=made, acting_user=hr.b)
    assert not Participant.objects.filter(added_by_hr=True).exists()


def test_a_routine_cycle_names_its_quarter(users, tree):
    with pytest.raises(ValidationError) as caught:
        cycle_create(kind="routine", year=2025, name="一季度", units=[tree.a], on=ON, acting_user=users.hr)
    assert codes(caught) == {"quarter": ["required"]}
    made = cycle_create(
        kind="routine", year=2025, quarter=1, name="一季度", units=[tree.a], on=ON, acting_user=users.hr
    )
    assert made.quarter == 1


def test_a_write_without_an_actor_is_refused(tree):
    with pytest.raises(TypeError):
        cycle_create(kind="annual", year=2025, name="x", units=[tree.a], on=ON)
