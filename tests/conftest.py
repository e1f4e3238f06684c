"""Shared fixtures: a small tree (root → unit A → sub-unit A1, root → unit B) and one user per role.

A transactional test (live server, real worker, pg_dump) ends with a flush that empties the rows
the migrations seed (post levels, roles, settings); each such test asks for `serialized_rollback`
so that it starts with them whatever ran before it."""

from types import SimpleNamespace

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cadres.models import OrgUnitKind
from core.roles import ADMIN, CLERK, DISCIPLINE, HR, LEADER
from tests.factories import OrgUnitFactory, PostFactory, PostQuotaFactory, UserFactory, level


@pytest.fixture
def tree(db):
    root = OrgUnitFactory(code="ROOT", name="示范学院", kind=OrgUnitKind.INSTITUTION)
    a = OrgUnitFactory(code="A", name="信息工程学院", kind=OrgUnitKind.COLLEGE, parent=root)
    a1 = OrgUnitFactory(code="A1", name="信息工程学院办公室", kind=OrgUnitKind.SUB_UNIT, parent=a)
    b = OrgUnitFactory(code="B", name="机电工程学院", kind=OrgUnitKind.COLLEGE, parent=root)
    return SimpleNamespace(root=root, a=a, a1=a1, b=b)


@pytest.fixture
def staffed(tree):
    """Posts and quotas in A and B."""
    return SimpleNamespace(
        post_a=PostFactory(unit=tree.a, title="院长", level=level("middle_principal")),
        post_b=PostFactory(unit=tree.b, title="院长", level=level("middle_principal")),
        quota_a=PostQuotaFactory(unit=tree.a, level=level("middle_principal"), approved=1),
        quota_b=PostQuotaFactory(unit=tree.b, level=level("middle_principal"), approved=1),
    )


@pytest.fixture
def users(tree):
    return SimpleNamespace(
        admin=UserFactory(
            username="admin", role=ADMIN, scope_unit=tree.root, is_superuser=True, is_staff=True
        ),
        hr=UserFactory(username="hr", role=HR, scope_unit=tree.root),
        clerk=UserFactory(username="clerk", role=CLERK, scope_unit=tree.a),
        leader=UserFactory(username="leader", role=LEADER, scope_unit=tree.root),
        discipline=UserFactory(username="discipline", role=DISCIPLINE, scope_unit=tree.root),
        nobody=UserFactory(username="nobody", scope_unit=tree.root),
    )


@pytest.fixture
def api():
    """An API client factory: api(user) authenticates with a token, api() is anonymous."""

    def make(user=None):
        client = APIClient()
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def hr(users, tree):
    """HR staff at the root (users.hr), in unit A and in unit B, each with an e-mail address."""
    users.hr.email = "hr@example.edu.cn"
    users.hr.save()
    return SimpleNamespace(
        root=users.hr,
        a=UserFactory(username="hr_a", role=HR, scope_unit=tree.a, email="hr_a@example.edu.cn"),
        b=UserFactory(username="hr_b", role=HR, scope_unit=tree.b, email="hr_b@example.edu.cn"),
    )


@pytest.fixture(autouse=True)
def _fresh_figures_cache():
    """The figures cache (core.figures_cache) lives in Redis: one test's totals must not answer the next's."""
    from django.core.cache import cache

    cache.clear()
