import datetime

import factory

from appraisal.choices import Grade
from appraisal.models import AppraisalResult
from appraisal.services import appraisal_result_save
from appraisal.services.ballots import ballot_submit, ballots_issue
from appraisal.services.cycles import cycle_create, indicator_add
from core.actors import public_actor, system_actor
from tests.factories import AppointmentFactory, CadreFactory, PostFactory


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


D = datetime.date
ON = D(2025, 12, 1)
SINCE = D(2020, 1, 1)


def serving(unit, name="张伟", start=SINCE, **cadre):
    """A cadre holding a primary post in `unit` since `start`."""
    person = CadreFactory(unit=unit, name=name, **cadre)
    AppointmentFactory(cadre=person, post=PostFactory(unit=unit), start_date=start)
    return person


def cycle(*, units, acting_user, kind="annual", year=2025, on=ON, weights=(40, 30, 30), **extra):
    """A draft cycle over `units` with three indicators (德, 能, 绩) of `weights`."""
    made = cycle_create(
        kind=kind, year=year, name=f"{year}年度考核", units=units, on=on, acting_user=acting_user, **extra
    )
    for (dimension, label), weight in zip(
        (("de", "政治品德"), ("neng", "履职能力"), ("ji", "工作实绩")), weights, strict=False
    ):
        indicator_add(cycle=made, dimension=dimension, name=label, weight=weight, acting_user=acting_user)
    return made


def vote(cycle, group, by_cadre: dict, *, acting_user):
    """One ballot of `group` giving each cadre an overall score."""
    code = ballots_issue(cycle=cycle, group=group, count=1, acting_user=acting_user)[0]
    ballot_submit(
        code=code,
        scores=[{"cadre": c.pk, "score": s} for c, s in by_cadre.items()],
        acting_user=public_actor(),
    )
