"""The province-scale generator (small runs) and query counts that must not grow with the data."""

import datetime
import itertools
from collections import defaultdict

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadres.demo.province import PROVINCE_CODE, PROVINCE_USER, seed_province
from cadres.models import Appointment, Cadre, CadreStatus, OrgUnit, OrgUnitKind, Post, PostQuota
from cadres.rules.id_number import validate_id_number
from cadres.rules.pinyin import name_search_keys
from cadres.rules.retirement import retirement_date
from core.models import User
from core.roles import HR
from core.scope import scoped
from tests.factories import AppointmentFactory, CadreFactory, PostFactory, PostQuotaFactory, level

ON = datetime.date(2026, 1, 1)


@pytest.fixture
def province(db):
    result = seed_province(institutions=2, cadres_per_institution=20, on=ON)
    assert result is not None
    return result


def in_province(queryset):
    root = OrgUnit.objects.get(code=PROVINCE_CODE)
    return queryset.filter(**{f"{queryset.model.scope_path}__startswith": root.path})


def test_builds_the_requested_size(province):
    root = province.root
    assert (root.kind, root.parent_id) == (OrgUnitKind.AUTHORITY, None)
    institutions = OrgUnit.objects.filter(parent=root)
    assert institutions.count() == 2
    assert set(institutions.values_list("kind", flat=True)) == {OrgUnitKind.INSTITUTION}
    assert in_province(Cadre.objects.all()).count() == province.cadres == 40
    for institution in institutions:
        assert Cadre.objects.filter(unit__path__startswith=institution.path).count() == 20
    assert in_province(Post.objects.all()).count() == province.posts > 0
    assert in_province(PostQuota.objects.all()).exists()
    assert in_province(Appointment.objects.all()).count() == province.appointments > 0


def test_paths_are_the_ancestor_ids(province):
    units = {unit.pk: unit for unit in in_province(OrgUnit.objects.all())}
    assert len(units) == province.units
    for unit in units.values():
        parent_path = units[unit.parent_id].path if unit.parent_id else "/"
        assert unit.path == f"{parent_path}{unit.pk}/"


def test_a_post_is_never_held_by_two_people_at_once(province):
    by_post = defaultdict(list)
    by_cadre = defaultdict(list)
    for appointment in in_province(Appointment.objects.all()):
        by_post[appointment.post_id].append(appointment)
        by_cadre[appointment.cadre_id].append(appointment)
    far = datetime.date.max
    for periods in [*by_post.values(), *by_cadre.values()]:
        periods.sort(key=lambda a: a.start_date)
        for earlier, later in itertools.pairwise(periods):
            assert (earlier.end_date or far) <= later.start_date, (earlier, later)
    assert any(len(periods) > 1 for periods in by_post.values()), "no post has an earlier holder"
    open_primary = in_province(Appointment.objects.filter(end_date__isnull=True, is_primary=True))
    assert open_primary.count() == open_primary.values("cadre").distinct().count()


def test_history_covers_ten_years_and_people_start_work_before_their_posts(province):
    appointments = in_province(Appointment.objects.select_related("cadre"))
    assert min(a.start_date for a in appointments) <= datetime.date(2016, 1, 1)
    assert appointments.filter(end_date__isnull=False).exists()
    for appointment in appointments:
        assert appointment.cadre.work_start_date < appointment.start_date
    holders = appointments.filter(end_date__isnull=True).values("cadre")
    assert not Cadre.objects.filter(pk__in=holders).exclude(status=CadreStatus.SERVING).exists()


def test_id_numbers_are_valid_and_derived_columns_filled(province):
    cadres = list(in_province(Cadre.objects.all()))
    numbers = [cadre.id_number for cadre in cadres]
    assert len(set(numbers)) == len(numbers)
    for cadre in cadres:
        assert validate_id_number(value=cadre.id_number, birth_date=cadre.birth_date, gender=cadre.gender)
        assert (cadre.name_initials, cadre.name_pinyin) == name_search_keys(name=cadre.name)
        assert cadre.retirement_date == retirement_date(
            birth_date=cadre.birth_date, category=cadre.retirement_category
        )


