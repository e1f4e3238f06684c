"""The roster's columns: header, model field, how a cell is read on import and written on export.

The headers and the choice labels are the file format, fixed in Chinese whatever the UI
language, because HR offices exchange these sheets; only the notes and messages are translated.
"""

import datetime
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cadres.choices import (
    DEGREE_FORM_LABELS,
    EDUCATION_ALIASES,
    EDUCATION_FORM_LABELS,
    GENDER_FORM_LABELS,
    POLITICAL_FORM_LABELS,
)
from cadres.models.cadre import (
    ETHNICITIES,
    Cadre,
    CadreStatus,
    TitleGrade,
)
from cadres.rules.id_number import mask_id_number, normalise_id_number
from cadres.rules.partial_dates import PartialDateError, format_year_month, parse_roster_date

GENDER_LABELS = GENDER_FORM_LABELS
ETHNICITY_LABELS = dict(ETHNICITIES)
POLITICAL_LABELS = POLITICAL_FORM_LABELS
EDUCATION_LABELS = EDUCATION_FORM_LABELS
DEGREE_LABELS = DEGREE_FORM_LABELS
TITLE_GRADE_LABELS = {
    TitleGrade.SENIOR: "正高级",
    TitleGrade.ASSOCIATE: "副高级",
    TitleGrade.INTERMEDIATE: "中级",
    TitleGrade.JUNIOR: "初级",
}
STATUS_LABELS = {CadreStatus.SERVING: "在职", CadreStatus.RETIRED: "退休", CadreStatus.LEFT: "调离"}

# Other spellings seen in HR sheets; they are accepted on import, never written.
_ALIASES = {
    "political": {
        "党员": "cpc_member",
        "预备党员": "cpc_probationary",
        "团员": "cyl_member",
        "无党派": "non_party",
    },
    "education": EDUCATION_ALIASES,
    "degree": {"学士学位": "bachelor", "硕士学位": "master", "博士学位": "doctor"},
    "title_grade": {"正高": "senior", "副高": "associate"},
    "ethnicity": {label.removesuffix("族"): code for code, label in ETHNICITIES if label.endswith("族")},
}


class RosterValueError(ValueError):
    """A cell that cannot be read; `code` is stable, `message` is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class RowError:
    row: int  # as Excel numbers it; 0 for the file as a whole
    column: str
    code: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "code": self.code, "message": self.message}


class RosterFileError(ValueError):
    """The file as a whole cannot be read (not .xlsx, no header row, missing columns)."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(errors)
        self.errors = errors


@dataclass
class RowInput:
    row: int
    values: dict[str, object]  # header → cell value, for every column present in the file


@dataclass(frozen=True)
class ExportContext:
    on: datetime.date
    mask_id_numbers: bool


@dataclass(frozen=True)
class Column:
    header: str
    field: str | None  # the Cadre field it fills on import; None for an export-only column
    parse: Callable[[object], object] | None
    export: Callable[[Cadre, ExportContext], object]
    kind: str  # "text", "date", "choice", "id", "unit" or "export": chooses the notes line
    labels: dict[str, str] = field(default_factory=dict)
    required: bool = False
    aliases: tuple[str, ...] = ()
    width: int = 12


# ---- cell readers -----------------------------------------------------------------------------


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        raise RosterValueError("not_text", _("Expected text, found a date."))
    return str(value).strip()


def normal_label(value: str) -> str:
    return "".join(unicodedata.normalize("NFKC", value).split())


def _choice(labels: dict[str, str], aliases: dict[str, str]) -> Callable[[object], str]:
    lookup = {normal_label(label): str(code) for code, label in labels.items()}
    lookup |= {normal_label(alias): code for alias, code in aliases.items()}

    def parse(value: object) -> str:
        code = lookup.get(normal_label(_text(value)))
        if code is None:
            raise RosterValueError(
                "invalid_choice", _("Not one of: %(labels)s.") % {"labels": "、".join(labels.values())}
            )
        return code

    return parse


def _date(value: object) -> datetime.date:
    try:
        return parse_roster_date(value)
    except PartialDateError as exc:
        raise RosterValueError(exc.code, str(exc.message)) from None


def _id_number(value: object) -> str:
    if not isinstance(value, str):
        # Excel keeps 15 significant digits: an 18-digit number cell has already lost its tail.
        raise RosterValueError(
            "id_not_text", _("Enter the ID number as text: a number cell loses its last digits.")
        )
    if "*" in value:
        raise RosterValueError(
            "id_masked", _("A masked ID number cannot be imported; enter the full number.")
        )
    return normalise_id_number(value)


