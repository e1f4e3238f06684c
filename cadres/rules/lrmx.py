"""The .lrmx exchange file of the cadre appointment form (干部任免审批表, form version 3.2.1.6)."""

import base64
import binascii
import datetime

# The standard ElementTree only builds XML here; parsing goes through defusedxml.
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field

import defusedxml
import defusedxml.ElementTree as SafeET
from django.utils.translation import gettext_lazy as _

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
    "TianBiaoRen": "filled_by",
    "ShenFenZheng": "id_number",
}
# Dates written as yyyyMM, read as the 1st of the month.
MONTH_ELEMENTS: dict[str, str] = {
    "ChuShengNianYue": "birth",
    "RuDangShiJian": "party_join",
    "CanJiaGongZuoShiJian": "work_start",
    "TianBiaoShiJian": "filled_at",
}
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
    work_start: datetime.date | None = None
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


def _text(element: ET.Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


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


def _readers() -> dict[str, tuple[str, Callable[[str], object]]]:
    readers: dict[str, tuple[str, Callable[[str], object]]] = {
        element: (attr, str) for element, attr in TEXT_ELEMENTS.items()
    }
    for element, attr in MONTH_ELEMENTS.items():
        readers[element] = (attr, lambda text: _date(text, month_only=True))
    for element, attr in DAY_ELEMENTS.items():
        readers[element] = (attr, lambda text: _date(text, month_only=False))
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


def parse_lrmx(data: bytes) -> LrmxParseResult:
    """Read a .lrmx file; absent or empty elements are listed in `missing`, unreadable ones in `problems`.

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
        if text:
            _read_field(result, element, text)
        else:
            result.missing.append(element)
    return result


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
