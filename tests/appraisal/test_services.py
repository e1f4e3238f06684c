"""Appraisal writes: scoped to the actor, and the history names who wrote."""

import pytest
from django.core.exceptions import ValidationError

from appraisal.models import AppraisalResult
from appraisal.services import appraisal_result_save
from tests.appraisal.factories import AppraisalResultFactory
from tests.factories import CadreFactory


def test_the_history_names_the_actor(users, tree):
    result = AppraisalResultFactory(cadre=CadreFactory(unit=tree.a), acting_user=users.hr)
    assert result.history.get().history_user == users.hr


def test_a_clerk_cannot_grade_a_cadre_of_another_unit(users, tree):
    other = CadreFactory(unit=tree.b)
    with pytest.raises(ValidationError) as caught:
        appraisal_result_save(
            result=AppraisalResult(cadre=other, year=2025, grade="excellent"), acting_user=users.clerk
        )
    assert caught.value.error_dict["cadre"][0].code == "out_of_scope"
    assert not AppraisalResult.objects.exists()


def test_a_write_without_an_actor_is_refused(tree):
    with pytest.raises(TypeError):
        appraisal_result_save(
            result=AppraisalResult(cadre=CadreFactory(unit=tree.a), year=2025, grade="excellent"),
            acting_user=None,
        )
    assert not AppraisalResult.objects.exists()
