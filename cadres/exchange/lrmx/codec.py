"""The .lrmx exchange file of the cadre appointment form (干部任免审批表, form version 3.2.1.6)."""

import base64
import binascii
import datetime
import re
import unicodedata

# The standard ElementTree only builds XML here; parsing goes through defusedxml.
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field

import defusedxml
import defusedxml.ElementTree as SafeET
from django.utils.translation import gettext_lazy as _

from cadres.choices import (
    APPRAISAL_GRADE_FORM_LABELS,
    APPRAISAL_NOT_GRADED,
    DEMOCRATIC_PARTY_ALIASES,
    DEMOCRATIC_PARTY_FORM_LABELS,
    DEMOCRATIC_PARTY_UNNAMED,
)
from cadres.rules.partial_dates import PartialDateError, format_compact, parse_roster_date

LRMX_VERSION = "3.2.1.6"
ROOT = "Person"
FAMILY = "JiaTingChengYuan"
FAMILY_ITEM = "Item"

GENDER_FROM_LRMX = {"男": "male", "女": "female"}
GENDER_TO_LRMX = {value: key for key, value in GENDER_FROM_LRMX.items()}

# Element → LrmxRecord attribute, for the plain text fields.
TEXT_ELEMENTS: dict[str, str] = {
    "XingMing": "name",
    "MinZu": "ethnicity",
    "JiGuan": "native_place",
    "ChuShengDi": "birthplace",
    "JianKangZhuangKuang": "health",
    "ZhuanYeJiShuZhiWu": "professional_title",
    "ShuXiZhuanYeYouHeZhuanChang": "specialities",
    "QuanRiZhiJiaoYu_XueLi": "fulltime_education",
    "QuanRiZhiJiaoYu_XueWei": "fulltime_degree",
    "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi": "fulltime_education_school",
    "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi": "fulltime_degree_school",
    "ZaiZhiJiaoYu_XueLi": "inservice_education",
    "ZaiZhiJiaoYu_XueWei": "inservice_degree",
    "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi": "inservice_education_school",
    "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi": "inservice_degree_school",
    "XianRenZhiWu": "current_post",
    "NiRenZhiWu": "proposed_post",
    "NiMianZhiWu": "proposed_removal",
    "JiangChengQingKuang": "rewards_punishments",
    "NianDuKaoHeJieGuo": "appraisal_results",
    "RenMianLiYou": "appointment_reason",
    "ChengBaoDanWei": "submitting_unit",
    # Since the 2025 retirement reform: the pre-reform age limit as a sentence, kept as written.
    "GaiGeQianRenZhiNianLingJieXian": "pre_reform_age_limit",
    "TianBiaoRen": "filled_by",
    "ShenFenZheng": "id_number",
}
# Dates written as yyyyMM, read as the 1st of the month.
MONTH_ELEMENTS: dict[str, str] = {
    "ChuShengNianYue": "birth",
    "CanJiaGongZuoShiJian": "work_start",
    "DaoLingNianYue": "retirement_month",  # 到龄年月, since the 2025 retirement reform
    "TianBiaoShiJian": "filled_at",
}
# Party entry: yyyyMM, and for a democratic party member its name after a semicolon (200006；民盟).
PARTY_ELEMENT = "RuDangShiJian"
PARTY_SEPARATOR = "；"
# The form's own tools write the age reference date to the day (yyyyMMdd).
DAY_ELEMENTS: dict[str, str] = {"JiSuanNianLingShiJian": "age_computed_at"}

FAMILY_FIELDS: dict[str, str] = {
    "ChengWei": "relation",
    "XingMing": "name",
    "ChuShengRiQi": "birth",
    "ZhengZhiMianMao": "political_status",
    "GongZuoDanWeiJiZhiWu": "work_unit_and_post",
}

# Every child of <Person>, in the order the form writes them.
ELEMENTS: tuple[str, ...] = (
    "XingMing",
    "XingBie",
    "ChuShengNianYue",
    "MinZu",
    "JiGuan",
    "ChuShengDi",
    "RuDangShiJian",
    "CanJiaGongZuoShiJian",
    "DaoLingNianYue",
    "JianKangZhuangKuang",
    "ZhuanYeJiShuZhiWu",
    "ShuXiZhuanYeYouHeZhuanChang",
    "QuanRiZhiJiaoYu_XueLi",
    "QuanRiZhiJiaoYu_XueWei",
    "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi",
    "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi",
    "ZaiZhiJiaoYu_XueLi",
    "ZaiZhiJiaoYu_XueWei",
    "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi",
    "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi",
    "XianRenZhiWu",
    "NiRenZhiWu",
    "NiMianZhiWu",
    "JianLi",
    "JiangChengQingKuang",
    "NianDuKaoHeJieGuo",
    "RenMianLiYou",
    FAMILY,
    "ChengBaoDanWei",
    "GaiGeQianRenZhiNianLingJieXian",
    "JiSuanNianLingShiJian",
    "TianBiaoShiJian",
    "TianBiaoRen",
    "ShenFenZheng",
    "ZhaoPian",
    "Version",
)


