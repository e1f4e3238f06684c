"""A small tree for the yearly conduct work: the leadership with a secretary and a member who
oversees two units (A and B), and a unit C that no one oversees."""

import datetime
from types import SimpleNamespace

import pytest

from cadres.models import OrgUnitKind, PostCategory
from core.actors import system_actor
from tests.factories import AppointmentFactory, CadreFactory, OrgUnitFactory, PostFactory, level


@pytest.fixture
def college(tree):
    leadership = OrgUnitFactory(
        code="LD", name="学校党委", kind=OrgUnitKind.PARTY_COMMITTEE, parent=tree.root
    )
    c = OrgUnitFactory(code="C", name="档案馆", kind=OrgUnitKind.DIRECT, parent=tree.root)
    secretary_post = PostFactory(
        unit=leadership, title="党委书记", level=level("college_principal"), category=PostCategory.PARTY
    )
    member_post = PostFactory(unit=leadership, title="副校长", level=level("college_deputy"))
    member_post.supervised_units.set([tree.a, tree.b])
    principals = {
        unit.code: PostFactory(unit=unit, title="院长", level=level("middle_principal"))
        for unit in (tree.a, tree.b, c)
    }
    deputy_a = PostFactory(unit=tree.a, title="副院长", level=level("middle_deputy"))
    people = {}
    for key, post in [("secretary", secretary_post), ("member", member_post), *principals.items()]:
        cadre = CadreFactory(unit=post.unit, name=f"干部{key}")
        AppointmentFactory(cadre=cadre, post=post, start_date=datetime.date(2020, 1, 1))
        people[key] = cadre
    return SimpleNamespace(
        leadership=leadership,
        c=c,
        secretary_post=secretary_post,
        member_post=member_post,
        principals=principals,
        deputy_a=deputy_a,
        people=people,
        actor=system_actor(),
    )
