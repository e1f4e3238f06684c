"""Between a cadre record and the 干部任免审批表 (.lrmx file and printed form).

`record_from_cadre` writes the form's values the way organisation departments write them
(男, 汉族, 大学本科, 妻子 …); `apply_record` reads them back onto a cadre instance without
saving, and says what would change. An empty or missing element never clears a value.
"""

import dataclasses
import datetime
import io

from django.core.exceptions import ValidationError

from cadres.choices import (
    APPRAISAL_GRADE_FORM_LABELS,
    DEGREE_FORM_LABELS,
    DEMOCRATIC_PARTY_ALIASES,
    DEMOCRATIC_PARTY_FORM_LABELS,
    DEMOCRATIC_PARTY_UNNAMED,
    EDUCATION_ALIASES,
    EDUCATION_FORM_LABELS,
    POLITICAL_FORM_LABELS,
)
from cadres.exchange.lrmx.codec import (
    FamilyMember,
    LrmxRecord,
    pre_reform_age_limit_text,
)
from cadres.models import Cadre, Degree, Education, FamilyRelation, PoliticalStatus
from cadres.models.cadre import ETHNICITIES
from cadres.registry import REWARDS_SOURCES
from cadres.rules.id_number import mask_id_number
from cadres.rules.partial_dates import format_year_month
from cadres.rules.retirement import default_retirement_category, pre_reform_retirement_age
from cadres.selectors.profile import PARTY_MEMBERS, cadre_profile
from core.uploads import PARSER_ERRORS, image_open
from core.visibility import ALL_FACTS, APPRAISAL_GRADES, FAMILY_MEMBERS, FULL_ID_NUMBER, SANCTIONS

ETHNICITY_LABELS = dict(ETHNICITIES)
ETHNICITY_BY_LABEL = {label: code for code, label in ETHNICITIES}

EDUCATION_LABELS = EDUCATION_FORM_LABELS
EDUCATION_BY_LABEL = (
    {label: code for code, label in EDUCATION_FORM_LABELS.items()}
    | EDUCATION_ALIASES
    | {"大学": Education.BACHELOR}
)
DEGREE_LABELS = DEGREE_FORM_LABELS
POLITICAL_STATUS_LABELS = POLITICAL_FORM_LABELS
GRADE_LABELS = APPRAISAL_GRADE_FORM_LABELS
DEMOCRATIC_PARTY_BY_LABEL = {
    label: code for code, label in DEMOCRATIC_PARTY_FORM_LABELS.items()
} | DEMOCRATIC_PARTY_ALIASES

# What the form writes for each relation; spouse and in-laws depend on the cadre's gender.
RELATION_LABELS = {
    FamilyRelation.FATHER: "父亲",
    FamilyRelation.MOTHER: "母亲",
    FamilyRelation.SON: "儿子",
    FamilyRelation.DAUGHTER: "女儿",
    FamilyRelation.GRANDPARENT: "祖父母",
    FamilyRelation.GRANDCHILD: "孙子女",
    FamilyRelation.SIBLING: "兄弟姐妹",
    FamilyRelation.UNCLE_AUNT: "叔伯姑舅姨",
    FamilyRelation.NEPHEW_NIECE: "侄甥",
    FamilyRelation.COUSIN: "堂表亲",
    FamilyRelation.SIBLING_IN_LAW: "姻亲兄弟姐妹",
    FamilyRelation.CHILD_IN_LAW: "子女配偶",
    FamilyRelation.OTHER: "其他",
}
_RELATION_WORDS = {
    FamilyRelation.SPOUSE: "妻子 丈夫 配偶 爱人 夫 妻",
    FamilyRelation.FATHER: "父亲 父 爸爸 继父 养父",
    FamilyRelation.MOTHER: "母亲 母 妈妈 继母 养母",
    FamilyRelation.SON: "儿子 子 长子 次子 养子 继子",
    FamilyRelation.DAUGHTER: "女儿 女 长女 次女 养女 继女",
    FamilyRelation.GRANDPARENT: "祖父母 祖父 祖母 外祖父 外祖母 爷爷 奶奶 外公 外婆 姥爷 姥姥",
    FamilyRelation.GRANDCHILD: "孙子女 孙子 孙女 外孙 外孙子 外孙女",
    FamilyRelation.SIBLING: "兄弟姐妹 兄弟 姐妹 哥哥 弟弟 姐姐 妹妹 兄 哥 弟 姐 妹",
    FamilyRelation.UNCLE_AUNT: "叔伯姑舅姨 伯父 伯母 叔父 叔叔 婶婶 婶母 姑姑 姑母 姑父 "
    "舅舅 舅父 舅母 舅妈 姨妈 姨母 姨父 叔 伯 舅 姑 姨",
    FamilyRelation.NEPHEW_NIECE: "侄甥 侄子 侄女 外甥 外甥女",
    FamilyRelation.COUSIN: "堂表亲",
    FamilyRelation.PARENT_IN_LAW: "岳父母 公婆 岳父 岳母 公公 婆婆",
    FamilyRelation.SIBLING_IN_LAW: "姻亲兄弟姐妹 嫂子 嫂嫂 弟媳 弟妹 姐夫 妹夫 大伯子 小叔子 大姑子 小姑子 "
    "内兄 内弟 大姨子 小姨子 连襟 妯娌",
    FamilyRelation.CHILD_IN_LAW: "子女配偶 儿媳 儿媳妇 女婿",
    FamilyRelation.OTHER: "其他 其他社会关系",
}
RELATION_BY_LABEL = {word: code for code, words in _RELATION_WORDS.items() for word in words.split()}
# 大哥, 二姐, 三叔 …: the birth-order prefix does not change the relation.
_ORDER_PREFIXES = "大二三四五六七小幼"

