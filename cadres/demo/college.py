"""Demo organisation modelled on a provincial vocational college (about 170 middle-level posts)."""

import datetime
import random

from django.utils import timezone

from cadres.demo.people import PLACES, SCHOOLS, fake_birth, fake_id_number, fake_name
from cadres.models import Appointment, Cadre, OrgUnit, OrgUnitKind, Post, PostCategory, PostLevel, PostQuota
from cadres.rules.tenure import add_years
from cadres.selectors.eligibility import selection_figures
from cadres.services import appointment_save, cadre_save, org_unit_save, post_quota_save, post_save
from core.models import User

ROOT_CODE = "HZY"
P, D = "middle_principal", "middle_deputy"
ADMIN_, PARTY, ACAD = PostCategory.ADMINISTRATIVE, PostCategory.PARTY, PostCategory.ACADEMIC

LEADERSHIP = [
    ("党委书记", "college_principal", PARTY),
    ("校长", "college_principal", ADMIN_),
    ("党委副书记", "college_deputy", PARTY),
    ("党委副书记（分管学生工作）", "college_deputy", PARTY),
    ("纪委书记", "college_deputy", PARTY),
    ("副校长（分管教学）", "college_deputy", ADMIN_),
    ("副校长（分管财务后勤）", "college_deputy", ADMIN_),
    ("副校长（分管科研）", "college_deputy", ADMIN_),
]

# (code, name, principal titles, deputy titles, key post, category, spare deputy quota)
FUNCTIONAL = [
    (
        "DB",
        "党委办公室（校长办公室）",
        ["主任"],
        ["副主任", "副主任（督办）", "副主任（法务）"],
        False,
        PARTY,
        0,
    ),
    ("ZZB", "组织部（党校）", ["部长"], ["副部长", "副部长（党校常务）"], True, PARTY, 1),
    ("XCB", "宣传部（统战部）", ["部长"], ["副部长", "统战部副部长"], False, PARTY, 0),
    ("JW", "纪委办公室（监察专员办公室）", ["主任"], ["副主任", "副主任（案件审理）"], False, PARTY, 0),
    ("RSC", "人事处", ["处长"], ["副处长", "副处长（师资）", "副处长（人才引进）"], True, ADMIN_, 0),
    ("JWC", "教务处", ["处长"], ["副处长", "副处长（实践教学）", "副处长（教学质量）"], False, ADMIN_, 0),
    ("XGB", "学生工作部（学生处）", ["部长"], ["副部长", "副处长", "武装部副部长"], False, PARTY, 0),
    ("CWC", "财务处", ["处长"], ["副处长", "副处长（会计核算）", "副处长（预算）"], True, ADMIN_, 0),
    ("KYC", "科研处", ["处长"], ["副处长", "副处长（社会服务）", "副处长（平台建设）"], False, ADMIN_, 0),
    ("ZJC", "招生就业处", ["处长"], ["副处长", "副处长（就业指导）"], True, ADMIN_, 0),
    ("ZCC", "国有资产管理处", ["处长"], ["副处长（采购）", "副处长"], True, ADMIN_, 0),
    ("SJC", "审计处", ["处长"], ["副处长"], True, ADMIN_, 1),
    ("JJC", "基建处", ["处长"], ["副处长", "副处长（工程）", "副处长（维修改造）"], True, ADMIN_, 0),
    ("BWC", "保卫处", ["处长"], ["副处长", "副处长（消防）", "副处长（综治）"], False, ADMIN_, 0),
    ("GJC", "国际交流合作处", ["处长"], ["副处长", "副处长（留学生）"], False, ADMIN_, 0),
    ("FGC", "发展规划处（高职教育研究所）", ["处长"], ["副处长", "副所长"], False, ADMIN_, 0),
    ("LTX", "离退休工作处", ["处长"], ["副处长"], False, ADMIN_, 0),
    ("ZLB", "质量管理办公室", ["主任"], ["副主任", "副主任（诊改）"], False, ADMIN_, 0),
]

