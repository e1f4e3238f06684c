"""The cadre record: the fields of the 干部任免审批表 (cadre appointment form)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cadres.choices import (
    ETHNICITIES,
    CadreStatus,
    Degree,
    DemocraticParty,
    Education,
    Ethnicity,
    FamilyRelation,
    Gender,
    PoliticalStatus,
    RetirementCategory,
    TitleGrade,
)
from cadres.models.org import OrgUnit
from cadres.models.search import SearchKeysField
from core.fields import BlindIndexField, SecretCharField

__all__ = [
    "ETHNICITIES",
    "Cadre",
    "CadreStatus",
    "Degree",
    "DemocraticParty",
    "Education",
    "Ethnicity",
    "FamilyMember",
    "FamilyRelation",
    "Gender",
    "PoliticalStatus",
    "RetirementCategory",
    "TitleGrade",
]


class Cadre(models.Model):
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit"),
        help_text=_("The unit the cadre belongs to; it decides whose data scope holds the record."),
        on_delete=models.PROTECT,
        related_name="cadres",
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    name_initials = models.CharField(_("pinyin initials"), max_length=50, editable=False, db_index=True)
    name_pinyin = models.CharField(_("pinyin"), max_length=200, editable=False, db_index=True)
    name_grams = SearchKeysField(
        _("name search keys"),
        default=list,
        editable=False,
        help_text=_("Every one- and two-character piece of the name, for the substring search."),
    )
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"))
    ethnicity = models.CharField(_("ethnicity"), max_length=20, choices=Ethnicity.choices, default="han")
    native_place = models.CharField(_("native place"), max_length=50, blank=True)
    birthplace = models.CharField(_("birthplace"), max_length=50, blank=True)
    # Encrypted at rest (core.fields); exact matches and uniqueness go through the keyed index.
    id_number = SecretCharField(_("ID number"), max_length=18, blank=True)
    id_number_index = BlindIndexField(_("ID number index"), source="id_number", db_index=False)
    political_status = models.CharField(
        _("political status"), max_length=20, choices=PoliticalStatus.choices, default=PoliticalStatus.MASSES
    )
    democratic_party = models.CharField(
        _("democratic party"),
        max_length=10,
        choices=DemocraticParty.choices,
        blank=True,
        help_text=_("For a member of a democratic party: which one."),
    )
    party_join_date = models.DateField(_("date of joining the party"), null=True, blank=True)
    work_start_date = models.DateField(_("date of starting work"), null=True, blank=True)
    health = models.CharField(_("health"), max_length=50, blank=True, default="健康")
    professional_title = models.CharField(_("professional title"), max_length=50, blank=True)
    title_grade = models.CharField(_("title grade"), max_length=15, choices=TitleGrade.choices, blank=True)
    specialities = models.CharField(_("specialities"), max_length=200, blank=True)
    education = models.CharField(
        _("full-time education"), max_length=20, choices=Education.choices, blank=True
    )
    degree = models.CharField(_("full-time degree"), max_length=10, choices=Degree.choices, blank=True)
    education_school = models.CharField(_("full-time school and major"), max_length=200, blank=True)
    inservice_education = models.CharField(
        _("in-service education"), max_length=20, choices=Education.choices, blank=True
    )
    inservice_degree = models.CharField(
        _("in-service degree"), max_length=10, choices=Degree.choices, blank=True
    )
    inservice_school = models.CharField(_("in-service school and major"), max_length=200, blank=True)
    resume = models.TextField(_("résumé"), blank=True, help_text=_("One period a line."))
    rewards_punishments = models.TextField(_("rewards and punishments"), blank=True)
    appraisal_summary = models.TextField(_("appraisal results of recent years"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="photos/", blank=True)
    retirement_category = models.CharField(
        _("retirement category"), max_length=15, choices=RetirementCategory.choices
    )
    retirement_override = models.DateField(
        _("retirement date (individual exception)"),
        null=True,
        blank=True,
        help_text=_("Set only for an approved individual exception; it replaces the statutory date."),
    )
    retirement_date = models.DateField(_("retirement date"), editable=False, db_index=True)
    lrmx_pre_reform_age_limit = models.CharField(
        _("pre-reform age limit in an .lrmx file"),
        max_length=100,
        blank=True,
        editable=False,
        help_text=_(
            "The pre-reform age limit as an imported .lrmx file wrote it, kept when it differs from the "
            "retirement rule (such as 63, 65 or 66 for senior experts)."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CadreStatus.choices, default=CadreStatus.SERVING
    )
    history = HistoricalRecords(
        excluded_fields=["name_initials", "name_pinyin", "name_grams", "id_number_index"]
    )

    scope_path = "unit__path"

    class Meta:
        verbose_name = _("cadre")
        verbose_name_plural = _("cadres")
        ordering = ["unit__path", "name"]
        # The lists' order is (unit path, name, id): walking the units in path order, each unit's
        # cadres come out of this index already sorted, so a page reads only its own rows.
        indexes = [models.Index(fields=["unit", "name", "id"], name="cadre_unit_name_id")]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number_index"],
                condition=~Q(id_number_index=""),
                name="cadre_unique_id_number",
                violation_error_message=_("This ID number is used by another cadre."),
                violation_error_code="duplicate_id_number",
            ),
            models.CheckConstraint(
                condition=Q(party_join_date__isnull=True) | Q(party_join_date__gt=models.F("birth_date")),
                name="cadre_party_join_after_birth",
                violation_error_message=_("This date must be after the date of birth."),
                violation_error_code="before_birth",
            ),
            models.CheckConstraint(
                condition=Q(work_start_date__isnull=True) | Q(work_start_date__gt=models.F("birth_date")),
                name="cadre_work_start_after_birth",
                violation_error_message=_("This date must be after the date of birth."),
                violation_error_code="before_birth",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def resume_lines(self) -> list[str]:
        return [line.strip() for line in self.resume.splitlines() if line.strip()]


class FamilyMember(models.Model):
    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=models.CASCADE, related_name="family")
    relation = models.CharField(_("relation"), max_length=20, choices=FamilyRelation.choices)
    # A relative's identity is encrypted at rest (core.fields); nothing searches or sorts by it.
    name = SecretCharField(pgettext_lazy("person", "name"), max_length=50)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    political_status = SecretCharField(_("political status"), max_length=30, blank=True)
    work_unit_post = SecretCharField(_("work unit and post"), max_length=200, blank=True)
    settled_abroad = models.BooleanField(
        _("settled abroad"),
        default=False,
        help_text=_("Has settled outside the mainland (emigrated, or holds permanent residence there)."),
    )
    relative_cadre = models.ForeignKey(
        Cadre,
        verbose_name=_("relative's cadre record"),
        help_text=_("Link the relative's own record when they are a cadre here: recusal checks use it."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    history = HistoricalRecords()

    scope_path = "cadre__unit__path"

    class Meta:
        verbose_name = _("family member or social relation")
        verbose_name_plural = _("family members and social relations")
        ordering = ["cadre", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(relative_cadre=models.F("cadre")),
                name="familymember_not_self",
                violation_error_message=_("A relative cannot be the cadre himself."),
                violation_error_code="relative_is_self",
            ),
        ]

    def __str__(self):
        return f"{self.get_relation_display()} {self.name}"