class LrmxError(ValueError):
    """A file that cannot be read at all; `code` is stable, `message` is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message


@dataclass
class FamilyMember:
    relation: str = ""
    name: str = ""
    birth: str = ""  # kept as written: forms carry 1950.03, 195003 or a full date
    political_status: str = ""
    work_unit_and_post: str = ""


@dataclass
class LrmxRecord:
    name: str = ""
    gender: str | None = None
    birth: datetime.date | None = None
    ethnicity: str = ""
    native_place: str = ""
    birthplace: str = ""
    party_join: datetime.date | None = None
    party_name: str = ""  # a democratic party, as written after the party entry date (民盟)
    work_start: datetime.date | None = None
    retirement_month: datetime.date | None = None  # 到龄年月
    health: str = ""
    professional_title: str = ""
    specialities: str = ""
    fulltime_education: str = ""
    fulltime_degree: str = ""
    fulltime_education_school: str = ""
    fulltime_degree_school: str = ""
    inservice_education: str = ""
    inservice_degree: str = ""
    inservice_education_school: str = ""
    inservice_degree_school: str = ""
    current_post: str = ""
    proposed_post: str = ""
    proposed_removal: str = ""
    resume_lines: list[str] = field(default_factory=list)
    rewards_punishments: str = ""
    appraisal_results: str = ""
    appointment_reason: str = ""
    family: list[FamilyMember] = field(default_factory=list)
    submitting_unit: str = ""
    pre_reform_age_limit: str = ""  # 改革前任职年龄界限为60岁
    age_computed_at: datetime.date | None = None
    filled_at: datetime.date | None = None
    filled_by: str = ""
    id_number: str = ""
    photo: bytes | None = None
    version: str = LRMX_VERSION


@dataclass(frozen=True)
class LrmxProblem:
    """A value that was present but unreadable; its field is left empty."""

    element: str
    code: str
    message: str


@dataclass
class LrmxParseResult:
    record: LrmxRecord
    missing: list[str] = field(default_factory=list)
    problems: list[LrmxProblem] = field(default_factory=list)


# ---------------------------------------------------------------- parsing


def _root(data: bytes) -> ET.Element:
    try:
        text = data.decode("utf-8-sig")
        root = SafeET.fromstring(text, forbid_dtd=True)
    except defusedxml.DefusedXmlException:
        raise LrmxError(
            "lrmx_forbidden", _("The file uses DTDs or entities, which are refused for safety.")
        ) from None
    except (UnicodeDecodeError, ET.ParseError):
        raise LrmxError("lrmx_malformed", _("The file is not well-formed UTF-8 XML.")) from None
    if root.tag != ROOT:
        raise LrmxError("lrmx_root", _("The file's root element is not <Person>."))
    return root


# Zero-width characters and stray byte-order marks that some tools leave inside values.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def _text(element: ET.Element | None) -> str:
    """The element's text, stripped; whitespace only (also 　 and line breaks) is empty."""
    return _INVISIBLE.sub("", element.text or "").strip() if element is not None else ""


def _date(text: str, *, month_only: bool) -> datetime.date:
    value = parse_roster_date(text)
    return value.replace(day=1) if month_only else value


def _photo(text: str) -> bytes:
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except binascii.Error:
        raise LrmxError("lrmx_photo", _("The photo is not valid base64.")) from None


