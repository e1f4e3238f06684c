"""The cadre record: the fields of the 干部任免审批表 (cadre appointment form)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cadres.models.org import OrgUnit


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


# GB 3304 order; labels are the official names, the same in every UI language.
ETHNICITIES = [
        ("han", "汉族"), ("mongol", "蒙古族"), ("hui", "回族"), ("tibetan", "藏族"),
        ("uyghur", "维吾尔族"), ("miao", "苗族"), ("yi", "彝族"), ("zhuang", "壮族"),
        ("buyei", "布依族"), ("korean", "朝鲜族"), ("manchu", "满族"), ("dong", "侗族"),
        ("yao", "瑶族"), ("bai", "白族"), ("tujia", "土家族"), ("hani", "哈尼族"),
        ("kazak", "哈萨克族"), ("dai", "傣族"), ("li", "黎族"), ("lisu", "傈僳族"),
        ("va", "佤族"), ("she", "畲族"), ("gaoshan", "高山族"), ("lahu", "拉祜族"),
        ("sui", "水族"), ("dongxiang", "东乡族"), ("naxi", "纳西族"), ("jingpo", "景颇族"),
        ("kirgiz", "柯尔克孜族"), ("tu", "土族"), ("daur", "达斡尔族"), ("mulao", "仫佬族"),
        ("qiang", "羌族"), ("blang", "布朗族"), ("salar", "撒拉族"), ("maonan", "毛南族"),
        ("gelao", "仡佬族"), ("xibe", "锡伯族"), ("achang", "阿昌族"), ("pumi", "普米族"),
        ("tajik", "塔吉克族"), ("nu", "怒族"), ("uzbek", "乌孜别克族"), ("russian", "俄罗斯族"),
        ("ewenki", "鄂温克族"), ("deang", "德昂族"), ("bonan", "保安族"), ("yugur", "裕固族"),
        ("gin", "京族"), ("tatar", "塔塔尔族"), ("derung", "独龙族"), ("oroqen", "鄂伦春族"),
        ("hezhen", "赫哲族"), ("monba", "门巴族"), ("lhoba", "珞巴族"), ("jino", "基诺族"),
        ("foreign_origin", "外国血统"),
    ]  # fmt: skip
Ethnicity = models.TextChoices("Ethnicity", [(code.upper(), (code, label)) for code, label in ETHNICITIES])


class PoliticalStatus(models.TextChoices):
    CPC_MEMBER = "cpc_member", _("CPC member")
    CPC_PROBATIONARY = "cpc_probationary", _("CPC probationary member")
    CYL_MEMBER = "cyl_member", _("Communist Youth League member")
    DEMOCRATIC_PARTY = "democratic_party", _("Democratic party member")
    NON_PARTY = "non_party", _("Non-party personage")
    MASSES = "masses", _("The masses")


class Education(models.TextChoices):
    """Education levels, lowest first: the order is the ladder the eligibility rules use."""

    BELOW_HIGH_SCHOOL = "below_high_school", _("Junior high school or below")
    HIGH_SCHOOL = "high_school", _("High school / secondary vocational")
    JUNIOR_COLLEGE = "junior_college", _("Junior college")
    BACHELOR = "bachelor", _("Undergraduate")
    MASTER = "master", _("Master's graduate")
    DOCTOR = "doctor", _("Doctoral graduate")


class Degree(models.TextChoices):
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    DOCTOR = "doctor", _("Doctor")


class TitleGrade(models.TextChoices):
    SENIOR = "senior", _("Senior (full)")
    ASSOCIATE = "associate", _("Senior (associate)")
    INTERMEDIATE = "intermediate", _("Intermediate")
    JUNIOR = "junior", _("Junior")


class RetirementCategory(models.TextChoices):
    MALE = "male", _("Man (from 60)")
    FEMALE_CADRE = "female_cadre", _("Woman cadre (from 55)")
    FEMALE_WORKER = "female_worker", _("Woman worker (from 50)")


class CadreStatus(models.TextChoices):
    SERVING = "serving", _("Serving")
    RETIRED = "retired", _("Retired")
    LEFT = "left", _("Transferred out")


class Cadre(models.Model):
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit"),
        help_text=_("The unit the cadre belongs to; it decides whose data scope holds the record."),
        on_delete=models.PROTECT,
        related_name="cadres",
    )
    name = models.CharField(_("name"), max_length=50)
    name_initials = models.CharField(_("pinyin initials"), max_length=50, editable=False, db_index=True)
    name_pinyin = models.CharField(_("pinyin"), max_length=200, editable=False, db_index=True)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"))
    ethnicity = models.CharField(_("ethnicity"), max_length=20, choices=Ethnicity.choices, default="han")
    native_place = models.CharField(_("native place"), max_length=50, blank=True)
    birthplace = models.CharField(_("birthplace"), max_length=50, blank=True)
    id_number = models.CharField(_("ID number"), max_length=18, blank=True)
    political_status = models.CharField(
        _("political status"), max_length=20, choices=PoliticalStatus.choices, default=PoliticalStatus.MASSES
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
    status = models.CharField(
        _("status"), max_length=10, choices=CadreStatus.choices, default=CadreStatus.SERVING
    )
    history = HistoricalRecords(excluded_fields=["name_initials", "name_pinyin"])

    scope_path = "unit__path"

    class Meta:
        verbose_name = _("cadre")
        verbose_name_plural = _("cadres")
        ordering = ["unit__path", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number"], condition=~Q(id_number=""), name="cadre_unique_id_number"
            ),
            models.CheckConstraint(
                condition=Q(party_join_date__isnull=True) | Q(party_join_date__gt=models.F("birth_date")),
                name="cadre_party_join_after_birth",
            ),
            models.CheckConstraint(
                condition=Q(work_start_date__isnull=True) | Q(work_start_date__gt=models.F("birth_date")),
                name="cadre_work_start_after_birth",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def resume_lines(self) -> list[str]:
        return [line.strip() for line in self.resume.splitlines() if line.strip()]


class FamilyRelation(models.TextChoices):
    """Relations of the appointment form; the groups matter for recusal (任职回避)."""

    SPOUSE = "spouse", _("Spouse")
    FATHER = "father", _("Father")
    MOTHER = "mother", _("Mother")
    SON = "son", _("Son")
    DAUGHTER = "daughter", _("Daughter")
    GRANDPARENT = "grandparent", _("Grandparent")
    GRANDCHILD = "grandchild", _("Grandchild")
    SIBLING = "sibling", _("Brother or sister")
    UNCLE_AUNT = "uncle_aunt", _("Uncle or aunt")
    NEPHEW_NIECE = "nephew_niece", _("Nephew or niece")
    COUSIN = "cousin", _("Cousin")
    PARENT_IN_LAW = "parent_in_law", _("Parent-in-law")
    SIBLING_IN_LAW = "sibling_in_law", _("Sibling-in-law")
    CHILD_IN_LAW = "child_in_law", _("Son- or daughter-in-law")
    OTHER = "other", _("Other social relation")


class FamilyMember(models.Model):
    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=models.CASCADE, related_name="family")
    relation = models.CharField(_("relation"), max_length=20, choices=FamilyRelation.choices)
    name = models.CharField(_("name"), max_length=50)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    political_status = models.CharField(_("political status"), max_length=30, blank=True)
    work_unit_post = models.CharField(_("work unit and post"), max_length=200, blank=True)
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
                condition=~Q(relative_cadre=models.F("cadre")), name="familymember_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.get_relation_display()} {self.name}"