# The form's captions, to name an element to people (the missing list of an import).
ELEMENT_LABELS = {
    "XingMing": "姓名",
    "XingBie": "性别",
    "ChuShengNianYue": "出生年月",
    "MinZu": "民族",
    "JiGuan": "籍贯",
    "ChuShengDi": "出生地",
    "RuDangShiJian": "入党时间",
    "CanJiaGongZuoShiJian": "参加工作时间",
    "DaoLingNianYue": "到龄年月",
    "JianKangZhuangKuang": "健康状况",
    "ZhuanYeJiShuZhiWu": "专业技术职务",
    "ShuXiZhuanYeYouHeZhuanChang": "熟悉专业有何专长",
    "QuanRiZhiJiaoYu_XueLi": "全日制教育学历",
    "QuanRiZhiJiaoYu_XueWei": "全日制教育学位",
    "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi": "全日制教育毕业院校系及专业",
    "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi": "全日制教育学位授予院校系及专业",
    "ZaiZhiJiaoYu_XueLi": "在职教育学历",
    "ZaiZhiJiaoYu_XueWei": "在职教育学位",
    "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi": "在职教育毕业院校系及专业",
    "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi": "在职教育学位授予院校系及专业",
    "XianRenZhiWu": "现任职务",
    "NiRenZhiWu": "拟任职务",
    "NiMianZhiWu": "拟免职务",
    "JianLi": "简历",
    "JiangChengQingKuang": "奖惩情况",
    "NianDuKaoHeJieGuo": "年度考核结果",
    "RenMianLiYou": "任免理由",
    "JiaTingChengYuan": "家庭主要成员及重要社会关系",
    "ChengBaoDanWei": "呈报单位",
    "GaiGeQianRenZhiNianLingJieXian": "改革前任职年龄界限",
    "JiSuanNianLingShiJian": "计算年龄时间",
    "TianBiaoShiJian": "填表时间",
    "TianBiaoRen": "填表人",
    "ShenFenZheng": "身份证号",
    "ZhaoPian": "照片",
    "Version": "版本",
}


def element_label(element: str) -> str:
    """ZhaoPian → 照片; an unknown element keeps its own name."""
    return ELEMENT_LABELS.get(element.split(".", 1)[0], element)


UNKNOWN_LABEL = "lrmx_unknown_label"
RETIREMENT_MISMATCH = "retirement_month_mismatch"
PRE_REFORM_MISMATCH = "pre_reform_age_mismatch"
BAD_PHOTO = "lrmx_photo"
BAD_DATE = "date_format"


# ---------------------------------------------------------------- labels


def squash(text: str) -> str:
    return "".join(text.split())


def relation_label(code: str, *, cadre_gender: str) -> str:
    if code == FamilyRelation.SPOUSE:
        return "丈夫" if cadre_gender == "female" else "妻子"
    if code == FamilyRelation.PARENT_IN_LAW:
        return "公婆" if cadre_gender == "female" else "岳父母"
    return RELATION_LABELS.get(code, "其他")


