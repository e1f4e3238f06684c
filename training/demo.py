"""Demo data of the training system: a year of monthly study in most units (a few missing), 12
第一议题 entries with their tasks, 30+ lectures, the party-spirit trips, programmes with
participants (some cadres short of hours), two secondments and the rule library's 46 documents.

Idempotent: nothing is added once the college has study sessions (or the library documents).
Bulk-loaded (one query per table), so it runs in seconds on SQLite too.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from cadres.demo.college import ROOT_CODE, cadres_under
from cadres.models import OrgUnit
from cadres.rules.tenure import add_months
from core.demo import Seeder
from training import choices as c
from training.models import (
    FollowUpTask,
    HoursTotal,
    ProgrammeParticipant,
    RuleDocument,
    Secondment,
    StudyAttendance,
    StudySession,
    TrainingProgramme,
)
from training.rules import search_tokens
from training.services import hours_totals_refresh

MONTHLY_TOPICS = [
    "学习习近平总书记关于教育的重要论述",
    "学习党的二十届四中全会精神",
    "学习《中国共产党纪律处分条例》",
    "学习习近平总书记在全国教育大会上的重要讲话",
    "学习《干部教育培训工作条例》",
    "深入学习贯彻中央八项规定精神",
]
FIRST_ITEMS = [
    ("习近平总书记在全国教育大会上的重要讲话", "新华社", "加快建设教育强国的落实方案"),
    ("习近平总书记关于职业教育的重要指示", "人民日报", "产教融合专项工作计划"),
    ("习近平总书记在中央政治局集体学习时的讲话", "求是", "理论学习中心组年度计划"),
    ("习近平总书记关于全面从严治党的重要论述", "人民日报", "作风建设专项整治方案"),
]
LECTURES = [
    "新时代职业教育改革发展形势",
    "数字化转型与智慧校园建设",
    "高校意识形态工作责任制",
    "高质量发展视域下的专业群建设",
    "依法治校与合同管理",
    "保密工作专题讲座",
]
TRIPS = [
    ("延安", "延安干部学院"),
    ("井冈山", "中国井冈山干部学院"),
    ("大别山", "大别山干部学院"),
    ("红旗渠", "红旗渠干部学院"),
]
PROGRAMMES = [
    # title, kind, organiser, institution, party school, recognised, days, hours, place
    (
        "省委党校中青年干部培训班",
        c.ProgrammeKind.YOUNG_MIDDLE,
        "external",
        "中共某省委党校",
        True,
        True,
        30,
        160,
        "省委党校",
    ),
    (
        "中层干部能力提升培训班",
        c.ProgrammeKind.CAPABILITY,
        "internal",
        "示范职业技术学院党校",
        True,
        True,
        5,
        40,
        "学术报告厅",
    ),
    (
        "党支部书记示范培训班",
        c.ProgrammeKind.BRANCH_SECRETARY,
        "internal",
        "示范职业技术学院党校",
        True,
        True,
        4,
        32,
        "党校教室",
    ),
    (
        "干部网络学院年度专题",
        c.ProgrammeKind.ONLINE,
        "external",
        "干部网络学院",
        False,
        False,
        300,
        50,
        "线上",
    ),
    (
        "省教育厅高职院校管理干部调训",
        c.ProgrammeKind.HIGHER_LEVEL,
        "external",
        "国家教育行政学院",
        False,
        True,
        10,
        80,
        "北京",
    ),
    (
        "职业教育管理高级研修班",
        c.ProgrammeKind.OTHER,
        "external",
        "某教育咨询公司",
        False,
        False,
        3,
        24,
        "杭州",
    ),
]
RULE_PARTS = {
    c.RulePart.LEADERSHIP: [
        "党委会议事规则",
        "校长办公会议事规则",
        "党委理论学习中心组学习规则",
        "“三重一大”决策制度实施办法",
        "领导班子民主生活会制度",
        "党委领导下的校长负责制实施细则",
        "领导干部联系基层制度",
        "领导班子议事决策程序规定",
        "领导干部个人有关事项报告办法",
        "党委常委会工作规则",
    ],
    c.RulePart.ORGANISATION: [
        "中层干部选拔任用工作实施办法",
        "干部教育培训工作实施办法",
        "中层干部考核办法",
        "干部挂职锻炼管理办法",
        "后备干部队伍建设办法",
        "干部任前公示办法",
        "干部人事档案管理办法",
        "基层党组织建设工作规定",
        "党员发展工作实施细则",
        "干部轮岗交流办法",
        "干部试用期管理办法",
        "干部谈心谈话制度",
    ],
    c.RulePart.PUBLICITY: [
        "意识形态工作责任制实施细则",
        "新闻宣传工作管理办法",
        "网络舆情处置办法",
        "统一战线工作实施办法",
        "校园网站管理办法",
        "报告会讲座论坛管理办法",
        "宣传思想文化工作考核办法",
        "党外代表人士队伍建设办法",
    ],
    c.RulePart.DISCIPLINE: [
        "党风廉政建设责任制实施办法",
        "纪委监督执纪工作规则",
        "廉政风险防控管理办法",
        "信访举报工作办法",
        "落实中央八项规定精神实施细则",
        "领导干部廉洁从政若干规定",
        "问责工作实施办法",
        "警示教育工作制度",
        "谈话函询工作办法",
    ],
    c.RulePart.MASS: [
        "教职工代表大会实施细则",
        "工会工作条例实施办法",
        "共青团工作规定",
        "学生会组织建设办法",
        "妇女委员会工作办法",
        "关心下一代工作委员会章程",
        "离退休教职工活动管理办法",
    ],
}


def _units_owing(root: OrgUnit) -> list[OrgUnit]:
    kinds = c.DEFAULT_MONTHLY_UNIT_KINDS
    return list(
        OrgUnit.objects.filter(path__startswith=root.path, kind__in=kinds, active=True).order_by("path")
    )


def _months(today: datetime.date) -> list[datetime.date]:
    """The last twelve months, the current one included."""
    first = today.replace(day=1)
    return [add_months(start=first, months=-n) for n in range(11, -1, -1)]


def _sessions(rng, units, by_unit, today) -> list[tuple[StudySession, list]]:
    rows = []
    for month in _months(today):
        if month.month in c.DEFAULT_EXEMPT_MONTHS:
            continue
        for unit in units:
            # A few units miss a month (the current month's laggards included).
            if rng.random() < (0.35 if month.month == today.month else 0.04):
                continue
            day = month.replace(day=rng.randint(3, 24))
            if day > today:
                continue
            people = by_unit.get(unit.pk, [])
            session = StudySession(
                kind=c.SessionKind.UNIT_MONTHLY,
                date=day,
                unit=unit,
                topic=rng.choice(MONTHLY_TOPICS),
                material_title=rng.choice(MONTHLY_TOPICS)[2:],
                material_source="学习强国",
                leader=people[0] if people else None,
                hours=Decimal(2),
            )
            rows.append((session, people))
    return rows


def _first_items(root, units, cadres, today):
    leadership = OrgUnit.objects.filter(code=f"{ROOT_CODE}-LD").first() or root
    rows, tasks = [], []
    for n, month in enumerate(_months(today)):
        speech, source, task = FIRST_ITEMS[n % len(FIRST_ITEMS)]
        day = month.replace(day=min(8, today.day) if month == today.replace(day=1) else 8)
        session = StudySession(
            kind=c.SessionKind.COMMITTEE_FIRST_ITEM,
            date=day,
            unit=leadership,
            topic=f"党委会第一议题：{speech}",
            material_title=speech,
            material_source=source,
            material_date=day - datetime.timedelta(days=10),
            leader=cadres[0],
            hours=Decimal(1),
        )
        rows.append((session, cadres[:8]))
        owner_unit = units[n % len(units)]
        deadline = day + datetime.timedelta(days=60)
        done = deadline < today - datetime.timedelta(days=20) or n % 3 == 0
        tasks.append(
            (
                session,
                FollowUpTask(
                    description=f"制定{task}",
                    owner_unit=owner_unit,
                    deadline=deadline,
                    done_on=deadline if done else None,
                ),
            )
        )
    return rows, tasks


def _lectures_and_trips(rng, root, cadres, today):
    rows = []
    for n in range(32):
        day = today - datetime.timedelta(days=rng.randint(1, 360))
        if day.month in c.DEFAULT_EXEMPT_MONTHS:
            day -= datetime.timedelta(days=31)
        session = StudySession(
            kind=c.SessionKind.LECTURE,
            date=day,
            unit=root,
            topic=LECTURES[n % len(LECTURES)],
            hours=Decimal(3),
        )
        rows.append((session, rng.sample(cadres, min(40, len(cadres)))))
    for n, (place, institution) in enumerate(TRIPS):
        day = add_months(start=today.replace(day=10), months=-(2 + 2 * n))
        session = StudySession(
            kind=c.SessionKind.PARTY_SPIRIT,
            date=day,
            unit=root,
            topic=f"赴{place}开展党性教育",
            material_source=institution,
            place=place,
            hours=Decimal(40),
        )
        rows.append((session, rng.sample(cadres, min(25, len(cadres)))))
    return rows


def _save_sessions(rows, rng) -> None:
    sessions = StudySession.objects.bulk_create([s for s, _people in rows])
    marks = [c.Attendance.PRESENT] * 18 + [c.Attendance.EXCUSED, c.Attendance.ABSENT]
    StudyAttendance.objects.bulk_create(
        StudyAttendance(session=session, cadre=cadre, attendance=rng.choice(marks))
        for session, (_s, people) in zip(sessions, rows, strict=True)
        for cadre in people
    )


def _programmes(rng, cadres, today) -> None:
    for n, (title, kind, organiser, institution, party, recognised, days, hours, place) in enumerate(
        PROGRAMMES
    ):
        start = add_months(start=today.replace(day=1), months=-(1 + 2 * n))
        end = start + datetime.timedelta(days=days - 1)
        if end > today:
            end = today
        programme = TrainingProgramme.objects.create(
            title=f"{start.year}年{title}", kind=kind, organiser=organiser, institution=institution,
            party_school=party, recognised=recognised, start_date=start, end_date=end, hours=Decimal(hours),
            place=place,
        )  # fmt: skip
        # Most cadres take part in something; a third take part in nothing and fall short.
        chosen = rng.sample(cadres[: len(cadres) * 2 // 3], min(30, len(cadres) * 2 // 3))
        ProgrammeParticipant.objects.bulk_create(
            ProgrammeParticipant(
                programme=programme,
                cadre=cadre,
                completed=i % 17 != 5,
                absent_hours=Decimal(hours) / 5 if i % 23 == 7 else Decimal(0),  # over 1/7: 退学
                score=Decimal(rng.randint(75, 98)),
                certificate_no=f"PX{start.year}{n:02d}{i:03d}",
                confirmed=i % 29 != 3,  # a few reports wait for HR
            )
            for i, cadre in enumerate(chosen)
        )


def _yearly_rotations(cadres, today) -> None:
    """The party school's yearly rotation of the four previous years, for four cadres in five: the
    five-year figure then lands on both sides of 550 hours."""
    for year in range(today.year - 4, today.year):
        programme = TrainingProgramme.objects.create(
            title=f"{year}年中层干部集中轮训",
            kind=c.ProgrammeKind.CAPABILITY,
            organiser="external",
            institution="中共某省委党校",
            party_school=True,
            recognised=True,
            start_date=datetime.date(year, 7, 6),
            end_date=datetime.date(year, 7, 19),
            hours=Decimal(130),
            place="省委党校",
        )
        ProgrammeParticipant.objects.bulk_create(
            ProgrammeParticipant(programme=programme, cadre=cadre, confirmed=True)
            for i, cadre in enumerate(cadres)
            if i % 5 and (year - i) % 7
        )


def _secondments(cadres, today) -> None:
    ended_on = add_months(start=today, months=-2)
    Secondment.objects.bulk_create(
        [
            Secondment(
                cadre=cadres[12],
                direction=c.SecondmentDirection.OUTGOING,
                host_organisation="某县人民政府",
                host_post="副县长",
                planned_start=add_months(start=ended_on, months=-24),
                planned_end=ended_on,
                actual_start=add_months(start=ended_on, months=-24),
                actual_end=ended_on,
                purpose="乡村振兴定点帮扶",
                grade=c.SecondmentGrade.EXCELLENT,
                assessment="履职尽责，成效明显。",
            ),
            Secondment(
                cadre=cadres[30],
                direction=c.SecondmentDirection.OUTGOING,
                host_organisation="省教育厅职业教育处",
                host_post="副处长",
                planned_start=add_months(start=today, months=-6),
                planned_end=add_months(start=today, months=6),
                actual_start=add_months(start=today, months=-6),
                purpose="跟班学习职业教育管理",
            ),
        ]
    )


def seed_rule_library() -> None:
    if RuleDocument.objects.exists():
        return
    documents = []
    for part, titles in RULE_PARTS.items():
        for n, title in enumerate(titles, 1):
            subject = title.removesuffix("办法").removesuffix("规则")
            body = f"为规范{subject}工作，根据有关规定，结合学校实际，制定本制度。"
            document = RuleDocument(
                part=part, title=title, number=f"示范院党发〔2024〕{len(documents) + 1}号", version="2024版",
                issuing_body="中共示范职业技术学院委员会", effective_date=datetime.date(2024, 1, n),
                body=body,
            )  # fmt: skip
            document.search_tokens = " ".join(search_tokens(text=f"{title} {document.number} {body}"))
            documents.append(document)
    RuleDocument.objects.bulk_create(documents)


def seed_training(*, scale: str, acting_user, seed: int = 12) -> list[str]:
    root = OrgUnit.objects.filter(code=ROOT_CODE).first()
    cadres = cadres_under(ROOT_CODE)
    with transaction.atomic():
        seed_rule_library()
        if (
            root is None
            or len(cadres) < 40
            or StudySession.objects.filter(unit__path__startswith=root.path).exists()
        ):
            return []
        rng, today = random.Random(seed), timezone.localdate()
        units = _units_owing(root)
        by_unit: dict[int, list] = {}
        for cadre in cadres:
            by_unit.setdefault(cadre.unit_id, []).append(cadre)
        first_items, tasks = _first_items(root, units, cadres, today)
        _save_sessions(
            _sessions(rng, units, by_unit, today)
            + first_items
            + _lectures_and_trips(rng, root, cadres, today),
            rng,
        )
        for session, task in tasks:
            task.session = session
        FollowUpTask.objects.bulk_create(task for _s, task in tasks)
        _programmes(rng, cadres, today)
        _yearly_rotations(cadres, today)
        _secondments(cadres, today)
        hours_totals_refresh()  # the rows above were bulk-inserted
    return [
        f"Training: {StudySession.objects.count()} study sessions, "
        f"{TrainingProgramme.objects.count()} programmes."
    ]


# Before selection (40): its candidates' eligibility reads the hours ledger.
SEEDER = Seeder("training", 35, seed_training)


def _province_institutions(root: OrgUnit) -> dict[str, list]:
    """Serving cadres of the province by institution (the second level of the tree)."""
    from cadres.models import Cadre

    depth = root.path.count("/")
    rows = Cadre.objects.filter(unit__path__startswith=root.path, status="serving").values_list(
        "pk", "unit_id", "unit__path"
    )
    by_institution: dict[str, list] = {}
    for pk, unit_id, path in rows:
        key = "/".join(path.split("/")[: depth + 1])
        by_institution.setdefault(key, []).append((pk, unit_id))
    return by_institution


def _province_institution(rng, *, root_unit_id: int, people: list, units: list, today) -> int:
    """One institution's five years of study and training, bulk-inserted: about 10,000 rows."""
    # 15 lectures a year of 100 attendees (the college gives 30+ to smaller audiences), the
    # monthly study of every owing unit and six programmes a year: about 1M rows in all.
    sessions, attendees = [], []
    by_unit: dict[int, list[int]] = {}
    for pk, unit_id in people:
        by_unit.setdefault(unit_id, []).append(pk)
    for month in _months(today):
        if month.month in c.DEFAULT_EXEMPT_MONTHS:
            continue
        for unit_id in units:
            if rng.random() < 0.05 or not by_unit.get(unit_id):
                continue
            topic = MONTHLY_TOPICS[month.month % 6]
            day = month.replace(day=12)
            monthly = StudySession(kind=c.SessionKind.UNIT_MONTHLY, date=day, unit_id=unit_id, topic=topic)
            monthly.hours = Decimal(2)
            sessions.append(monthly)
            attendees.append(by_unit[unit_id])
    pks = [pk for pk, _unit in people]
    for n in range(LECTURES_PER_INSTITUTION):
        day = today - datetime.timedelta(days=rng.randint(1, 5 * 365))
        lecture = StudySession(
            kind=c.SessionKind.LECTURE, date=day, unit_id=root_unit_id, topic=LECTURES[n % 6]
        )
        lecture.hours = Decimal(3)
        sessions.append(lecture)
        attendees.append(rng.sample(pks, min(100, len(pks))))
    saved = StudySession.objects.bulk_create(sessions, batch_size=BATCH)
    rows = [
        StudyAttendance(session_id=s.pk, cadre_id=pk)
        for s, group in zip(saved, attendees, strict=True)
        for pk in group
    ]
    StudyAttendance.objects.bulk_create(rows, batch_size=BATCH)
    programmes = []
    for year in range(today.year - 4, today.year + 1):
        for n, (title, kind, organiser, institution, party, recognised, days, hours, place) in enumerate(
            PROGRAMMES
        ):
            start = datetime.date(year, 1 + 2 * n, 5)
            if start > today:
                continue
            end = min(start + datetime.timedelta(days=min(days, 20) - 1), today)
            programme = TrainingProgramme(
                title=f"{year}年{title}", kind=kind, organiser=organiser, place=place
            )
            programme.institution, programme.party_school, programme.recognised = (
                institution,
                party,
                recognised,
            )
            programme.start_date, programme.end_date, programme.hours = start, end, Decimal(hours)
            programmes.append(programme)
    programmes = TrainingProgramme.objects.bulk_create(programmes, batch_size=BATCH)
    participants = [
        ProgrammeParticipant(programme_id=p.pk, cadre_id=pk, confirmed=True)
        for p in programmes
        for pk in rng.sample(pks, min(60, len(pks)))
    ]
    ProgrammeParticipant.objects.bulk_create(participants, batch_size=BATCH)
    return len(rows) + len(participants)


