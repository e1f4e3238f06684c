"""Province-scale demo data: an education department over about 100 institutions.

The rows go in with bulk_create so that 30,000 cadres load in a minute or two; this module
therefore fills what the services would (tree paths, pinyin search keys, retirement dates)
and writes no history rows. The service-driven single college stays in `cadres.demo.college`.
"""

import datetime
import random
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from cadres.demo import college as demo
from cadres.demo.people import PLACES, SCHOOLS, fake_id_number, fake_name
from cadres.models import (
    Appointment,
    Cadre,
    CadreStatus,
    OrgUnit,
    OrgUnitKind,
    Post,
    PostCategory,
    PostLevel,
    PostQuota,
)
from cadres.rules.pinyin import name_search_keys, substring_keys
from cadres.rules.retirement import retirement_date
from cadres.services.cadre import default_retirement_category
from cadres.signals import figures_changed
from core.models import User
from core.roles import HR

PROVINCE_CODE = "PROV"
PROVINCE_NAME = "省教育厅"
PROVINCE_USER = "province"
HISTORY_YEARS = 10
BATCH = 2000
P, D, S = demo.P, demo.D, "section"
LEVEL_AGES = {**demo.LEVEL_AGES, S: (28, 55)}
VACANCY_RATE = 0.08
ADM, PARTY, ACAD = PostCategory.ADMINISTRATIVE, PostCategory.PARTY, PostCategory.ACADEMIC

CITIES = [
    "郑州", "开封", "洛阳", "平顶山", "安阳", "鹤壁", "新乡", "焦作", "濮阳", "许昌",
    "漯河", "三门峡", "南阳", "商丘", "信阳", "周口", "驻马店", "济源",
]  # fmt: skip
INSTITUTION_KINDS = [
    "职业技术学院", "师范学院", "理工学院", "工业职业技术学院", "财经学院",
    "医学高等专科学校", "幼儿师范高等专科学校", "交通职业技术学院", "农业职业学院", "科技职业学院",
]  # fmt: skip
SECTIONS = ["综合科", "业务一科", "业务二科", "业务三科"]
COLLEGE_OFFICES = ["办公室", "学生工作办公室"]


@dataclass
class UnitSpec:
    code: str
    name: str
    kind: str
    order: int
    parent: "UnitSpec | None"
    institution: int = -1
    posts: list[tuple[str, str, str, bool]] = field(default_factory=list)  # title, level, category, key
    spare: int = 0  # extra (or, negative, missing) approved seats at the deputy level
    obj: OrgUnit | None = None


@dataclass
class Tenure:
    post: Post
    level: str
    start: datetime.date
    end: datetime.date | None


@dataclass
class ProvinceSeed:
    root: OrgUnit
    institutions: int
    units: int
    posts: int
    cadres: int
    appointments: int


@dataclass
class _People:
    """Running state while cadres are made: ID numbers must stay unique, pinyin is cached."""

    rng: random.Random
    on: datetime.date
    used_ids: set[str]
    keys: dict[str, tuple[str, str]] = field(default_factory=dict)
    cadres: list[Cadre] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)


# ---------------------------------------------------------------------------- org structure


def _institution_names(rng: random.Random, count: int) -> list[str]:
    names = [city + kind for city in CITIES for kind in INSTITUTION_KINDS]
    picked = rng.sample(names, min(count, len(names)))
    picked += [f"第{i}职业技术学院" for i in range(1, count - len(picked) + 1)]
    return picked


def _scaled(rng: random.Random, low: int, high: int, factor: float, *, at_most: int, at_least=1) -> int:
    return min(at_most, max(at_least, round(rng.randint(low, high) * factor)))


