"""Demo organisation modelled on a provincial vocational college (about 170 middle-level posts)."""

from cadres.models import OrgUnit, OrgUnitKind, Post, PostCategory, PostLevel, PostQuota
from cadres.services import org_unit_save, post_quota_save, post_save

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


def _unit(code, name, kind, parent, order):
    unit = OrgUnit.objects.filter(code=code).first() or OrgUnit(code=code)
    unit.name, unit.kind, unit.parent, unit.order = name, kind, parent, order
    return org_unit_save(unit=unit)


def _posts(unit, rows, levels):
    """rows: (title, level code, category, key post); quotas follow the posts of each level."""
    counts: dict[str, int] = {}
    for order, (title, level_code, category, is_key) in enumerate(rows):
        post = Post.objects.filter(unit=unit, title=title).first() or Post(unit=unit, title=title)
        post.level, post.category, post.is_key, post.order = levels[level_code], category, is_key, order
        post_save(post=post)
        counts[level_code] = counts.get(level_code, 0) + 1
    return counts


def _quotas(unit, counts, levels, spare=None):
    for level_code, count in counts.items():
        quota = PostQuota.objects.filter(unit=unit, level=levels[level_code]).first()
        quota = quota or PostQuota(unit=unit, level=levels[level_code])
        quota.approved = count + (spare or {}).get(level_code, 0)
        post_quota_save(quota=quota)


def seed_org() -> OrgUnit:
    """Build (or refresh) the demo college; safe to run again."""
    levels = {level.code: level for level in PostLevel.objects.all()}
    root = _unit("HZY", "示范职业技术学院", OrgUnitKind.INSTITUTION, None, 0)
    leadership = _unit("HZY-LD", "学校党委（领导班子）", OrgUnitKind.PARTY_COMMITTEE, root, 0)
    rows = [(title, level, cat, False) for title, level, cat in LEADERSHIP]
    _quotas(leadership, _posts(leadership, rows, levels), levels)

    for order, (code, name, principals, deputies, key, cat, spare) in enumerate(FUNCTIONAL, 1):
        unit = _unit(f"HZY-{code}", name, OrgUnitKind.FUNCTIONAL, root, order)
        rows = [(t, P, cat, key) for t in principals] + [(t, D, cat, key) for t in deputies]
        _quotas(unit, _posts(unit, rows, levels), levels, {D: spare})

    for order, (code, name) in enumerate(COLLEGES, 100):
        unit = _unit(f"HZY-{code}", name, OrgUnitKind.COLLEGE, root, order)
        rows = [(t, level, cat, False) for t, level, cat in COLLEGE_POSTS]
        _quotas(unit, _posts(unit, rows, levels), levels)
        _unit(f"HZY-{code}-BGS", f"{name}办公室", OrgUnitKind.SUB_UNIT, unit, 0)

    for order, (code, name, principals, deputies) in enumerate(DIRECT, 200):
        unit = _unit(f"HZY-{code}", name, OrgUnitKind.DIRECT, root, order)
        rows = [(t, P, ADMIN_, False) for t in principals] + [(t, D, ADMIN_, False) for t in deputies]
        _quotas(unit, _posts(unit, rows, levels), levels)
    return root
