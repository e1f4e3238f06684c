"""The roster workbook: the import template, the export, and reading an uploaded file."""

import datetime
import io
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from cadres.exchange.roster.columns import (
    COLUMNS,
    HEADER_INDEX,
    IMPORT_COLUMNS,
    Column,
    ExportContext,
    RosterFileError,
    RowError,
    RowInput,
    normal_label,
)
from cadres.models.cadre import Cadre
from core.spreadsheets import escape_cell, unescape_cell
from core.uploads import UploadedWorkbook, workbook_open

SHEET_TITLE = "干部花名册"
NOTES_TITLE = "说明"
MAX_ROWS = 50_000
HEADER_SEARCH_ROWS = 10  # a title line or two may stand above the header row
# Rows of the sheet read, empty ones included, so that empty rows cannot cost more than data.
MAX_SHEET_ROWS = MAX_ROWS + HEADER_SEARCH_ROWS
MAX_COLUMNS = 256  # cells further right are not read (a roster has about 25 columns)
MAX_FILE_BYTES = 20 * 1024 * 1024

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _header_cells(ws) -> list:
    cells = []
    for column in COLUMNS:
        cell = WriteOnlyCell(ws, value=column.header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        cells.append(cell)
    return cells


def _set_widths(ws) -> None:
    for index, column in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width


def _notes_rows() -> Iterable[list[str]]:
    yield [_("Column"), _("Required"), _("Format"), _("Notes")]
    formats = {
        "text": _("Text."),
        "date": _("Year and month or a full date: 1980.05, 1980-05, 1980年5月, 198005, 1980-05-12, "
                  "or an Excel date cell."),
        "id": _("18 characters, in a text cell. It finds an existing cadre: a row whose ID number "
                "is already recorded updates that cadre instead of adding a new one."),
        "unit": _("The unit's name, “parent unit/unit”, or the unit code, within your data scope. "
                  "Empty: the unit chosen for the import (new cadres) or unchanged (existing cadres)."),
        "export": _("Export only: ignored on import. Appointments are recorded on the cadre's page."),
    }  # fmt: skip
    for column in COLUMNS:
        if column.kind == "choice":
            text = _("One of: %(labels)s.") % {"labels": "、".join(column.labels.values())}
        else:
            text = formats[column.kind]
        yield [column.header, _("Yes") if column.required else "", text, ""]
    yield []
    yield [
        _("The first row holding 姓名 is the header row; columns are found by their header, in any order.")
    ]
    yield [_("Columns may be left out; unknown columns are ignored; empty rows are skipped.")]
    yield [
        _("An empty cell keeps the default for a new cadre and leaves an existing cadre's value unchanged.")
    ]
    yield [_("A dry run checks every row and saves nothing; an import saves all rows or, if any row "
             "has an error, none.")]  # fmt: skip


def _write_notes(wb: Workbook) -> None:
    ws = wb.create_sheet(NOTES_TITLE)
    for row in _notes_rows():
        ws.append(row)
    for letter, width in zip("ABCD", (20, 8, 80, 20), strict=True):
        ws.column_dimensions[letter].width = width


def _to_bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def roster_template() -> bytes:
    """An empty roster with the header row, text-formatted ID column and a 说明 (notes) sheet."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET_TITLE)
    _set_widths(ws)
    ws.freeze_panes = "A2"
    ws.append(_header_cells(ws))
    _write_notes(wb)
    return _to_bytes(wb)


def roster_export(*, queryset: QuerySet[Cadre], on: datetime.date, mask_id_numbers: bool = False) -> bytes:
    """The roster of the cadres in `queryset` (expected with `current_appointments` prefetched)."""
    ctx = ExportContext(on=on, mask_id_numbers=mask_id_numbers)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET_TITLE)
    _set_widths(ws)
    ws.freeze_panes = "A2"
    ws.append(_header_cells(ws))
    for cadre in queryset.iterator(chunk_size=2000):
        ws.append([escape_cell(column.export(cadre, ctx)) for column in COLUMNS])
    return _to_bytes(wb)


# ---- reading ----------------------------------------------------------------------------------


def _cell(value: object) -> object:
    if isinstance(value, str):
        value = unescape_cell(value.strip())
        return value or None
    return value


def _open(data: bytes) -> UploadedWorkbook:
    """The uploaded roster; a file that cannot be read or passes a limit is a ValidationError on `file`."""
    return workbook_open(data, field="file", code="bad_file", message=_("This is not an .xlsx file."))


def _header_map(header_row: int, cells: tuple) -> dict[int, Column]:
    found: dict[int, Column] = {}
    seen: dict[str, int] = {}
    errors = []
    for index, value in enumerate(cells):
        if not isinstance(value, str):
            continue
        column = HEADER_INDEX.get(normal_label(value).strip("*＊"))
        if column is None:
            continue
        if column.header in seen:
            errors.append(
                RowError(header_row, column.header, "duplicate_column", _("This column appears twice."))
            )
        seen[column.header] = index
        if column.parse is not None:
            found[index] = column
    present = {column.header for column in found.values()}
    for column in IMPORT_COLUMNS:
        if column.required and column.header not in present:
            errors.append(RowError(header_row, column.header, "missing_column", _("This column is missing.")))
    if errors:
        raise RosterFileError(errors)
    return found


def _is_header(cells: tuple) -> bool:
    return any(isinstance(value, str) and normal_label(value).strip("*＊") == "姓名" for value in cells)


def _find_header(rows: Iterable[tuple]) -> tuple[int, dict[int, Column]]:
    for number, cells in enumerate(rows, start=1):
        if _is_header(cells):
            return number, _header_map(number, cells)
        if number >= HEADER_SEARCH_ROWS:
            break
    raise RosterFileError([RowError(1, "姓名", "missing_header", _("No header row with 姓名 was found."))])


def roster_parse(*, data: bytes) -> list[RowInput]:
    """The data rows under the header row; raises RosterFileError when the header row is wrong,
    ValidationError on `file` when the file cannot be read or has more than MAX_SHEET_ROWS rows."""
    with _open(data) as book:
        rows = book.rows(book.sheet(SHEET_TITLE), max_rows=MAX_SHEET_ROWS, max_col=MAX_COLUMNS)
        header_row, columns = _find_header(rows)
        parsed = []
        for number, cells in enumerate(rows, start=header_row + 1):
            values = {column.header: _cell(cells[i]) for i, column in columns.items()}
            if any(value is not None for value in values.values()):
                parsed.append(RowInput(row=number, values=values))
        return parsed


def roster_row_count(*, data: bytes) -> int:
    """About how many rows the file has, from the size the sheet records (at most MAX_SHEET_ROWS), else
    counted; raises ValidationError on `file` like roster_parse."""
    with _open(data) as book:
        ws = book.sheet(SHEET_TITLE)
        recorded = book.recorded_rows(ws)
        if recorded:
            return min(recorded, MAX_SHEET_ROWS)
        return sum(1 for _row in book.rows(ws, max_rows=MAX_SHEET_ROWS, max_col=1))


TEMPLATE_FILENAME = "干部花名册_导入模板.xlsx"


def export_filename(on: datetime.date) -> str:
    return f"干部花名册_{on:%Y%m%d}.xlsx"