def _institution(
    rng, *, index: int, name: str, root: UnitSpec, factor: float, prefix: str = ""
) -> list[UnitSpec]:
    """One institution's units and posts, a realistic subset of the demo college's."""
    code = f"{prefix}P{index + 1:03d}"
    inst = UnitSpec(code, name, OrgUnitKind.INSTITUTION, index, root, index)
    leaders = demo.LEADERSHIP if factor >= 0.5 else demo.LEADERSHIP[: max(2, round(8 * factor))]
    party = UnitSpec(f"{code}-LD", "党委（领导班子）", OrgUnitKind.PARTY_COMMITTEE, 0, inst, index)
    party.posts = [(title, level, cat, False) for title, level, cat in leaders]
    units = [inst, party]
    functional = rng.sample(demo.FUNCTIONAL, _scaled(rng, 8, 15, factor, at_most=len(demo.FUNCTIONAL)))
    for order, (dcode, dname, principals, deputies, key, cat, spare) in enumerate(functional, 1):
        dept = UnitSpec(f"{code}-{dcode}", dname, OrgUnitKind.FUNCTIONAL, order, inst, index, spare=spare)
        dept.posts = [(t, P, cat, key) for t in principals] + [(t, D, cat, key) for t in deputies]
        units.append(dept)
        for n, section in enumerate(SECTIONS[: rng.randint(1, 3) if factor >= 0.5 else 1]):
            sub = UnitSpec(f"{dept.code}-K{n + 1}", section, OrgUnitKind.SUB_UNIT, n, dept, index)
            sub.posts = [("科长", S, cat, False)] + (
                [("副科长", S, cat, False)] if rng.random() < 0.7 else []
            )
            units.append(sub)
    colleges = rng.sample(demo.COLLEGES, _scaled(rng, 5, 10, factor, at_most=len(demo.COLLEGES)))
    for order, (ccode, cname) in enumerate(colleges, 100):
        college = UnitSpec(f"{code}-{ccode}", cname, OrgUnitKind.COLLEGE, order, inst, index)
        college.posts = [(t, level, cat, False) for t, level, cat in demo.COLLEGE_POSTS]
        units.append(college)
        for n, office in enumerate(COLLEGE_OFFICES):
            sub = UnitSpec(
                f"{college.code}-B{n + 1}", f"{cname}{office}", OrgUnitKind.SUB_UNIT, n, college, index
            )
            sub.posts = [("主任", S, ACAD if n == 0 else PARTY, False)]
            units.append(sub)
    direct = rng.sample(demo.DIRECT, _scaled(rng, 3, 6, factor, at_most=len(demo.DIRECT), at_least=0))
    for order, (ucode, uname, principals, deputies) in enumerate(direct, 200):
        unit = UnitSpec(f"{code}-{ucode}", uname, OrgUnitKind.DIRECT, order, inst, index)
        unit.posts = [(t, P, ADM, False) for t in principals] + [(t, D, ADM, False) for t in deputies]
        units.append(unit)
    for unit in units:  # a few units approved one seat more, a few one fewer (over quota)
        roll = rng.random()
        unit.spare += 1 if roll < 0.1 else (-1 if roll > 0.97 else 0)
    return units


def _weighted(rng: random.Random, rows):
    return rng.choices(rows, weights=[row[-1] for row in rows])[0]


def _depth(spec: UnitSpec) -> int:
    return 0 if spec.parent is None else 1 + _depth(spec.parent)


def _insert_units(specs: list[UnitSpec]) -> None:
    """Insert level by level; each level's paths come from its parents' in one UPDATE."""
    by_depth: dict[int, list[UnitSpec]] = {}
    for spec in specs:
        by_depth.setdefault(_depth(spec), []).append(spec)
    for depth in sorted(by_depth):
        level = by_depth[depth]
        for spec in level:
            parent = spec.parent.obj if spec.parent else None
            spec.obj = OrgUnit(
                code=spec.code,
                name=spec.name,
                name_grams=substring_keys(text=spec.name),
                kind=spec.kind,
                order=spec.order,
                parent=parent,
                path="",
            )
        OrgUnit.objects.bulk_create([s.obj for s in level], batch_size=BATCH)
        parent_path = Subquery(OrgUnit.objects.filter(pk=OuterRef("parent_id")).values("path")[:1])
        prefix = parent_path if depth else Value("/")
        OrgUnit.objects.filter(pk__in=[s.obj.pk for s in level]).update(
            path=Concat(prefix, Cast("id", CharField()), Value("/"), output_field=CharField())
        )
        for spec in level:
            spec.obj.path = f"{spec.obj.parent.path if spec.obj.parent else '/'}{spec.obj.pk}/"


