"""The training system's vocabularies, once, and the figures' defaults (干部教育培训工作条例, 2023)."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionKind(models.TextChoices):
    """Theory study (思想政治): what kind of gathering a study session is."""

    COMMITTEE_FIRST_ITEM = "committee_first_item", _("Committee first agenda item")  # 党委会第一议题
    CENTRAL_GROUP = "central_group", _("Central group study")  # 中心组学习
    UNIT_MONTHLY = "unit_monthly", _("Unit monthly study")  # 单位月度学习
    LECTURE = "lecture", _("Lecture")  # 专题讲座
    PARTY_SPIRIT = "party_spirit", _("Party-spirit education")  # 党性教育 (延安, 井冈山, ...)


class Attendance(models.TextChoices):
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


class ProgrammeKind(models.TextChoices):
    """Training programmes (培训班)."""

    CAPABILITY = "capability", _("Capability building")  # 能力提升
    YOUNG_MIDDLE = "young_middle", _("Young and middle-aged cadres")  # 中青年干部
    BRANCH_SECRETARY = "branch_secretary", _("Party branch secretaries")  # 支部书记
    ONLINE = "online", _("Online academy")  # 网络学院
    HIGHER_LEVEL = "higher_level", _("Called up by higher authorities")  # 上级调训
    OTHER = "other", _("Other training")  # 其他


class Organiser(models.TextChoices):
    INTERNAL = "internal", _("Internal (brought in)")  # 请进来
    EXTERNAL = "external", _("External (sent out)")  # 走出去


class WindowMode(models.TextChoices):
    ROLLING = "rolling", _("Rolling five years")
    PLANNING = "planning", _("Five-year planning period")


class SecondmentDirection(models.TextChoices):
    OUTGOING = "outgoing", _("Outgoing")  # ours to elsewhere
    INCOMING = "incoming", _("Incoming")
    INTERNAL = "internal", _("Internal")


class SecondmentGrade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    COMPETENT = "competent", _("Competent")
    INCOMPETENT = "incompetent", _("Incompetent")


class RulePart(models.TextChoices):
    """The five parts of the rule library (制度汇编)."""

    LEADERSHIP = "leadership", _("Leadership team")  # 领导班子
    ORGANISATION = "organisation", _("Organisation work")  # 组织工作
    PUBLICITY = "publicity", _("Publicity and united front")  # 宣传统战
    DISCIPLINE = "discipline", _("Discipline inspection")  # 纪检监察
    MASS = "mass", _("Mass organisations")  # 群团


# Every source of hours: the session kinds and the programme kinds (their codes do not overlap).
SOURCE_CHOICES = [*SessionKind.choices, *ProgrammeKind.choices]

# source -> (counts toward the yearly figure, counts toward the five-year figure). Political
# study (monthly study, 第一议题, 中心组) is not training; a programme counts toward the five-year
# figure only when its institution is a party school or recognised (the programme's flag).
DEFAULT_CREDITS: dict[str, tuple[bool, bool]] = {
    SessionKind.COMMITTEE_FIRST_ITEM: (False, False),
    SessionKind.CENTRAL_GROUP: (False, False),
    SessionKind.UNIT_MONTHLY: (False, False),
    SessionKind.LECTURE: (True, False),
    SessionKind.PARTY_SPIRIT: (True, True),
    ProgrammeKind.CAPABILITY: (True, True),
    ProgrammeKind.YOUNG_MIDDLE: (True, True),
    ProgrammeKind.BRANCH_SECRETARY: (True, True),
    ProgrammeKind.ONLINE: (False, False),  # online hours have their own figure
    ProgrammeKind.HIGHER_LEVEL: (True, True),
    ProgrammeKind.OTHER: (True, False),
}

DEFAULT_YEAR_HOURS = Decimal(90)  # 乡科级 and below: 90 hours or 12 days a year
DEFAULT_YEAR_DAYS = 12
DEFAULT_FIVE_YEAR_HOURS = Decimal(550)  # 县处级 and above: 550 hours or 3 months in five years
DEFAULT_FIVE_YEAR_DAYS = 90
DEFAULT_ONLINE_HOURS = Decimal(50)  # 网络学院, a year
DEFAULT_PLANNING_START_YEAR = 2023  # the national plan's period 2023–2027
DEFAULT_GRACE_MONTHS = 12  # promoted before meeting it: within a year after promotion
ABSENCE_DENOMINATOR = 7  # absent more than 1/7 of a programme's hours: 退学
# Unit kinds that owe a monthly study: those that have or lead a party branch.
DEFAULT_MONTHLY_UNIT_KINDS = ["functional", "college", "direct"]
DEFAULT_EXEMPT_MONTHS = [2, 8]  # winter and summer vacation (寒暑假)
FIVE_YEAR_TIERS = ("college", "middle")  # 县处级 and above; the others follow the yearly rule


def default_monthly_unit_kinds() -> list[str]:
    return list(DEFAULT_MONTHLY_UNIT_KINDS)


def default_exempt_months() -> list[int]:
    return list(DEFAULT_EXEMPT_MONTHS)