COLLEGES = [
    ("JD", "机电工程学院"),
    ("XX", "信息工程学院"),
    ("JZ", "建筑工程学院"),
    ("JG", "经济管理学院"),
    ("YS", "艺术设计学院"),
    ("WY", "外国语学院"),
    ("MY", "马克思主义学院"),
    ("QC", "汽车工程学院"),
    ("SP", "食品工程学院"),
    ("LY", "旅游学院"),
    ("JX", "继续教育学院"),
    ("ZN", "智能制造学院"),
    ("DZ", "电子工程学院"),
    ("XD", "现代服务学院"),
]
COLLEGE_POSTS = [
    ("党总支书记", P, PARTY),
    ("院长", P, ACAD),
    ("党总支副书记", D, PARTY),
    ("副院长（教学）", D, ACAD),
    ("副院长（科研与社会服务）", D, ACAD),
    ("副院长（学生工作）", D, ACAD),
]

DIRECT = [
    ("TSG", "图书馆", ["馆长"], ["副馆长"]),
    ("WLZX", "网络信息中心", ["主任"], ["副主任", "副主任（数据治理）"]),
    ("HQ", "后勤服务中心", ["主任"], ["副主任", "副主任（餐饮）", "副主任（物业）"]),
    ("GH", "工会", ["常务副主席"], ["副主席"]),
    ("TW", "团委", ["书记"], ["副书记"]),
    ("DAG", "档案馆", ["馆长"], []),
    ("PXZX", "培训中心", ["主任"], ["副主任", "副主任（继续教育）"]),
    ("GCZX", "工程训练中心", ["主任"], ["副主任", "副主任（实训基地）"]),
    ("SXZX", "实验实训管理中心", ["主任"], ["副主任", "副主任（设备）"]),
]


def _unit(actor, code, name, kind, parent, order):
    unit = OrgUnit.objects.filter(code=code).first() or OrgUnit(code=code)
    unit.name, unit.kind, unit.parent, unit.order = name, kind, parent, order
    return org_unit_save(unit=unit, acting_user=actor)


def _posts(actor, unit, rows, levels):
    """rows: (title, level code, category, key post); quotas follow the posts of each level."""
    counts: dict[str, int] = {}
    for order, (title, level_code, category, is_key) in enumerate(rows):
        post = Post.objects.filter(unit=unit, title=title).first() or Post(unit=unit, title=title)
        post.level, post.category, post.is_key, post.order = levels[level_code], category, is_key, order
        post_save(post=post, acting_user=actor)
        counts[level_code] = counts.get(level_code, 0) + 1
    return counts


def _quotas(actor, unit, counts, levels, spare=None):
    for level_code, count in counts.items():
        quota = PostQuota.objects.filter(unit=unit, level=levels[level_code]).first()
        quota = quota or PostQuota(unit=unit, level=levels[level_code])
        quota.approved = count + (spare or {}).get(level_code, 0)
        post_quota_save(quota=quota, acting_user=actor)


def seed_org(*, acting_user: User) -> OrgUnit:
    """Build (or refresh) the demo college; safe to run again."""
    levels = {level.code: level for level in PostLevel.objects.all()}
    root = _unit(acting_user, ROOT_CODE, "示范职业技术学院", OrgUnitKind.INSTITUTION, None, 0)
    leadership = _unit(acting_user, "HZY-LD", "学校党委（领导班子）", OrgUnitKind.PARTY_COMMITTEE, root, 0)
    rows = [(title, level, cat, False) for title, level, cat in LEADERSHIP]
    _quotas(acting_user, leadership, _posts(acting_user, leadership, rows, levels), levels)

    for order, (code, name, principals, deputies, key, cat, spare) in enumerate(FUNCTIONAL, 1):
        unit = _unit(acting_user, f"HZY-{code}", name, OrgUnitKind.FUNCTIONAL, root, order)
        rows = [(t, P, cat, key) for t in principals] + [(t, D, cat, key) for t in deputies]
        _quotas(acting_user, unit, _posts(acting_user, unit, rows, levels), levels, {D: spare})

    for order, (code, name) in enumerate(COLLEGES, 100):
        unit = _unit(acting_user, f"HZY-{code}", name, OrgUnitKind.COLLEGE, root, order)
        rows = [(t, level, cat, False) for t, level, cat in COLLEGE_POSTS]
        _quotas(acting_user, unit, _posts(acting_user, unit, rows, levels), levels)
        _unit(acting_user, f"HZY-{code}-BGS", f"{name}办公室", OrgUnitKind.SUB_UNIT, unit, 0)

    for order, (code, name, principals, deputies) in enumerate(DIRECT, 200):
        unit = _unit(acting_user, f"HZY-{code}", name, OrgUnitKind.DIRECT, root, order)
        rows = [(t, P, ADMIN_, False) for t in principals] + [(t, D, ADMIN_, False) for t in deputies]
        _quotas(acting_user, unit, _posts(acting_user, unit, rows, levels), levels)
    return root