# ---- cell writers -----------------------------------------------------------------------------


def _attr(name: str) -> Callable[[Cadre, ExportContext], object]:
    return lambda cadre, ctx: getattr(cadre, name)


def _label_of(name: str, labels: dict[str, str]) -> Callable[[Cadre, ExportContext], object]:
    return lambda cadre, ctx: labels.get(getattr(cadre, name), getattr(cadre, name))


def _year_month_of(name: str) -> Callable[[Cadre, ExportContext], object]:
    def export(cadre: Cadre, ctx: ExportContext) -> str:
        value = getattr(cadre, name)
        return format_year_month(value) if value else ""

    return export


def _export_id(cadre: Cadre, ctx: ExportContext) -> str:
    return mask_id_number(cadre.id_number) if ctx.mask_id_numbers and cadre.id_number else cadre.id_number


def _current(cadre: Cadre) -> list:
    return list(getattr(cadre, "current_appointments", None) or [])


def _export_posts(cadre: Cadre, ctx: ExportContext) -> str:
    return "、".join(appointment.post.title for appointment in _current(cadre))


def _export_post_start(cadre: Cadre, ctx: ExportContext) -> str:
    current = _current(cadre)
    return format_year_month(current[0].start_date) if current else ""


def _text_column(header: str, name: str, *, width: int = 12, aliases: tuple[str, ...] = ()) -> Column:
    return Column(header, name, _text, _attr(name), "text", width=width, aliases=aliases)


def _date_column(header: str, name: str, *, required: bool = False, aliases: tuple[str, ...] = ()) -> Column:
    return Column(header, name, _date, _year_month_of(name), "date", required=required, aliases=aliases)


def _choice_column(
    header: str, name: str, labels: dict[str, str], alias_key: str | None = None, **kwargs
) -> Column:
    parse = _choice(labels, _ALIASES.get(alias_key or "", {}))
    return Column(header, name, parse, _label_of(name, labels), "choice", labels=labels, **kwargs)


UNIT_HEADER = "现任单位"
ID_HEADER = "身份证号"

COLUMNS: tuple[Column, ...] = (
    Column("姓名", "name", _text, _attr("name"), "text", required=True, width=10),
    _choice_column("性别", "gender", GENDER_LABELS, required=True, width=6),
    _choice_column("民族", "ethnicity", ETHNICITY_LABELS, "ethnicity", width=8),
    _date_column("出生年月", "birth_date", required=True, aliases=("出生日期",)),
    _text_column("籍贯", "native_place"),
    _text_column("出生地", "birthplace"),
    Column(
        ID_HEADER, "id_number", _id_number, _export_id, "id", width=21, aliases=("身份证号码", "公民身份号码")
    ),
    _choice_column("政治面貌", "political_status", POLITICAL_LABELS, "political"),
    _date_column("入党时间", "party_join_date"),
    _date_column("参加工作时间", "work_start_date"),
    _text_column("健康状况", "health", width=8),
    _choice_column("学历", "education", EDUCATION_LABELS, "education", aliases=("全日制学历",)),
    _choice_column("学位", "degree", DEGREE_LABELS, "degree", width=8, aliases=("全日制学位",)),
    _text_column("毕业院校及专业", "education_school", width=28),
    _choice_column("在职学历", "inservice_education", EDUCATION_LABELS, "education"),
    _choice_column("在职学位", "inservice_degree", DEGREE_LABELS, "degree", width=8),
    _text_column("在职毕业院校及专业", "inservice_school", width=28),
    _text_column("职称", "professional_title", width=16, aliases=("专业技术职务",)),
    _choice_column("职称级别", "title_grade", TITLE_GRADE_LABELS, "title_grade", width=10),
    _text_column("熟悉专业有何专长", "specialities", width=20),
    Column(UNIT_HEADER, "unit", _text, lambda cadre, ctx: cadre.unit.name, "unit", width=20),
    Column("现任职务", None, None, _export_posts, "export", width=20),
    Column("任职时间", None, None, _export_post_start, "export"),
    Column("退休时间", None, None, _year_month_of("retirement_date"), "export"),
    _choice_column("人员状态", "status", STATUS_LABELS, width=8),
)
IMPORT_COLUMNS = tuple(column for column in COLUMNS if column.parse is not None)
COLUMN_BY_FIELD = {column.field: column for column in IMPORT_COLUMNS}
HEADER_INDEX = {normal_label(name): column for column in COLUMNS for name in (column.header, *column.aliases)}