def _insert_posts(specs: list[UnitSpec], levels: dict[str, PostLevel]) -> list[Post]:
    posts, quotas = [], []
    for spec in specs:
        counts: dict[str, int] = {}
        for order, (title, level_code, category, is_key) in enumerate(spec.posts):
            posts.append(
                Post(
                    unit=spec.obj,
                    title=title,
                    title_grams=substring_keys(text=title),
                    level=levels[level_code],
                    category=category,
                    is_key=is_key,
                    order=order,
                )
            )
            counts[level_code] = counts.get(level_code, 0) + 1
        for level_code, count in counts.items():
            extra = spec.spare if level_code in (D, S) or len(counts) == 1 else 0
            quotas.append(PostQuota(unit=spec.obj, level=levels[level_code], approved=max(count + extra, 0)))
    Post.objects.bulk_create(posts, batch_size=BATCH)
    PostQuota.objects.bulk_create(quotas, batch_size=BATCH)
    return posts


# ---------------------------------------------------------------------------- people


def _tenures(rng: random.Random, *, post: Post, level: str, on: datetime.date) -> list[Tenure]:
    """Who-held-it periods of one post over the last ten years, newest first, never overlapping."""
    window_start = on - relativedelta(years=HISTORY_YEARS)
    end = None if rng.random() > VACANCY_RATE else on - datetime.timedelta(days=rng.randrange(20, 300))
    tenures = []
    while True:
        length = rng.randrange(60, 3000) if end is None else rng.randrange(500, 2400)
        start = (end or on) - datetime.timedelta(days=length)
        tenures.append(Tenure(post, level, start, end))
        if start <= window_start:
            return tenures
        end = start - datetime.timedelta(days=rng.choice((0, 0, 0, rng.randrange(1, 150))))


def _between(rng: random.Random, earliest: datetime.date, latest: datetime.date) -> datetime.date:
    span = (latest - earliest).days
    return earliest + datetime.timedelta(days=rng.randrange(span) if span > 0 else 0)


def _new_cadre(
    people: _People,
    *,
    unit: OrgUnit,
    gender: str,
    birth: datetime.date,
    first_post: datetime.date | None,
    party_post: bool = False,
) -> Cadre:
    rng, on = people.rng, people.on
    work_start = birth + relativedelta(years=rng.randrange(21, 25), day=1)
    if first_post is not None and work_start >= first_post:
        work_start = max(first_post - relativedelta(years=1), birth + relativedelta(years=18))
    work_start = min(work_start, on)
    id_number = fake_id_number(rng=rng, birth=birth, gender=gender)
    while id_number in people.used_ids:
        id_number = fake_id_number(rng=rng, birth=birth, gender=gender)
    people.used_ids.add(id_number)
    name = fake_name(rng)
    if name not in people.keys:
        people.keys[name] = name_search_keys(name=name)
    initials, pinyin = people.keys[name]
    education, degree, _w = _weighted(rng, demo.EDUCATIONS)
    title, grade, _w = _weighted(rng, demo.TITLES)
    party = rng.random() < 0.88 or party_post  # a party post is held by a party member
    school = rng.choice(SCHOOLS)
    category = default_retirement_category(gender)
    cadre = Cadre(
        unit=unit,
        name=name,
        name_initials=initials,
        name_pinyin=pinyin,
        name_grams=substring_keys(text=name),
        gender=gender,
        birth_date=birth,
        ethnicity=_weighted(rng, demo.ETHNICITIES)[0],
        native_place=rng.choice(PLACES),
        birthplace=rng.choice(PLACES),
        id_number=id_number,
        political_status="cpc_member" if party else rng.choice(["democratic_party", "non_party", "masses"]),
        party_join_date=min(birth + relativedelta(years=rng.randrange(19, 30), day=1), on) if party else None,
        work_start_date=work_start,
        professional_title=title,
        title_grade=grade,
        education=education,
        degree=degree,
        education_school=school,
        specialities=school.split()[-1],
        resume=f"{birth.year + 18}.09--{work_start.year}.07 {school.split()[0]}学习\n"
        f"{work_start.year}.07-- 参加工作",
        retirement_category=category,
        retirement_date=retirement_date(birth_date=birth, category=category),
    )
    people.cadres.append(cadre)
    return cadre


