import factory

from appraisal.choices import Grade
from appraisal.models import AppraisalResult
from appraisal.services import appraisal_result_save
from core.actors import system_actor
from tests.factories import CadreFactory


class AppraisalResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppraisalResult

    cadre = factory.SubFactory(CadreFactory)
    year = 2025
    grade = Grade.COMPETENT

    @classmethod
    def _create(cls, model_class, *args, acting_user=None, **kwargs):
        return appraisal_result_save(
            result=model_class(*args, **kwargs), acting_user=acting_user or system_actor()
        )
