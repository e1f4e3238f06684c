"""The cadre roster (干部花名册) as an .xlsx file.

The headers and the choice labels are the file format, fixed in Chinese whatever the UI
language, because HR offices exchange these sheets; only the notes and messages are translated.
"""

from cadres.exchange.roster.columns import (
    COLUMN_BY_FIELD,
    COLUMNS,
    ID_HEADER,
    IMPORT_COLUMNS,
    UNIT_HEADER,
    Column,
    RosterFileError,
    RosterValueError,
    RowError,
    RowInput,
    normal_label,
)
from cadres.exchange.roster.workbook import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    TEMPLATE_FILENAME,
    export_filename,
    roster_export,
    roster_parse,
    roster_row_count,
    roster_template,
)
from core.spreadsheets import XLSX_CONTENT_TYPE, escape_cell, unescape_cell

__all__ = [
    "COLUMNS",
    "COLUMN_BY_FIELD",
    "ID_HEADER",
    "IMPORT_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "TEMPLATE_FILENAME",
    "UNIT_HEADER",
    "XLSX_CONTENT_TYPE",
    "Column",
    "RosterFileError",
    "RosterValueError",
    "RowError",
    "RowInput",
    "escape_cell",
    "export_filename",
    "normal_label",
    "roster_export",
    "roster_parse",
    "roster_row_count",
    "roster_template",
    "unescape_cell",
]
