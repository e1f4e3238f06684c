"""The appraisal system's vocabularies, once: models, rules, forms and demo data import them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Grade(models.TextChoices):
    """等次 of a yearly appraisal."""

    EXCELLENT = "excellent", _("Excellent")  # 优秀
    COMPETENT = "competent", _("Competent")  # 称职
    BASICALLY_COMPETENT = "basically_competent", _("Basically competent")  # 基本称职
    INCOMPETENT = "incompetent", _("Incompetent")  # 不称职
    NOT_GRADED = "not_graded", _("Not graded")  # 不定等次


# Grades below competent: they bar promotion for the look-back years (干部考核条例).
BAD_GRADES = frozenset({Grade.BASICALLY_COMPETENT, Grade.INCOMPETENT})


# 不定等次 (a case under investigation, absence over half the year) is not a bad grade: it bars
# nothing by itself. The four graded values from best to worst:
GRADE_ORDER = (Grade.EXCELLENT, Grade.COMPETENT, Grade.BASICALLY_COMPETENT, Grade.INCOMPETENT)


class CycleKind(models.TextChoices):
    """考核: routine as the base, the annual appraisal as the focus, special and performance beside."""

    ROUTINE = "routine", _("Routine (quarterly)")  # 平时考核
    ANNUAL = "annual", _("Annual")  # 年度考核
    SPECIAL = "special", _("Special")  # 专项考核
    PERFORMANCE = "performance", _("Performance")  # 绩效考核


class CycleState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for evaluation")
    CLOSED = "closed", _("Closed")
    CONFIRMED = "confirmed", _("Confirmed")


class Dimension(models.TextChoices):
    """The five dimensions 德 能 勤 绩 廉."""

    DE = "de", _("Conduct")  # 德
    NENG = "neng", _("Ability")  # 能
    QIN = "qin", _("Diligence")  # 勤
    JI = "ji", _("Achievement")  # 绩
    LIAN = "lian", _("Integrity")  # 廉


class ScoringKind(models.TextChoices):
    SCORE = "score", _("Score 0–100")
    GRADE = "grade", _("Four-grade scale")


class QuotaBasis(models.TextChoices):
    """Whether the 优秀 quota counts the whole cycle or each unit on its own."""

    CYCLE = "cycle", _("Per cycle")
    UNIT = "unit", _("Per unit")


class CeilingWhen(models.TextChoices):
    """When a sanction caps the grade of an appraised year."""

    DECIDED_IN_YEAR = "decided_in_year", _("Decided in the appraised year")
    IN_EFFECT = "in_effect", _("In effect during the appraised year")


# Defaults of the settings row (DOMAIN.md "Appraisal"; administrators edit the row).
DEFAULT_GROUP_WEIGHTS = (("College leaders", 30), ("Middle-level cadres", 30), ("Staff representatives", 40))
DEFAULT_EXCELLENT_QUOTA_PERCENT = 20
DEFAULT_THRESHOLDS = {"excellent": 90, "competent": 70, "basically_competent": 60}
# Performance-pay coefficients per grade (绩效系数): the college's own figures, illustrative
# defaults of the settings row; 不定等次 gets none until it is graded.
DEFAULT_PAY_COEFFICIENTS = {
    "excellent": "1.20",
    "competent": "1.00",
    "basically_competent": "0.80",
    "incompetent": "0.50",
}
# On the four-grade scale a ballot's grade counts as these points.
GRADE_POINTS = {
    "excellent": 95,
    "competent": 80,
    "basically_competent": 65,
    "incompetent": 50,
}

# The grade ceilings' defaults per sanction kind (oversight's SanctionKind codes, kept as strings:
# the systems do not import each other) are rows written by migration 0003, edited in admin.


# ---------------------------------------------------------------- consequences (能上能下)


class ConsequenceKind(models.TextChoices):
    """What a run of yearly grades calls for (干部考核条例: results lead to 能上能下)."""

    INCOMPETENT = "incompetent", _("Incompetent: adjust")  # 不称职 once
    BASIC_TWICE = "basic_twice", _("Basically competent two years running: adjust")  # 连续两年基本称职
    EXCELLENT_THRICE = "excellent_thrice", _("Excellent three years running: commend")  # 连续三年优秀


# The kinds that call for an adjustment (组织调整); the other calls for a commendation.
ADJUSTMENT_KINDS = frozenset({ConsequenceKind.INCOMPETENT, ConsequenceKind.BASIC_TWICE})


class ConsequenceOutcome(models.TextChoices):
    """What HR did about a consequence, closing it."""

    ADJUSTED = "adjusted", _("Adjusted")  # 组织调整
    TALKED_TO = "talked_to", _("Talked to")  # 谈话提醒
    COMMENDED = "commended", _("Commended")  # 表彰


# ---------------------------------------------------------------- commendations (表彰)


class CommendationScope(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")


class CommendationCategory(models.TextChoices):
    """The six fields the source article names."""

    PARTY_BUILDING = "party_building", _("Party building")  # 党建
    MAJOR_TASKS = "major_tasks", _("Major tasks")  # 重要任务
    REFORM = "reform", _("Reform and development")  # 改革发展
    TEACHING = "teaching", _("Education and teaching")  # 教育教学
    INNOVATION = "innovation", _("Invention and innovation")  # 发明创造创新
    SAFETY = "safety", _("Safety and stability")  # 安全稳定


class CommendationKind(models.TextChoices):
    MATERIAL = "material", _("Material")  # 物质奖励
    HONOUR = "honour", _("Honour")  # 精神奖励 (荣誉称号)


class CommendationLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    COLLEGE = "college", _("College")


class CommendationTiming(models.TextChoices):
    REGULAR = "regular", _("Regular")  # 定期表彰
    TIMELY = "timely", _("Timely")  # 及时奖励


# ---------------------------------------------------------------- care (谈心谈话, 走访慰问, 体检)


class CareTalkKind(models.TextChoices):
    REGULAR = "regular", _("Regular talk")  # 经常性谈心谈话
    PRE_PROMOTION = "pre_promotion", _("Talk before promotion")  # 任前谈话
    REMINDER = "reminder", _("Reminder talk")  # 提醒谈话
    CARE = "care", _("Care talk")  # 关怀谈话


class CoveragePairKind(models.TextChoices):
    """The talks the party committee owes each year (谈心谈话全覆盖)."""

    SECRETARY_MEMBER = "secretary_member", _("Secretary with a committee member")
    MEMBER_MEMBER = "member_member", _("Committee members among themselves")
    MEMBER_HEAD = "member_head", _("Committee member with the head of a unit overseen")
    HEAD_DEPUTY = "head_deputy", _("Unit head with a deputy")


class VisitOccasion(models.TextChoices):
    ILLNESS = "illness", _("Illness")  # 生病住院
    BEREAVEMENT = "bereavement", _("Bereavement")  # 丧事
    FESTIVAL = "festival", _("Festival")  # 节日慰问
    RETIREMENT = "retirement", _("Retirement")  # 退休
    OTHER = "other", _("Other")


class TeamGrade(models.TextChoices):
    """The grade of a leadership team (领导班子) appraised as a whole."""

    GOOD = "good", _("Good")  # 好
    FAIRLY_GOOD = "fairly_good", _("Fairly good")  # 较好
    AVERAGE = "average", _("Average")  # 一般
    POOR = "poor", _("Poor")  # 差


class AppealKind(models.TextChoices):
    REVIEW = "review", _("Review request")  # 复核
    APPEAL = "appeal", _("Appeal")  # 申诉


class AppealOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    KEPT = "kept", _("Grade kept")  # 维持
    CHANGED = "changed", _("Grade changed")  # 变更


class ObjectionOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    UPHELD = "upheld", _("Upheld")  # 反映属实
    DISMISSED = "dismissed", _("Dismissed")  # 不属实


# The notice period of the 优秀 list (公示), in calendar days at least (the usual practice: five
# working days, about a week).
MIN_PUBLICATION_DAYS = 5
# Review and appeal deadlines, in calendar days (事业单位工作人员申诉规定, 2014, as defaults):
# a review (复核) is asked within 30 days of being told the result and answered within 30; an
# appeal (申诉) against the review's answer is filed within 15 days of it and answered within 60.
REVIEW_FILE_DAYS = 30
REVIEW_ANSWER_DAYS = 30
APPEAL_FILE_DAYS = 15
APPEAL_ANSWER_DAYS = 60
# Self reports: what may be uploaded, and how much.
REPORT_EXTENSIONS = (".pdf", ".doc", ".docx", ".txt")
REPORT_MAX_BYTES = 10 * 1024 * 1024
