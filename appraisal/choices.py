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