# Leadership post title → codes of the units it oversees (分管); 档案馆 (DAG) is left to no one, to
# show the gap in the responsibility letters. One map for every system's demo (appraisal's care
# talks, oversight's letters), so neither seeder narrows what the other builds on.
SUPERVISION = {
    "党委书记": ["DB", "ZZB"],
    "校长": ["RSC", "FGC", "ZLB"],
    "党委副书记": ["XCB", "GH", "TW", "MY", "LTX"],
    "党委副书记（分管学生工作）": ["XGB", "ZJC"],
    "纪委书记": ["JW", "SJC"],
    "副校长（分管教学）": ["JWC", "JD", "XX", "JZ", "JG", "YS", "WY", "JX", "PXZX", "SXZX", "GCZX"],
    "副校长（分管财务后勤）": ["CWC", "ZCC", "JJC", "HQ", "BWC"],
    "副校长（分管科研）": ["KYC", "GJC", "QC", "SP", "LY", "ZN", "DZ", "XD", "TSG", "WLZX"],
}


def seed_supervision() -> None:
    """Set who of the leadership oversees what, unless someone already has (an administrator's
    edits stay)."""
    posts = {p.title: p for p in Post.objects.filter(unit__code=f"{ROOT_CODE}-LD")}
    if any(p.supervised_units.exists() for p in posts.values()):
        return
    units = {u.code: u for u in OrgUnit.objects.filter(code__startswith=f"{ROOT_CODE}-")}
    for title, codes in SUPERVISION.items():
        if title in posts:
            posts[title].supervised_units.set(
                [units[f"{ROOT_CODE}-{c}"] for c in codes if f"{ROOT_CODE}-{c}" in units]
            )


REFERENCE_DAY = datetime.date(2026, 1, 1)  # births are fixed relative to this, so reruns match
LEVEL_AGES = {
    "college_principal": (50, 59),
    "college_deputy": (45, 58),
    "middle_principal": (40, 59),
    "middle_deputy": (32, 55),
}
EDUCATIONS = [
    ("bachelor", "bachelor", 35),
    ("master", "master", 45),
    ("doctor", "doctor", 15),
    ("junior_college", "", 5),
]
TITLES = [
    ("教授", "senior", 20),
    ("副教授", "associate", 40),
    ("讲师", "intermediate", 25),
    ("高级经济师", "associate", 5),
    ("研究员", "senior", 5),
    ("", "", 5),
]
ETHNICITIES = [("han", 92), ("hui", 4), ("manchu", 2), ("mongol", 1), ("tujia", 1)]


def _weighted(rng, rows):
    return rng.choices(rows, weights=[row[-1] for row in rows])[0]


def _document_no(rng, year: int) -> str:
    return f"示范院党〔{year}〕{rng.randrange(1, 60)}号"


def _new_cadre(rng, *, unit, level_code: str, actor: User, party_post: bool = False) -> Cadre:
    youngest, oldest = LEVEL_AGES[level_code]
    gender = "male" if rng.random() < 0.72 else "female"
    birth = fake_birth(rng, youngest=youngest, oldest=oldest, today=REFERENCE_DAY)
    education, degree, _w = _weighted(rng, EDUCATIONS)
    title, grade, _w = _weighted(rng, TITLES)
    work_start = birth.replace(year=birth.year + rng.randrange(21, 25), day=1)
    party = rng.random() < 0.9 or party_post  # a party post is held by a party member
    school = rng.choice(SCHOOLS)
    cadre = Cadre(
        unit=unit,
        name=fake_name(rng),
        gender=gender,
        birth_date=birth,
        ethnicity=_weighted(rng, ETHNICITIES)[0],
        native_place=rng.choice(PLACES),
        birthplace=rng.choice(PLACES),
        id_number=fake_id_number(rng=rng, birth=birth, gender=gender),
        political_status="cpc_member" if party else rng.choice(["democratic_party", "non_party", "masses"]),
        party_join_date=birth.replace(year=birth.year + rng.randrange(20, 30), day=1) if party else None,
        work_start_date=work_start,
        professional_title=title,
        title_grade=grade,
        education=education,
        degree=degree,
        education_school=school,
        specialities=school.split()[-1],
        resume="\n".join(
            [
                f"{birth.year + 18}.09--{work_start.year}.07 {school.split()[0]}学习",
                f"{work_start.year}.07--{work_start.year + 8}.07 示范职业技术学院教师",
                f"{work_start.year + 8}.07-- 示范职业技术学院工作",
            ]
        ),
        rewards_punishments="" if rng.random() < 0.7 else f"{work_start.year + 10}年获评省级优秀教师",
        appraisal_summary=f"{REFERENCE_DAY.year - 3}至{REFERENCE_DAY.year - 1}年度考核均为称职",
    )
    family = [
        {
            "relation": "spouse",
            "name": fake_name(rng),
            "political_status": "中共党员",
            "work_unit_post": "示范市第一中学教师",
        }
    ]
    if rng.random() < 0.8:
        family.append(
            {
                "relation": rng.choice(["son", "daughter"]),
                "name": fake_name(rng),
                "political_status": "共青团员",
                "work_unit_post": "学生",
            }
        )
    return cadre_save(cadre=cadre, family=family, acting_user=actor)


