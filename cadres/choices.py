"""The cadres system's vocabularies, once: models, rules, forms, the Excel roster and the .lrmx
mapping all import them.

Each vocabulary has a stable code, a UI label (translated) and, where the national form fixes
one, the wording the exchange files use (EXCHANGE_LABELS: written on export, read on import
together with the other spellings HR sheets use, EXCHANGE_ALIASES).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


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


# The eight democratic parties; labels are their official names, the same in every UI language.
class DemocraticParty(models.TextChoices):
    MINGE = "minge", "中国国民党革命委员会"
    MINMENG = "minmeng", "中国民主同盟"
    MINJIAN = "minjian", "中国民主建国会"
    MINJIN = "minjin", "中国民主促进会"
    NONGGONG = "nonggong", "中国农工民主党"
    ZHIGONG = "zhigong", "中国致公党"
    JIUSAN = "jiusan", "九三学社"
    TAIMENG = "taimeng", "台湾民主自治同盟"


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


# The wording of the 干部任免审批表 and of HR rosters, the same in every UI language.
EDUCATION_FORM_LABELS: dict[str, str] = {
    Education.BELOW_HIGH_SCHOOL: "初中及以下",
    Education.HIGH_SCHOOL: "高中/中专",
    Education.JUNIOR_COLLEGE: "大学专科",
    Education.BACHELOR: "大学本科",
    Education.MASTER: "硕士研究生",
    Education.DOCTOR: "博士研究生",
}
DEGREE_FORM_LABELS: dict[str, str] = {Degree.BACHELOR: "学士", Degree.MASTER: "硕士", Degree.DOCTOR: "博士"}
POLITICAL_FORM_LABELS: dict[str, str] = {
    PoliticalStatus.CPC_MEMBER: "中共党员",
    PoliticalStatus.CPC_PROBATIONARY: "中共预备党员",
    PoliticalStatus.CYL_MEMBER: "共青团员",
    PoliticalStatus.DEMOCRATIC_PARTY: "民主党派",
    PoliticalStatus.NON_PARTY: "无党派人士",
    PoliticalStatus.MASSES: "群众",
}
GENDER_FORM_LABELS: dict[str, str] = {Gender.MALE: "男", Gender.FEMALE: "女"}
# The short names exchange files write after the party entry date (200006；民盟).
DEMOCRATIC_PARTY_FORM_LABELS: dict[str, str] = {
    DemocraticParty.MINGE: "民革",
    DemocraticParty.MINMENG: "民盟",
    DemocraticParty.MINJIAN: "民建",
    DemocraticParty.MINJIN: "民进",
    DemocraticParty.NONGGONG: "农工党",
    DemocraticParty.ZHIGONG: "致公党",
    DemocraticParty.JIUSAN: "九三学社",
    DemocraticParty.TAIMENG: "台盟",
}
# What a file writes for a democratic party member whose party is not recorded.
DEMOCRATIC_PARTY_UNNAMED = POLITICAL_FORM_LABELS[PoliticalStatus.DEMOCRATIC_PARTY]
# The grades of a yearly appraisal as the form writes them (年度考核结果). The codes are those of
# appraisal.choices.Grade, which cadres may not import; tests/appraisal checks that they agree.
APPRAISAL_GRADE_FORM_LABELS: dict[str, str] = {
    "excellent": "优秀",
    "competent": "称职",
    "basically_competent": "基本称职",
    "incompetent": "不称职",
    "not_graded": "不定等次",
}
# 不定等次 is written like a grade but read as no grade for the year (the .lrmx reader skips it).
APPRAISAL_NOT_GRADED = "not_graded"
# Other spellings seen in exchange files and HR sheets: accepted on import, never written.
# A bare 大学 is not here: a roster row saying it is refused as ambiguous (本科 or 专科), while
# the .lrmx reader takes it as 大学本科, which older versions of the form wrote.
EDUCATION_ALIASES: dict[str, str] = {
    "高中（中专）": Education.HIGH_SCHOOL,
    "初中": Education.BELOW_HIGH_SCHOOL,
    "小学": Education.BELOW_HIGH_SCHOOL,
    "高中": Education.HIGH_SCHOOL,
    "中专": Education.HIGH_SCHOOL,
    "中技": Education.HIGH_SCHOOL,
    "技校": Education.HIGH_SCHOOL,
    "职高": Education.HIGH_SCHOOL,
    "大专": Education.JUNIOR_COLLEGE,
    "专科": Education.JUNIOR_COLLEGE,
    "本科": Education.BACHELOR,
    "研究生": Education.MASTER,
    "硕士": Education.MASTER,
    "博士": Education.DOCTOR,
}
DEMOCRATIC_PARTY_ALIASES: dict[str, str] = {
    **{party.label: party.value for party in DemocraticParty},
    "国民党革命委员会": DemocraticParty.MINGE,
    "民主同盟": DemocraticParty.MINMENG,
    "民主建国会": DemocraticParty.MINJIAN,
    "民主促进会": DemocraticParty.MINJIN,
    "农工民主党": DemocraticParty.NONGGONG,
    "农工": DemocraticParty.NONGGONG,
    "致公": DemocraticParty.ZHIGONG,
    "九三": DemocraticParty.JIUSAN,
    "台湾民主自治同盟": DemocraticParty.TAIMENG,
}