def relation_from_label(label: str) -> str | None:
    """The FamilyRelation code of a form's 称谓, or None when the word is not known."""
    text = squash(label)
    if text in RELATION_BY_LABEL:
        return RELATION_BY_LABEL[text]
    if len(text) > 1 and text[0] in _ORDER_PREFIXES and text[1:] in RELATION_BY_LABEL:
        return RELATION_BY_LABEL[text[1:]]
    if len(text) > 1 and text[0] in "堂表":
        return FamilyRelation.COUSIN
    return None


def ethnicity_from_label(label: str) -> str | None:
    text = squash(label)
    return ETHNICITY_BY_LABEL.get(text) or ETHNICITY_BY_LABEL.get(f"{text}族")


def education_from_label(label: str, *, degree: str = "") -> str | None:
    text = squash(label).removesuffix("毕业").removesuffix("学历")
    code = EDUCATION_BY_LABEL.get(text)
    if text == "研究生" and degree == Degree.DOCTOR:
        return Education.DOCTOR
    return code


def democratic_party_from_label(label: str) -> str | None:
    """民盟, 中国民主同盟 …: the DemocraticParty code, or None when the name is not one of the eight."""
    return DEMOCRATIC_PARTY_BY_LABEL.get(squash(label))


def degree_from_label(label: str) -> str | None:
    """工学学士, 管理学硕士, 博士学位 …: the discipline is not kept, the level is."""
    text = squash(label).removesuffix("学位")
    for code, suffix in ((Degree.DOCTOR, "博士"), (Degree.MASTER, "硕士"), (Degree.BACHELOR, "学士")):
        if text.endswith(suffix):
            return code
    return None


def appraisal_text(*, cadre: Cadre, on: datetime.date) -> str:
    """年度考核结果 from the recorded yearly grades of the last three years, oldest first."""
    if cadre.pk is None:
        return ""
    results = cadre.appraisal_results.filter(year__gte=on.year - 3, year__lte=on.year).order_by("-year")[:3]
    return "；".join(f"{r.year}年度考核{GRADE_LABELS.get(r.grade, r.grade)}" for r in reversed(results))


def registered_rewards(*, cadre: Cadre, facts: frozenset[str] = ALL_FACTS) -> list[str]:
    """The 奖惩情况 lines other systems keep (commendations: cadres.registry.REWARDS_SOURCES)."""
    if cadre.pk is None:
        return []
    return [
        line
        for source in REWARDS_SOURCES.values()
        if source.reveals is None or source.reveals in facts
        for line in source.lines(cadre=cadre)
    ]


def rewards_text(*, cadre: Cadre, facts: frozenset[str] = ALL_FACTS) -> str:
    """奖惩情况: the registered lines, then what HR typed (which may name sanctions: SANCTIONS only)."""
    typed = cadre.rewards_punishments.strip() if SANCTIONS in facts else ""
    return "\n".join([*registered_rewards(cadre=cadre, facts=facts), *([typed] if typed else [])])


def photo_bytes(cadre: Cadre) -> bytes | None:
    """The stored photo as JPEG (the form's only format), or None when there is none or it is unreadable."""
    if not cadre.photo:
        return None
    try:
        with cadre.photo.open("rb") as stored:
            data = stored.read()
    except OSError:
        return None
    return data if data.startswith(b"\xff\xd8") else _as_jpeg(data)


def _as_jpeg(data: bytes) -> bytes | None:
    try:
        with image_open(data, field="photo") as image:
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=90)
            return out.getvalue()
    except (ValidationError, *PARSER_ERRORS):  # decoding can fail after the header was fine
        return None


# ---------------------------------------------------------------- export


def current_post_text(*, cadre: Cadre, on: datetime.date) -> str:
    if cadre.pk is None:
        return ""
    primary = cadre_profile(cadre=cadre, on=on).primary
    return f"{primary.post.unit.name}{primary.post.title}" if primary else ""


def party_entry(cadre: Cadre) -> tuple[datetime.date | None, str]:
    """入党时间: the date for a CPC member; the date and the party (民盟) for a democratic party member."""
    if cadre.political_status in PARTY_MEMBERS:
        return cadre.party_join_date, ""
    if cadre.political_status == PoliticalStatus.DEMOCRATIC_PARTY:
        return cadre.party_join_date, DEMOCRATIC_PARTY_FORM_LABELS.get(
            cadre.democratic_party, DEMOCRATIC_PARTY_UNNAMED
        )
    return None, ""


