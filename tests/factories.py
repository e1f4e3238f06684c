import datetime
import random

import factory
from django.contrib.auth.models import Group

from cadres.demo.people import fake_id_number
from cadres.models import Appointment, Cadre, OrgUnit, OrgUnitKind, Post, PostCategory, PostLevel, PostQuota
from cadres.services import appointment_save, cadre_save, org_unit_save, post_quota_save, post_save
from core.actors import system_actor
from core.models import User


def level(code: str) -> PostLevel:
    return PostLevel.objects.get(code=code)


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"单位{n}")
    kind = OrgUnitKind.FUNCTIONAL
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return org_unit_save(unit=model_class(*args, **kwargs), acting_user=system_actor())


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    unit = factory.SubFactory(OrgUnitFactory)
    title = factory.Sequence(lambda n: f"职务{n}")
    level = factory.LazyFunction(lambda: level("middle_deputy"))
    category = PostCategory.ADMINISTRATIVE

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return post_save(post=model_class(*args, **kwargs), acting_user=system_actor())


class PostQuotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostQuota

    unit = factory.SubFactory(OrgUnitFactory)
    level = factory.LazyFunction(lambda: level("middle_deputy"))
    approved = 2

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return post_quota_save(quota=model_class(*args, **kwargs), acting_user=system_actor())


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "pw-Cadre@2026")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=extracted.group))
        self.save()


def _years_after(birth: datetime.date, years: int, *, month: int) -> datetime.date | None:
    """The 1st of `month` in the year the cadre turns `years`, if that is not in the future."""
    day = datetime.date(birth.year + years, month, 1)
    return day if day <= datetime.date.today() else None


class CadreFactory(factory.django.DjangoModelFactory):
    """A cadre with a valid ID number agreeing with the birth date and gender."""

    class Meta:
        model = Cadre

    unit = factory.SubFactory(OrgUnitFactory)
    name = "张伟"
    gender = "male"
    birth_date = datetime.date(1975, 6, 15)
    # Relative to the birth date, so a test that changes only the birth keeps plausible dates
    # (cadres.rules.record_dates): work at 22, the party at 21; 1997-07 and 1996-06 by default.
    work_start_date = factory.LazyAttribute(lambda o: _years_after(o.birth_date, 22, month=7))
    education = "master"
    political_status = "cpc_member"
    party_join_date = factory.LazyAttribute(lambda o: _years_after(o.birth_date, 21, month=6))
    id_number = factory.LazyAttributeSequence(
        lambda o, n: fake_id_number(rng=random.Random(n), birth=o.birth_date, gender=o.gender)
    )

    @classmethod
    def _create(cls, model_class, *args, family=None, confirm=False, **kwargs):
        # confirm=True: a test that means to record implausible dates (a legacy record).
        return cadre_save(
            cadre=model_class(*args, **kwargs), family=family, confirm=confirm, acting_user=system_actor()
        )


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    cadre = factory.SubFactory(CadreFactory)
    post = factory.SubFactory(PostFactory)
    start_date = datetime.date(2020, 1, 1)
    document_no = factory.Sequence(lambda n: f"示范院党〔2020〕{n}号")

    @classmethod
    def _create(cls, model_class, *args, close_previous_primary=False, **kwargs):
        return appointment_save(
            appointment=model_class(*args, **kwargs),
            close_previous_primary=close_previous_primary,
            acting_user=system_actor(),
        )