def _resume(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def _gender(text: str) -> str:
    if text not in GENDER_FROM_LRMX:
        raise LrmxError("lrmx_gender", _("The gender is neither 男 nor 女."))
    return GENDER_FROM_LRMX[text]


def _family(root: ET.Element) -> list[FamilyMember]:
    container = root.find(FAMILY)
    if container is None:
        return []
    members = []
    for item in container.findall(FAMILY_ITEM):
        values = {attr: _text(item.find(element)) for element, attr in FAMILY_FIELDS.items()}
        if any(values.values()):  # forms pad the table with blank rows
            members.append(FamilyMember(**values))
    return members


_PARTY_NAMES = frozenset(
    {*DEMOCRATIC_PARTY_FORM_LABELS.values(), *DEMOCRATIC_PARTY_ALIASES, DEMOCRATIC_PARTY_UNNAMED}
)
# NFKC has turned ； ， （ ） into ASCII: 200006;民盟, 200006 民盟, 2000.06(民盟), or a bare 民盟.
_PARTY_ENTRY = re.compile(r"(?P<date>[0-9][0-9./\-年月日]*)?\s*[;,(]?\s*(?P<name>[^;,()0-9]*?)\s*\)?")


def _is_party_name(text: str) -> bool:
    return "".join(text.split()) in _PARTY_NAMES


def split_party_entry(text: str) -> tuple[str, str]:
    """入党时间 as peer tools write it, split into (date text, democratic party name)."""
    normal = unicodedata.normalize("NFKC", text).strip()
    match = _PARTY_ENTRY.fullmatch(normal)
    if match and (match["date"] or _is_party_name(match["name"])):
        return match["date"] or "", match["name"]
    if ";" in normal:
        date_text, _sep, name = normal.partition(";")
        return date_text.strip(), name.strip()
    return normal, ""  # not a party name: read as a date, so a wrong value is reported


def _readers() -> dict[str, tuple[str, Callable[[str], object]]]:
    readers: dict[str, tuple[str, Callable[[str], object]]] = {
        element: (attr, str) for element, attr in TEXT_ELEMENTS.items()
    }
    for element, attr in MONTH_ELEMENTS.items():
        readers[element] = (attr, lambda text: _date(text, month_only=True))
    for element, attr in DAY_ELEMENTS.items():
        readers[element] = (attr, lambda text: _date(text, month_only=False))
    readers[PARTY_ELEMENT] = ("party_join", lambda text: _date(text, month_only=True))
    readers["XingBie"] = ("gender", _gender)
    readers["JianLi"] = ("resume_lines", _resume)
    readers["ZhaoPian"] = ("photo", _photo)
    readers["Version"] = ("version", str)
    return readers


_READERS = _readers()


def _read_field(result: LrmxParseResult, element: str, text: str) -> None:
    attr, read = _READERS[element]
    try:
        setattr(result.record, attr, read(text))
    except (PartialDateError, LrmxError) as exc:
        result.problems.append(LrmxProblem(element, exc.code, exc.message))


def _read_party(result: LrmxParseResult, text: str) -> None:
    date_text, result.record.party_name = split_party_entry(text)
    if date_text:
        _read_field(result, PARTY_ELEMENT, date_text)


_KNOWN = frozenset(ELEMENTS)


def _not_read(element: str, value: str) -> LrmxProblem:
    if not value:
        message = _("<%(element)s> is not an element this system reads; it was left out.")
        return LrmxProblem(element, "unknown_element", message % {"element": element})
    if len(value) > 40:
        value = value[:40] + "…"
    message = _("<%(element)s> is not an element this system reads; its value “%(value)s” was not imported.")
    return LrmxProblem(element, "unknown_element", message % {"element": element, "value": value})


def _family_unknown(container: ET.Element) -> list[LrmxProblem]:
    problems: dict[str, LrmxProblem] = {}  # one entry per element name, not per row
    for child in container:
        if child.tag != FAMILY_ITEM:
            name = f"{FAMILY}.{child.tag}"
            problems.setdefault(name, _not_read(name, _text(child)))
            continue
        for cell in child:
            name = f"{FAMILY}.{FAMILY_ITEM}.{cell.tag}"
            if cell.tag not in FAMILY_FIELDS:
                problems.setdefault(name, _not_read(name, _text(cell)))
    return list(problems.values())


def _unknown(root: ET.Element) -> list[LrmxProblem]:
    """Elements the form does not have, and repeated ones: listed so nothing is dropped unsaid.

    Comments (templates often comment out items) are not elements: the parser leaves them out.
    """
    problems: list[LrmxProblem] = []
    counts: dict[str, int] = {}
    for child in root:
        counts[child.tag] = counts.get(child.tag, 0) + 1
        if child.tag not in _KNOWN:
            problems.append(_not_read(child.tag, _text(child)))
    for element, count in counts.items():
        if element in _KNOWN and count > 1:
            message = _("<%(element)s> appears %(count)s times; only the first was read.")
            problems.append(
                LrmxProblem(element, "duplicate_element", message % {"element": element, "count": count})
            )
    container = root.find(FAMILY)
    if container is not None:
        problems.extend(_family_unknown(container))
    return problems


def parse_lrmx(data: bytes) -> LrmxParseResult:
    """Read a .lrmx file; absent or empty elements are listed in `missing`, unreadable ones in `problems`,
    and so are elements the form does not have (`unknown_element`).

    Raises LrmxError (lrmx_malformed, lrmx_forbidden, lrmx_root) when the file cannot be read at all.
    """
    root = _root(data)
    result = LrmxParseResult(record=LrmxRecord(version=""))
    result.record.family = _family(root)
    for element in ELEMENTS:
        if element == FAMILY:
            if not result.record.family:
                result.missing.append(element)
            continue
        text = _text(root.find(element))
        if not text:
            result.missing.append(element)
        elif element == PARTY_ELEMENT:
            _read_party(result, text)
        else:
            _read_field(result, element, text)
    result.problems.extend(_unknown(root))
    return result


# ---------------------------------------------------------------- reading values of the form's text


GRADE_FROM_FORM = {
    label: code for code, label in APPRAISAL_GRADE_FORM_LABELS.items() if code != APPRAISAL_NOT_GRADED
}
_YEAR = r"(?:19|20)[0-9]{2}"
# Longest grade first: 基本称职 and 不称职 both contain 称职.
_GRADES = "|".join(sorted(GRADE_FROM_FORM, key=len, reverse=True))
_APPRAISAL_TOKENS = re.compile(
    rf"(?P<start>{_YEAR})\s*年?度?\s*(?:至|到|-|~|—|–)\s*(?P<end>{_YEAR})"
    rf"|(?P<year>{_YEAR})"
    rf"|(?P<grade>{_GRADES})"
    r"|(?P<ungraded>不定等次|未定等次|不确定等次|未参加(?:年度)?考核|未考核)"
    r"|(?P<each>分别|依次)"
    r"|(?P<stop>[;。\n])"
)


def appraisal_grades(text: str) -> list[tuple[int, str]]:
    """The (year, grade code) pairs in 年度考核结果 as people write it, by year.

    2023、2024、2025年度考核均为称职 · 2022年度考核优秀；2023年度考核称职 · 2021至2023年度均为称职 ·
    2022、2023年度分别为优秀、称职. A grade goes to the years written before it; a year marked
    不定等次 gets none. The first grade of a year wins.
    """
    found: dict[int, str] = {}
    pending: list[int] = []
    each = False
    for token in _APPRAISAL_TOKENS.finditer(unicodedata.normalize("NFKC", text)):
        kind = token.lastgroup
        if kind in ("start", "end"):
            start, end = int(token["start"]), int(token["end"])
            pending.extend(range(start, end + 1) if 0 <= end - start <= 20 else (start, end))
        elif kind == "year":
            pending.append(int(token["year"]))
        elif kind == "each":
            each = True
        elif kind == "grade" and pending:
            years = [pending.pop(0)] if each else pending
            for year in years:
                found.setdefault(year, GRADE_FROM_FORM[token["grade"]])
            if not each or not pending:
                pending, each = [], False
        elif kind in ("ungraded", "stop"):
            pending, each = [], False
    return sorted(found.items())


def pre_reform_age_limit_text(age: int) -> str:
    """改革前任职年龄界限为60岁, the sentence the form carries."""
    return f"改革前任职年龄界限为{age}岁"


_AGE = re.compile(r"([0-9]{2,3})\s*周?岁|^\s*([0-9]{2,3})\s*$")


def pre_reform_age_from_text(text: str) -> int | None:
    """60 from 改革前任职年龄界限为60岁 (or 60岁, 60); None when the text names no age."""
    match = _AGE.search(unicodedata.normalize("NFKC", text))
    return int(match[1] or match[2]) if match else None


# ---------------------------------------------------------------- building


def _format_day(value: datetime.date) -> str:
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


def _values(record: LrmxRecord) -> dict[str, str]:
    values = {element: getattr(record, attr) for element, attr in TEXT_ELEMENTS.items()}
    for element, attr in MONTH_ELEMENTS.items():
        value = getattr(record, attr)
        values[element] = format_compact(value) if value else ""
    for element, attr in DAY_ELEMENTS.items():
        value = getattr(record, attr)
        values[element] = _format_day(value) if value else ""
    party = format_compact(record.party_join) if record.party_join else ""
    values[PARTY_ELEMENT] = PARTY_SEPARATOR.join(part for part in (party, record.party_name) if part)
    values["XingBie"] = GENDER_TO_LRMX.get(record.gender or "", "")
    values["JianLi"] = "\n".join(record.resume_lines)
    values["ZhaoPian"] = base64.b64encode(record.photo).decode("ascii") if record.photo else ""
    values["Version"] = LRMX_VERSION
    return values


def _family_element(members: list[FamilyMember]) -> ET.Element:
    container = ET.Element(FAMILY)
    for member in members:
        item = ET.SubElement(container, FAMILY_ITEM)
        for element, attr in FAMILY_FIELDS.items():
            ET.SubElement(item, element).text = getattr(member, attr) or ""
    return container


def build_lrmx(record: LrmxRecord) -> bytes:
    """The record as a UTF-8 .lrmx file of form version 3.2.1.6, with every element present."""
    values = _values(record)
    root = ET.Element(ROOT)
    for element in ELEMENTS:
        if element == FAMILY:
            root.append(_family_element(record.family))
        else:
            ET.SubElement(root, element).text = values[element] or ""
    ET.indent(root)
    # Explicit end tags for empty elements: some importers of the form do not read <X />.
    body = ET.tostring(root, encoding="unicode", short_empty_elements=False)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")