def _appoint(rng, *, cadre, post, start, end=None, primary=True, actor: User):
    appointment = Appointment(
        cadre=cadre,
        post=post,
        start_date=start,
        end_date=end,
        is_primary=primary,
        document_no=_document_no(rng, start.year),
        leave_reason="" if end is None else "职务调整",
    )
    return appointment_save(appointment=appointment, acting_user=actor)


def _tenure_start(rng, *, post, figures, today: datetime.date) -> datetime.date:
    """When the holder took the post: most well within the rotation years, a few (long tenures)
    due for rotation within the due list's 90 days or overdue by up to 45 days.

    Counted from today, not REFERENCE_DAY: drawn over twelve years, most key posts (five years)
    and a fifth of the others were overdue the day the demo was seeded, back to 2019.
    """
    years = figures.key_post_rotation_years if post.is_key else figures.rotation_years
    if rng.random() < 0.07:
        return add_years(start=today + datetime.timedelta(days=rng.randrange(-45, 85)), years=-years)
    return today - datetime.timedelta(days=rng.randrange(200, years * 365 - 200))


def seed_cadres(*, root: OrgUnit, acting_user: User, seed: int = 2026) -> int:
    """One holder for most posts of the demo college, with earlier posts for principals.

    Safe to run again: a college that already has cadres is left as it is.
    """
    if Cadre.objects.filter(unit__path__startswith=root.path).exists():
        return 0
    rng = random.Random(seed)
    posts = list(
        Post.objects.filter(unit__path__startswith=root.path, active=True).select_related("level", "unit")
    )
    deputies = [p for p in posts if p.level.code == "middle_deputy"]
    figures, today = selection_figures(), timezone.localdate()
    free_from: dict[int, datetime.date] = {}
    created = 0
    for post in sorted(posts, key=lambda p: p.level.rank):
        if rng.random() < 0.08:  # a few vacancies
            continue
        cadre = _new_cadre(
            rng,
            unit=post.unit,
            level_code=post.level.code,
            actor=acting_user,
            party_post=post.category == PARTY,
        )
        earliest = max(
            free_from.get(post.pk, cadre.work_start_date),
            cadre.work_start_date + datetime.timedelta(days=3650),
        )
        start = max(earliest, _tenure_start(rng, post=post, figures=figures, today=today))
        if post.level.code == "middle_principal" and deputies:
            previous = rng.choice(deputies)
            prev_start = start - datetime.timedelta(days=rng.randrange(800, 2200))
            if prev_start >= free_from.get(previous.pk, prev_start) and prev_start > cadre.work_start_date:
                _appoint(rng, cadre=cadre, post=previous, start=prev_start, end=start, actor=acting_user)
                free_from[previous.pk] = start
        _appoint(rng, cadre=cadre, post=post, start=start, actor=acting_user)
        created += 1
    return created


def cadres_under(code: str) -> list[Cadre]:
    """The cadres of the unit with `code` and its subtree, in a stable order (for other systems' demo)."""
    path = OrgUnit.objects.filter(code=code).values_list("path", flat=True).first()
    return list(Cadre.objects.filter(unit__path__startswith=path).order_by("pk")) if path else []