def seed_province_training(*, scale: str, acting_user, seed: int = 2026) -> list[str]:
    """About a million training rows for the province's 30,000 cadres (bench/README.md)."""
    from cadres.demo.province import PROVINCE_CODE, analyze

    root = OrgUnit.objects.filter(code=PROVINCE_CODE).first() if scale == "province" else None
    if root is None or StudySession.objects.filter(unit__path__startswith=root.path).exists():
        return []
    rng, today, total = random.Random(seed), timezone.localdate(), 0
    owing = OrgUnit.objects.filter(path__startswith=root.path, kind__in=c.DEFAULT_MONTHLY_UNIT_KINDS)
    units_by_institution: dict[str, list[int]] = {}
    depth = root.path.count("/")
    for pk, path in owing.values_list("pk", "path"):
        units_by_institution.setdefault("/".join(path.split("/")[: depth + 1]), []).append(pk)
    institution_ids = {u.path: u.pk for u in OrgUnit.objects.filter(parent=root)}
    for key, people in _province_institutions(root).items():
        institution = institution_ids.get(key + "/")
        if institution is None:
            continue
        with transaction.atomic():
            total += _province_institution(
                rng,
                root_unit_id=institution,
                people=people,
                units=units_by_institution.get(key, []),
                today=today,
            )
    with transaction.atomic():
        hours_totals_refresh()  # the rows above were bulk-inserted
    analyze(StudySession, StudyAttendance, TrainingProgramme, ProgrammeParticipant, HoursTotal)
    return [f"  {total} training rows (attendances and participants) in the province."]


BATCH = 5000
LECTURES_PER_INSTITUTION = 75  # over the five years
PROVINCE_SEEDER = Seeder("training_province", 65, seed_province_training)
