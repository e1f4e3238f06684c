import datetime
from decimal import Decimal

import factory

from core.actors import system_actor
from tests.factories import CadreFactory, OrgUnitFactory
from training import choices as c
from training.models import ProgrammeParticipant, StudySession, TrainingProgramme
from training.services import AttendeeInput, participant_save, study_session_save, training_programme_save


class StudySessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudySession

    kind = c.SessionKind.UNIT_MONTHLY
    date = datetime.date(2026, 3, 10)
    unit = factory.SubFactory(OrgUnitFactory)
    topic = "学习习近平新时代中国特色社会主义思想"
    hours = Decimal(2)

    @classmethod
    def _create(cls, model_class, *args, attendees=None, acting_user=None, **kwargs):
        attendees = [a if isinstance(a, AttendeeInput) else AttendeeInput(a) for a in attendees or []]
        return study_session_save(
            session=model_class(*args, **kwargs),
            attendees=attendees,
            acting_user=acting_user or system_actor(),
        )


class TrainingProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingProgramme

    title = "中层干部能力提升培训班"
    kind = c.ProgrammeKind.CAPABILITY
    organiser = c.Organiser.EXTERNAL
    institution = "省委党校"
    party_school = True
    recognised = True
    start_date = datetime.date(2026, 3, 1)
    end_date = datetime.date(2026, 3, 10)
    hours = Decimal(80)

    @classmethod
    def _create(cls, model_class, *args, acting_user=None, **kwargs):
        return training_programme_save(
            programme=model_class(*args, **kwargs), acting_user=acting_user or system_actor()
        )


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeParticipant

    programme = factory.SubFactory(TrainingProgrammeFactory)
    cadre = factory.SubFactory(CadreFactory)

    @classmethod
    def _create(cls, model_class, *args, acting_user=None, **kwargs):
        return participant_save(
            participant=model_class(*args, **kwargs), acting_user=acting_user or system_actor()
        )
