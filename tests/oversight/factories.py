import datetime

import factory

from core.actors import system_actor
from oversight.choices import SanctionKind
from oversight.models import Sanction
from oversight.services import sanction_save
from tests.factories import CadreFactory


class SanctionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sanction

    cadre = factory.SubFactory(CadreFactory)
    kind = SanctionKind.ADMONISHMENT
    decision_date = datetime.date(2026, 1, 10)

    @classmethod
    def _create(cls, model_class, *args, acting_user=None, **kwargs):
        return sanction_save(sanction=model_class(*args, **kwargs), acting_user=acting_user or system_actor())