def test_province_user_sees_the_province_only(province):
    user = User.objects.get(username=PROVINCE_USER)
    assert user.scope_unit == province.root
    assert user.groups.filter(name=HR.group).exists()
    outside = CadreFactory(
        unit=OrgUnit.objects.create(code="ELSE", name="别处", kind="institution", path="/0/")
    )
    visible = scoped(user, Cadre.objects.all())
    assert visible.count() == 40
    assert not visible.filter(pk=outside.pk).exists()


def test_second_run_changes_nothing(province):
    counts = (OrgUnit.objects.count(), Cadre.objects.count(), Appointment.objects.count())
    assert seed_province(institutions=2, cadres_per_institution=20, on=ON) is None
    assert (OrgUnit.objects.count(), Cadre.objects.count(), Appointment.objects.count()) == counts


# ---------------------------------------------------------------------------- query counts


def add_cadres(tree, count: int, start: int) -> None:
    """Cadres in A and B, every other one holding a post of their own."""
    for i in range(start, start + count):
        unit = tree.a if i % 2 else tree.b
        cadre = CadreFactory(
            unit=unit, name=f"干部{i}", birth_date=datetime.date(1965 + i % 25, 1 + i % 12, 1)
        )
        if i % 2 == 0:
            post = PostFactory(unit=unit, level=level("middle_deputy" if i % 4 else "middle_principal"))
            AppointmentFactory(cadre=cadre, post=post, start_date=datetime.date(2018 + i % 6, 3, 1))


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


URLS = [
    "/api/v1/cadres/",
    "/api/v1/cadres/?q=干部1",
    "/api/v1/cadres/?q=gb",
    "/api/v1/org-units/",
    "/dashboard/structure/",
]


def test_list_search_and_dashboard_queries_do_not_grow_with_the_data(client, users, tree):
    PostQuotaFactory(unit=tree.a, level=level("middle_deputy"), approved=30)
    PostQuotaFactory(unit=tree.b, level=level("middle_principal"), approved=1)
    client.force_login(users.hr)
    # The user's first requests fill the permission cache (core.authcache); the read log of one
    # cadre names its content type, which Django caches once read.
    for url in URLS:
        client.get(url)
    ContentType.objects.get_for_model(Cadre)
    add_cadres(tree, 5, start=0)
    small = {url: count_queries(client, url) for url in URLS}
    add_cadres(tree, 45, start=5)
    large = {url: count_queries(client, url) for url in URLS}
    assert client.get("/api/v1/cadres/").json()["count"] == 50
    assert large == small


# ---------------------------------------------------------------------------- national


def test_national_builds_departments_under_one_unit_and_resumes(db):
    from cadres.demo.province import NATIONAL_CODE, NATIONAL_USER, seed_national

    done = seed_national(provinces=2, institutions=2, cadres_per_institution=10, on=ON)
    assert [region.cadres for region in done] == [20, 20]
    top = OrgUnit.objects.get(code=NATIONAL_CODE)
    regions = OrgUnit.objects.filter(parent=top).order_by("code")
    assert [r.code for r in regions] == ["N01", "N02"]
    assert all(r.path == f"{top.path}{r.pk}/" for r in regions)
    user = User.objects.get(username=NATIONAL_USER)
    assert user.scope_unit == top
    assert scoped(user, Cadre.objects.all()).count() == 40
    ids = list(Cadre.objects.values_list("id_number", flat=True))
    assert len(ids) == len(set(ids))
    # A third department is added beside the two, which are left as they are.
    assert [
        r.root.code for r in seed_national(provinces=3, institutions=2, cadres_per_institution=10, on=ON)
    ] == ["N03"]
    assert scoped(user, Cadre.objects.all()).count() == 60
