"""The appraisal system's vocabularies, once: models, rules, forms and demo data import them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Grade(models.TextChoices):
    """等次 of a yearly appraisal."""

    EXCELLENT = "excellent", _("Excellent")  # 优秀
    COMPETENT = "competent", _("Competent")  # 称职
    BASICALLY_COMPETENT = "basically_competent", _("Basically competent")  # 基本称职
    INCOMPETENT = "incompetent", _("Incompetent")  # 不称职


# Grades below competent: they bar promotion for the look-back years (干部考核条例).
BAD_GRADES = frozenset({Grade.BASICALLY_COMPETENT, Grade.INCOMPETENT})
