import factory
from django.contrib.auth.models import Group

from cadres.models import OrgUnit, OrgUnitKind, Post, PostCategory, PostLevel, PostQuota
from cadres.services import org_unit_save, post_quota_save, post_save
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
        return org_unit_save(unit=model_class(*args, **kwargs))


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    unit = factory.SubFactory(OrgUnitFactory)
    title = factory.Sequence(lambda n: f"职务{n}")
    level = factory.LazyFunction(lambda: level("middle_deputy"))
    category = PostCategory.ADMINISTRATIVE

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return post_save(post=model_class(*args, **kwargs))


class PostQuotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostQuota

    unit = factory.SubFactory(OrgUnitFactory)
    level = factory.LazyFunction(lambda: level("middle_deputy"))
    approved = 2

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return post_quota_save(quota=model_class(*args, **kwargs))


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
