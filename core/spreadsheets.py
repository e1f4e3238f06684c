"""Cells written to .xlsx files: text that Excel would run as a formula is quoted (CSV/formula injection)."""

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: object) -> object:
    """Text that Excel would run as a formula (=, +, -, @, tab, CR first) gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def unescape_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value
