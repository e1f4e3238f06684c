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
