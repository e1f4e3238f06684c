"""The programme attendance sheet (培训班考勤表, .xlsx): its columns, its template and its reader.

The roster's contract: a header row with 姓名 within the first rows, one participant a row, cells
that Excel would run as formulas escaped on the way out and unescaped on the way in; a file that
cannot be read or passes a limit is a ValidationError on `file`.
"""

import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl import Workbook

from cadres.exchange.roster.columns import RowError
from core.spreadsheets import escape_cell, unescape_cell
from core.uploads import workbook_open

NAME, ID_NUMBER, COMPLETED, HOURS, ABSENT, SCORE, CERTIFICATE = (
    "姓名",
    "身份证号",
    "是否结业",
    "认定学时",
    "请假学时",
    "成绩",
    "证书编号",
)
HEADERS = (NAME, ID_NUMBER, COMPLETED, HOURS, ABSENT, SCORE, CERTIFICATE)
MAX_ROWS, HEADER_SEARCH_ROWS, MAX_COLUMNS = 10_000, 5, 30
YES, NO = {"是", "结业", "y", "yes", "true", "1"}, {"否", "未结业", "退学", "n", "no", "false", "0"}


@dataclass(frozen=True)
class AttendanceRow:
    row: int  # as Excel numbers it
    name: str
    id_number: str
    completed: bool
    hours: Decimal | None
    absent_hours: Decimal
    score: Decimal | None
    certificate_no: str


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(unescape_cell(str(value).strip()))


def _number(
    value, *, row: int, column: str, errors: list, maximum: Decimal = Decimal(9999)
) -> Decimal | None:
    text = _text(value)
    if not text:
        return None
    try:
        number = Decimal(text).quantize(Decimal("0.1"))
    except InvalidOperation:
        errors.append(RowError(row, column, "invalid", _("Give a number.")))
        return None
    if not Decimal(0) <= number <= maximum:
        errors.append(RowError(row, column, "out_of_range", _("The number is out of range.")))
        return None
    return number


def _completed(value, *, row: int, errors: list) -> bool:
    text = _text(value).lower()
    if not text or text in YES:
        return True
    if text in NO:
        return False
    errors.append(RowError(row, COMPLETED, "invalid_choice", _("Give 是 or 否.")))
    return True


def _parse_row(number: int, cells: tuple, columns: dict[str, int], errors: list) -> AttendanceRow | None:
    def cell(header):
        index = columns.get(header)
        return cells[index] if index is not None and index < len(cells) else None

    if all(_text(cell(h)) == "" for h in HEADERS):
        return None
    name = _text(cell(NAME))
    if not name:
        errors.append(RowError(number, NAME, "required", _("This cell is required.")))
    return AttendanceRow(
        row=number,
        name=name,
        id_number=_text(cell(ID_NUMBER)).upper(),
        completed=_completed(cell(COMPLETED), row=number, errors=errors),
        hours=_number(cell(HOURS), row=number, column=HOURS, errors=errors),
        absent_hours=_number(cell(ABSENT), row=number, column=ABSENT, errors=errors) or Decimal(0),
        score=_number(cell(SCORE), row=number, column=SCORE, errors=errors, maximum=Decimal(100)),
        certificate_no=_text(cell(CERTIFICATE))[:50],
    )


def attendance_parse(*, data: bytes) -> tuple[list[AttendanceRow], list[RowError]]:
    """The rows under the header row and every error found, by row and column."""
    with workbook_open(data, field="file", code="bad_file", message=_("This is not an .xlsx file.")) as book:
        rows = book.rows(book.sheet(), max_rows=MAX_ROWS + HEADER_SEARCH_ROWS, max_col=MAX_COLUMNS)
        columns, header_row = {}, 0
        for number, cells in enumerate(rows, start=1):
            labels = [_text(v).strip("*＊") for v in cells]
            if NAME in labels:
                columns, header_row = {h: labels.index(h) for h in HEADERS if h in labels}, number
                break
            if number >= HEADER_SEARCH_ROWS:
                break
        if not columns:
            return [], [RowError(1, NAME, "missing_header", _("No header row with 姓名 was found."))]
        parsed, errors = [], []
        for number, cells in enumerate(rows, start=header_row + 1):
            row = _parse_row(number, cells, columns, errors)
            if row is not None:
                parsed.append(row)
        return parsed, errors


def attendance_template(*, rows: list[list] | None = None) -> bytes:
    """The sheet with its header row (and `rows`, escaped): the template, or an export."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("培训班考勤表")
    ws.append(list(HEADERS))
    for row in rows or []:
        ws.append([escape_cell(v) for v in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
