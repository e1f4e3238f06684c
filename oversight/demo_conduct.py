"""Demo data of the yearly conduct work: who of the leadership oversees which units (one unit left
to no one, to show the gap), the year's letters two-thirds signed, last year's duty reports,
risks at the key posts and this year's review short of a few posts, one attendance of each kind
of meeting, and supervised tasks from a decision, a meeting finding and a 第一议题 follow-up
(linked by content type: no import of training), one of them overdue."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from cadres.demo.college import seed_supervision
from cadres.models import Appointment, OrgUnit, Post
from cadres.selectors.appointments import held_on
from core.demo import Seeder
from oversight.choices import MeetingKind, ReviewOutcome, RiskLevel
from oversight.models import (
    DutyReport,
    IntegrityRisk,
    MeetingFinding,
    ResponsibilityLetter,
    SupervisedTask,
)
from oversight.services import duty_reports, letters, meetings, risks, tasks

RISKS = [
    (
        "招生录取",
        "招生计划执行、录取环节存在暗箱操作风险",
        RiskLevel.HIGH,
        "招生工作领导小组集体决策；纪委全程监督；录取结果公示",
    ),
    (
        "工程建设",
        "工程招投标中围标串标、干预招标风险",
        RiskLevel.HIGH,
        "进入公共资源交易平台；领导干部插手工程建设记录报告",
    ),
    (
        "物资采购",
        "采购需求量身定制、化整为零规避招标",
        RiskLevel.MEDIUM,
        "采购需求论证；分散采购限额管理；审计处事前审核",
    ),
    ("干部人事", "选人用人中打招呼、说情风险", RiskLevel.MEDIUM, "凡提四必；干部选拔任用全程纪实"),
    ("财务报销", "虚列支出、违规报销风险", RiskLevel.LOW, "网上报销系统；财务负责人审签；年度审计"),
]
MEETINGS = [
    (
        MeetingKind.COMMITTEE,
        "DB",
        "党委会（研究中层干部调整）",
        40,
        "程序规范，动议环节材料完备",
        "干部考察材料归档",
    ),
    (
        MeetingKind.PRESIDENT,
        "DB",
        "校长办公会（研究大额资金使用）",
        35,
        "个别议题未提前送审材料",
        "议题材料会前三日送达",
    ),
    (MeetingKind.ENROLMENT_EXAM, "ZJC", "单独招生考试", 120, "考场监控全覆盖", ""),
    (MeetingKind.RECRUITMENT, "RSC", "专任教师公开招聘面试", 60, "评委抽取记录不完整", "完善评委抽取记录"),
    (MeetingKind.TITLE_EVALUATION, "RSC", "职称评审委员会会议", 50, "回避制度执行到位", ""),
    (MeetingKind.CONTRACT, "ZCC", "实训设备采购合同谈判", 20, "谈判记录签字齐全", ""),
    (MeetingKind.ASSET_DISPOSAL, "ZCC", "报废资产处置", 10, "评估报告未经公示", "评估结果公示后再处置"),
]


def _unit(code: str) -> OrgUnit | None:
    return OrgUnit.objects.filter(code=f"HZY-{code}").first()


def _letters(actor, today) -> int:
    made = letters.letters_generate(year=today.year, sign_by=None, acting_user=actor)
    for index, letter in enumerate(ResponsibilityLetter.objects.filter(year=today.year).order_by("id")):
        if index % 3 != 2 and letter.state == "pending":
            day = max(datetime.date(today.year, 1, 5), today - datetime.timedelta(days=index % 40))
            letters.letter_sign(letter=letter, signed_on=min(day, today), scan=None, acting_user=actor)
    return made.created


def _reports(actor, today) -> None:
    year = today.year - 1
    duty_reports.duty_reports_open(year=year, due_on=datetime.date(today.year, 1, 31), acting_user=actor)
    for index, report in enumerate(
        DutyReport.objects.filter(year=year).select_related("cadre").order_by("id")
    ):
        if index % 10 == 9:
            continue  # still due
        day = min(today, datetime.date(today.year, 1, 20))
        report = duty_reports.duty_report_submit(
            report=report,
            submitted_on=day,
            text=f"{report.cadre.name}{year}年度述责述廉报告",
            acting_user=actor,
        )
        if index % 4 != 3:
            grade = "good" if index % 5 else "fairly_good"
            duty_reports.duty_report_review(report=report, grade=grade, comment="", acting_user=actor)


def _risks(actor, today, root) -> None:
    key_posts = list(Post.objects.filter(is_key=True, active=True, unit__path__startswith=root.path)[:25])
    for index, post in enumerate(key_posts):
        _area, risk, level, controls = RISKS[index % len(RISKS)]
        holder = Appointment.objects.filter(held_on(today), post=post).select_related("cadre").first()
        risk = IntegrityRisk(
            unit=post.unit,
            post=post,
            risk=risk,
            level=level,
            controls=controls,
            owner=holder.cadre if holder else None,
        )
        risks.risk_save(risk=risk, acting_user=actor)
    review = risks.risk_review_open(
        year=today.year,
        unit=root,
        name=f"{today.year}年度廉政风险大排查",
        started_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=5),
        acting_user=actor,
    )
    posts = list(
        Post.objects.filter(active=True, unit__active=True, unit__path__startswith=root.path).order_by("id")
    )
    key_ids = {p.pk for p in key_posts}
    for index, post in enumerate(posts[:-6]):  # six posts not reviewed yet
        outcome = ReviewOutcome.ADDED if post.pk in key_ids else ReviewOutcome.UNCHANGED
        note = "新增岗位风险点并完善防控措施" if outcome == ReviewOutcome.ADDED else ""
        if outcome == ReviewOutcome.UNCHANGED and index % 17 == 0:
            outcome, note = ReviewOutcome.CHANGED, "职责调整，风险点等级下调"
        risks.risk_review_record(review=review, post=post, outcome=outcome, note=note, acting_user=actor)


def _meetings(actor, today) -> list[MeetingFinding]:
    attendee_post = Post.objects.filter(unit__code="HZY-JW", level__is_principal=True).first()
    holder = Appointment.objects.filter(held_on(today), post=attendee_post).select_related("cadre").first()
    if holder is None:
        return []
    for kind, code, title, ago, finding, follow_up in MEETINGS:
        unit = _unit(code)
        if unit is None:
            continue
        meetings.meeting_record(
            kind=kind,
            unit=unit,
            title=title,
            held_on=today - datetime.timedelta(days=ago),
            attendee=holder.cadre,
            notes="",
            findings=[(finding, follow_up)],
            acting_user=actor,
        )
    return list(MeetingFinding.objects.exclude(follow_up="").select_related("meeting__unit").order_by("id"))


def _tasks(actor, today, findings) -> None:
    done = tasks.task_assign(
        title="修订干部选拔任用工作细则",
        decision="党委会纪要〔第3次〕",
        owner_unit=_unit("ZZB"),
        deadline=today + datetime.timedelta(days=30),
        acting_user=actor,
    )
    tasks.task_report(task=done, reported_on=today, text="细则已起草并征求意见", done=True, acting_user=actor)
    tasks.task_accept(task=done, done_on=today, text="", acting_user=actor)
    for finding in findings[:2]:
        tasks.task_assign(
            title=finding.follow_up,
            decision=finding.meeting.title,
            owner_unit=finding.meeting.unit,
            deadline=today + datetime.timedelta(days=14),
            source=("oversight.meetingfinding", finding.pk),
            acting_user=actor,
        )
    # A 第一议题 follow-up of the training system, by content type alone.
    follow_up_type = ContentType.objects.filter(app_label="training", model="followuptask").first()
    model = follow_up_type.model_class() if follow_up_type else None
    follow_up = model.objects.select_related("owner_unit").order_by("id").first() if model else None
    if follow_up is not None:
        tasks.task_assign(
            title=f"督办：{follow_up}",
            owner_unit=follow_up.owner_unit,
            deadline=today + datetime.timedelta(days=2),
            source=("training.followuptask", follow_up.pk),
            acting_user=actor,
        )
    late = tasks.task_assign(
        title="整改资产处置评估公示问题",
        decision="校长办公会纪要〔第7次〕",
        owner_unit=_unit("ZCC"),
        deadline=today,
        acting_user=actor,
    )
    # Demo only: move it into the past, so that the lists show an overdue task from the first day.
    SupervisedTask.objects.filter(pk=late.pk).update(
        assigned_on=today - datetime.timedelta(days=40), deadline=today - datetime.timedelta(days=10)
    )


def seed_conduct(*, scale: str, acting_user) -> list[str]:
    root = OrgUnit.objects.filter(code="HZY").first()
    leadership = OrgUnit.objects.filter(code="HZY-LD").first()
    if root is None or leadership is None or ResponsibilityLetter.objects.exists():
        return []
    today = timezone.localdate()
    seed_supervision()  # the college demo's 分管, shared with appraisal's care demo
    created = _letters(acting_user, today)
    _reports(acting_user, today)
    _risks(acting_user, today, root)
    findings = _meetings(acting_user, today)
    _tasks(acting_user, today, findings)
    return [f"  {created} responsibility letters, duty reports, a risk review, meetings and supervised tasks"]


CONDUCT_SEEDER = Seeder("oversight-conduct", 45, seed_conduct)