def _holder(people: _People, tenure: Tenure) -> Cadre:
    """A serving cadre of an age that fits the level, old enough to have started the post."""
    rng, on = people.rng, people.on
    gender = "male" if rng.random() < 0.7 else "female"
    youngest, oldest = LEVEL_AGES[tenure.level]
    if gender == "female":
        oldest = min(oldest, 54)  # women cadres retire from 55
    earliest = on - relativedelta(years=oldest)
    latest = min(on - relativedelta(years=youngest), tenure.start - relativedelta(years=26))
    birth = _between(rng, earliest, max(latest, earliest))
    return _new_cadre(
        people,
        unit=tenure.post.unit,
        gender=gender,
        birth=birth,
        first_post=tenure.start,
        party_post=tenure.post.category == PARTY,
    )


def _former(people: _People, tenure: Tenure) -> Cadre:
    """A cadre who left the post and the institution: retired at its end, or transferred out."""
    rng = people.rng
    gender = "male" if rng.random() < 0.7 else "female"
    if rng.random() < 0.55:
        base = 60 if gender == "male" else 55
        birth = tenure.end - relativedelta(years=base) - datetime.timedelta(days=rng.randrange(0, 200))
    else:
        birth = _between(rng, tenure.start - relativedelta(years=50), tenure.start - relativedelta(years=30))
    cadre = _new_cadre(
        people,
        unit=tenure.post.unit,
        gender=gender,
        birth=birth,
        first_post=tenure.start,
        party_post=tenure.post.category == PARTY,
    )
    retired = cadre.retirement_date <= people.on and cadre.retirement_date <= tenure.end + relativedelta(
        years=1
    )
    cadre.status = CadreStatus.RETIRED if retired else CadreStatus.LEFT
    return cadre


def _appoint(people: _People, *, cadre: Cadre, tenure: Tenure, short: str, reason: str = "") -> None:
    people.appointments.append(
        Appointment(
            cadre=cadre,
            post=tenure.post,
            start_date=tenure.start,
            end_date=tenure.end,
            is_primary=True,
            document_no=f"{short}党〔{tenure.start.year}〕{people.rng.randrange(1, 80)}号",
            leave_reason=reason if tenure.end else "",
        )
    )