def retirement_category_of(cadre: Cadre) -> str:
    if cadre.retirement_category:
        return cadre.retirement_category
    return str(default_retirement_category(gender=cadre.gender)) if cadre.gender else ""


def pre_reform_age(cadre: Cadre) -> int | None:
    """Our 改革前任职年龄界限: the pre-reform age of the cadre's retirement category."""
    category = retirement_category_of(cadre)
    return pre_reform_retirement_age(category=category) if category else None


def visible_record(record: LrmxRecord, *, facts: frozenset[str]) -> LrmxRecord:
    """The form with what `facts` (core.visibility.visible_facts) may not see left blank: the ID
    number masked, 奖惩情况 without sanctions, 年度考核结果 without grades, no family rows."""
    return dataclasses.replace(
        record,
        id_number=record.id_number if FULL_ID_NUMBER in facts else mask_id_number(record.id_number),
        rewards_punishments=record.rewards_punishments if SANCTIONS in facts else "",
        appraisal_results=record.appraisal_results if APPRAISAL_GRADES in facts else "",
        family=record.family if FAMILY_MEMBERS in facts else [],
    )


def record_from_cadre(*, cadre: Cadre, on: datetime.date, facts: frozenset[str] = ALL_FACTS) -> LrmxRecord:
    """The cadre's appointment form as a user who may see `facts` sees it on screen
    (core.visibility.visible_facts; every fact by default, for the system's own comparisons).

    到龄年月 and 改革前任职年龄界限 come from the retirement rule (with the individual exception),
    never from a value a file brought in."""
    record = _full_record(cadre=cadre, on=on)
    if facts == ALL_FACTS:
        return record
    # Commendations are no sanction: they stay on the form of a reader who may not see sanctions.
    return dataclasses.replace(
        visible_record(record, facts=facts), rewards_punishments=rewards_text(cadre=cadre, facts=facts)
    )


def _full_record(*, cadre: Cadre, on: datetime.date) -> LrmxRecord:
    party_join, party_name = party_entry(cadre)
    age_limit = pre_reform_age(cadre)
    return LrmxRecord(
        name=cadre.name,
        gender=cadre.gender or None,
        birth=cadre.birth_date,
        ethnicity=ETHNICITY_LABELS.get(cadre.ethnicity, ""),
        native_place=cadre.native_place,
        birthplace=cadre.birthplace,
        party_join=party_join,
        party_name=party_name,
        work_start=cadre.work_start_date,
        retirement_month=cadre.retirement_date,
        health=cadre.health,
        professional_title=cadre.professional_title,
        specialities=cadre.specialities,
        fulltime_education=EDUCATION_LABELS.get(cadre.education, ""),
        fulltime_degree=DEGREE_LABELS.get(cadre.degree, ""),
        fulltime_education_school=cadre.education_school,
        fulltime_degree_school=cadre.education_school if cadre.degree else "",
        inservice_education=EDUCATION_LABELS.get(cadre.inservice_education, ""),
        inservice_degree=DEGREE_LABELS.get(cadre.inservice_degree, ""),
        inservice_education_school=cadre.inservice_school,
        inservice_degree_school=cadre.inservice_school if cadre.inservice_degree else "",
        current_post=current_post_text(cadre=cadre, on=on),
        resume_lines=cadre.resume_lines,
        rewards_punishments=rewards_text(cadre=cadre),
        appraisal_results=appraisal_text(cadre=cadre, on=on) or cadre.appraisal_summary,
        family=[
            FamilyMember(
                relation=relation_label(m.relation, cadre_gender=cadre.gender),
                name=m.name,
                birth=format_year_month(m.birth_date) if m.birth_date else "",
                political_status=m.political_status,
                work_unit_and_post=m.work_unit_post,
            )
            for m in (cadre.family.all() if cadre.pk else [])
        ],
        pre_reform_age_limit=pre_reform_age_limit_text(age_limit) if age_limit else "",
        age_computed_at=on,
        filled_at=on,
        id_number=cadre.id_number,
        photo=photo_bytes(cadre),
    )


# ---------------------------------------------------------------- import
