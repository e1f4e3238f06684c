"""Dates as HR spreadsheets and .lrmx files write them: year-month or full dates in many spellings."""

import datetime
import math
import re
import unicodedata

from django.utils.translation import gettext_lazy as _
from openpyxl.utils.datetime import from_excel

_YEAR_MONTH = (
    re.compile(r"(?P<year>[0-9]{4})\s*(?P<sep>[./-])\s*(?P<month>[0-9]{1,2})"),
    re.compile(r"(?P<year>[0-9]{4})\s*年\s*(?P<month>[0-9]{1,2})\s*月?"),
    re.compile(r"(?P<year>[0-9]{4})(?P<month>[0-9]{2})"),
)
_FULL_DATE = (
    re.compile(
        r"(?P<year>[0-9]{4})\s*(?P<sep>[./-])\s*(?P<month>[0-9]{1,2})\s*(?P=sep)\s*(?P<day>[0-9]{1,2})"
    ),
    re.compile(r"(?P<year>[0-9]{4})\s*年\s*(?P<month>[0-9]{1,2})\s*月\s*(?P<day>[0-9]{1,2})\s*日?"),
    re.compile(r"(?P<year>[0-9]{4})(?P<month>[0-9]{2})(?P<day>[0-9]{2})"),
)
_COMPACT_YEAR_MONTH = re.compile(r"[0-9]{6}")
_LAST_SERIAL = 2958465  # 9999-12-31


class PartialDateError(ValueError):
    """A value that is not a date in any accepted spelling; `code` is stable, `message` is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message


def _format_error() -> PartialDateError:
    return PartialDateError(
        "date_format", _("Not a date; write it as 1980.05, 1980-05-12, 198005 or 1980年5月12日.")
    )


def _from_match(match: re.Match[str]) -> datetime.date:
    parts = match.groupdict()
    try:
        return datetime.date(int(parts["year"]), int(parts["month"]), int(parts.get("day") or 1))
    except ValueError:
        raise _format_error() from None


def _parse_text(text: str) -> datetime.date:
    # NFKC turns full-width digits and punctuation (１９８０．０５) into ASCII.
    text = unicodedata.normalize("NFKC", text).strip()
    for pattern in (*_FULL_DATE, *_YEAR_MONTH):
        match = pattern.fullmatch(text)
        if match:
            return _from_match(match)
    raise _format_error()


def _parse_number(value: int | float) -> datetime.date:
    if isinstance(value, int) and len(str(value)) in (6, 8):
        # 198005 or 19800512 typed into a number cell; as a serial it would be centuries away.
        return _parse_text(str(value))
    if not math.isfinite(value) or value != int(value) or not 0 < value <= _LAST_SERIAL:
        # A fraction is a time of day or a year.month typed as a number (1980.1 could be
        # January or October), so it is refused rather than guessed.
        raise _format_error()
    return from_excel(value).date()


def parse_roster_date(value: object) -> datetime.date:
    """A date from a spreadsheet cell or text; year-month forms give the 1st of the month."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _parse_number(value)
    if isinstance(value, str):
        return _parse_text(value)
    raise _format_error()


def format_year_month(d: datetime.date) -> str:
    """1980.05, the year-month form of the cadre appointment form."""
    return f"{d.year:04d}.{d.month:02d}"


def parse_year_month_compact(value: str) -> datetime.date:
    """The 1st of the month written as yyyyMM (198005), as .lrmx files write it."""
    value = value.strip()
    if not _COMPACT_YEAR_MONTH.fullmatch(value):
        raise _format_error()
    return _parse_text(value)


def format_compact(d: datetime.date) -> str:
    """yyyyMM (198005), as .lrmx files write it."""
    return f"{d.year:04d}{d.month:02d}"