def _staff_institution(
    people: _People, *, posts: list[Post], units: list[OrgUnit], short: str, size: int, ranks: dict
) -> None:
    """Current holders, earlier holders (promoted colleagues or people since gone), other cadres."""
    rng = people.rng
    start_count = len(people.cadres)
    tenures = [t for post in posts for t in _tenures(rng, post=post, level=post.level.code, on=people.on)]
    current = [t for t in tenures if t.end is None]
    rng.shuffle(current)
    current = current[: int(size * 0.8)]
    holders: list[tuple[Cadre, int, datetime.date]] = []  # cadre, level rank, first appointment start
    for tenure in sorted(current, key=lambda t: ranks[t.level]):
        cadre = _holder(people, tenure)
        _appoint(people, cadre=cadre, tenure=tenure, short=short)
        holders.append((cadre, ranks[tenure.level], tenure.start))
    former_budget = min(int(size * 0.25), size - len(holders))
    for tenure in sorted((t for t in tenures if t.end is not None), key=lambda t: t.end, reverse=True):
        mover = _mover(rng, holders, tenure=tenure, rank=ranks[tenure.level]) if rng.random() < 0.6 else None
        if mover is not None:
            _appoint(people, cadre=holders[mover][0], tenure=tenure, short=short, reason="职务调整")
            holders[mover] = (holders[mover][0], holders[mover][1], tenure.start)
        elif former_budget > 0:
            former_budget -= 1
            cadre = _former(people, tenure)
            reason = "退休" if cadre.status == CadreStatus.RETIRED else "调出"
            _appoint(people, cadre=cadre, tenure=tenure, short=short, reason=reason)
        # otherwise nobody is known to have held the post then: an old vacancy
    sections = [u for u in units if u.kind == OrgUnitKind.SUB_UNIT] or units
    while len(people.cadres) - start_count < size:  # cadres in sections who hold no leading post
        gender = "male" if rng.random() < 0.6 else "female"
        oldest = 54 if gender == "female" else 59
        birth = _between(rng, people.on - relativedelta(years=oldest), people.on - relativedelta(years=26))
        _new_cadre(people, unit=rng.choice(sections), gender=gender, birth=birth, first_post=None)


def _mover(rng: random.Random, holders: list, *, tenure: Tenure, rank: int) -> int | None:
    """A colleague who held this earlier post before a post at the same or a higher level."""
    for _try in range(6):
        if not holders:
            return None
        index = rng.randrange(len(holders))
        cadre, current_rank, first_start = holders[index]
        started_work = cadre.work_start_date < tenure.start
        if current_rank <= rank and first_start >= tenure.end and started_work:
            return index
    return None


# ---------------------------------------------------------------------------- entry points


def seed_province(
    *,
    institutions: int = 100,
    cadres_per_institution: int = 300,
    seed: int = 2026,
    on: datetime.date | None = None,
) -> ProvinceSeed | None:
    """Build the province data set; returns None, changing nothing, when it already exists."""
    if OrgUnit.objects.filter(code=PROVINCE_CODE).exists():
        return None
    with transaction.atomic():
        result = _seed_region(
            code=PROVINCE_CODE,
            name=PROVINCE_NAME,
            institutions=institutions,
            cadres_per_institution=cadres_per_institution,
            rng=random.Random(seed),
            on=on or timezone.localdate(),
            used_ids=set(Cadre.objects.exclude(id_number="").values_list("id_number", flat=True)),
        )
        seed_province_user(root=result.root)
    analyze(OrgUnit, Post, PostQuota, Cadre, Appointment)
    figures_changed()  # bulk writes send no signal
    return result


def _seed_region(
    *,
    code: str,
    name: str,
    institutions: int,
    cadres_per_institution: int,
    rng: random.Random,
    on: datetime.date,
    used_ids: set[str],
    parent: OrgUnit | None = None,
    prefix: str = "",
) -> ProvinceSeed:
    """One education department (under `parent`, the national one, or at the top) and its
    institutions, staffed with ten years of appointments."""
    people = _People(rng=rng, on=on, used_ids=used_ids)
    levels = {level.code: level for level in PostLevel.objects.all()}
    ranks = {code: level.rank for code, level in levels.items()}
    factor = cadres_per_institution / 300
    above = None
    if parent is not None:
        above = UnitSpec(parent.code, parent.name, parent.kind, parent.order, None, obj=parent)
    root = UnitSpec(code, name, OrgUnitKind.AUTHORITY, 0, above)
    blueprints = [
        _institution(rng, index=i, name=unit_name, root=root, factor=factor, prefix=prefix)
        for i, unit_name in enumerate(_institution_names(rng, institutions))
    ]
    specs = [root, *(spec for units in blueprints for spec in units)]
    _insert_units(specs)
    posts = _insert_posts(specs, levels)
    posts_by_institution: dict[int, list[Post]] = {}
    spec_by_unit = {spec.obj.pk: spec for spec in specs}
    for post in posts:
        posts_by_institution.setdefault(spec_by_unit[post.unit_id].institution, []).append(post)
    for index, units in enumerate(blueprints):
        _staff_institution(
            people,
            posts=posts_by_institution.get(index, []),
            units=[spec.obj for spec in units],
            short=units[0].name[:2] + "院",
            size=cadres_per_institution,
            ranks=ranks,
        )
    Cadre.objects.bulk_create(people.cadres, batch_size=BATCH)
    Appointment.objects.bulk_create(people.appointments, batch_size=BATCH)
    return ProvinceSeed(
        root=root.obj,
        institutions=institutions,
        units=len(specs),
        posts=len(posts),
        cadres=len(people.cadres),
        appointments=len(people.appointments),
    )


NATIONAL_CODE = "NAT"
NATIONAL_NAME = "全国教育系统"
NATIONAL_USER = "national"
REGIONS = [
    "河南省教育厅", "河北省教育厅", "山东省教育厅", "山西省教育厅", "湖北省教育厅",
    "湖南省教育厅", "江苏省教育厅", "浙江省教育厅", "安徽省教育厅", "江西省教育厅",
]  # fmt: skip


def seed_national(
    *,
    provinces: int = 10,
    institutions: int = 100,
    cadres_per_institution: int = 300,
    seed: int = 3000,
    on: datetime.date | None = None,
    progress=None,
) -> list[ProvinceSeed]:
    """Ten education departments of 30,000 cadres each under one national unit (300,000 cadres),
    and the `national` HR login over all of them. Each department is loaded in a transaction of
    its own and skipped when it exists, so an interrupted run goes on where it stopped."""
    on = on or timezone.localdate()
    with transaction.atomic():
        top = OrgUnit.objects.filter(code=NATIONAL_CODE).first()
        if top is None:
            top = OrgUnit(
                code=NATIONAL_CODE,
                name=NATIONAL_NAME,
                name_grams=substring_keys(text=NATIONAL_NAME),
                kind=OrgUnitKind.AUTHORITY,
                path="",
            )
            OrgUnit.objects.bulk_create([top])  # as the province's units: no signal, no history
            OrgUnit.objects.filter(pk=top.pk).update(path=f"/{top.pk}/")
            top.refresh_from_db()
        seed_province_user(root=top, username=NATIONAL_USER, unit_name=NATIONAL_NAME)
    used_ids = set(Cadre.objects.exclude(id_number="").values_list("id_number", flat=True))
    done = []
    for index in range(provinces):
        code = f"N{index + 1:02d}"
        if OrgUnit.objects.filter(code=code).exists():
            continue
        with transaction.atomic():
            done.append(
                _seed_region(
                    code=code,
                    name=REGIONS[index % len(REGIONS)] + ("" if index < len(REGIONS) else str(index)),
                    institutions=institutions,
                    cadres_per_institution=cadres_per_institution,
                    rng=random.Random(seed + index),
                    on=on,
                    used_ids=used_ids,
                    parent=top,
                    prefix=f"{code}-",
                )
            )
        if progress is not None:
            progress(done[-1])
    analyze(OrgUnit, Post, PostQuota, Cadre, Appointment)
    figures_changed()
    return done


def analyze(*models) -> None:
    """Fresh planner statistics: until autovacuum gets to the new rows, PostgreSQL plans the
    dashboard as if the tables were nearly empty."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models))


def seed_province_user(
    *, root: OrgUnit, username: str = PROVINCE_USER, unit_name: str = PROVINCE_NAME
) -> User:
    """An HR user whose data scope is the whole province (demo and benchmark login)."""
    user, _created = User.objects.get_or_create(username=username)
    user.last_name, user.first_name = unit_name, "人事处"
    user.scope_unit = root
    user.set_password(settings.DEMO_PASSWORD)
    user.save()
    user.groups.set([Group.objects.get(name=HR.group)])
    return user
