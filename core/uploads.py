"""Opening uploaded zips, workbooks and images within budgets.

Every uploaded workbook and image is opened here, so that whatever a parser raises on a
damaged or hostile file becomes a field error (400), and a decompression bomb is refused
before it is unpacked or decoded: a zip's limits are checked on the sizes it declares, then
on the bytes actually inflated, and the work stops as soon as one is passed (code
`too_large`, the message naming the limit).
"""

import io
import re
import struct
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl.packaging.manifest import Manifest
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.xml.constants import ARC_CONTENT_TYPES, SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import fromstring, iterparse
from PIL import Image

TOO_LARGE = "too_large"
CHUNK = 64 * 1024
# Apache POI refuses zip entries that inflate more than 100 times (ZipSecureFile); real
# workbooks and .lrmx files stay far below (an xlsx sheet about 10×, an .lrmx about 2×).
MAX_RATIO = 100
RATIO_GRACE = 2**20  # small entries may inflate more: that costs nothing
DIRECTORY_ENTRY_BYTES = 1024  # a generous central-directory record (46 bytes, name, extras)
# What a parser may raise on a damaged or hostile file (zipfile, zlib, expat, openpyxl, Pillow).
PARSER_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    InvalidFileException,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    AttributeError,
    OverflowError,
    EOFError,
    OSError,
    SyntaxError,  # xml.etree's ParseError
    NotImplementedError,
    RuntimeError,  # an encrypted entry; RecursionError
)


def refusal(field: str, code: str, message: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _mb(size: int) -> str:
    return f"{size / 2**20:g}"


class UploadBudget:
    """What the files of one request may unpack to, all of them and all their zips together:
    sizes as declared (checked before anything is inflated) and as actually inflated."""

    def __init__(self, *, entries: int, unpacked_bytes: int, field: str = "file") -> None:
        self.max_entries, self.max_bytes, self.field = entries, unpacked_bytes, field
        self.entries = self.declared = self.inflated = 0

    def add_entries(self, count: int) -> None:
        self.entries += count
        if self.entries > self.max_entries:
            raise self.too_many()

    def too_many(self) -> ValidationError:
        message = _("The upload holds more than %(n)s files, those in zips included.")
        return refusal(self.field, TOO_LARGE, message % {"n": self.max_entries})

    def declare(self, size: int) -> None:
        self.declared += size
        self._check(self.declared)

    def check_inflated(self, more: int) -> None:
        self._check(self.inflated + more)

    def add_inflated(self, size: int) -> None:
        self.inflated += size
        self._check(self.inflated)

    def _check(self, size: int) -> None:
        if size > self.max_bytes:
            message = _("The upload unpacks to more than %(mb)s MB in all.")
            raise refusal(self.field, TOO_LARGE, message % {"mb": _mb(self.max_bytes)})


def zip_open(data: bytes, *, budget: UploadBudget, zip_class=zipfile.ZipFile) -> zipfile.ZipFile:
    """The zip, its entries and declared sizes counted in `budget` before they cost anything.

    Raises a parser error (see PARSER_ERRORS) when it is no zip, ValidationError past the budget.
    """
    # ZipFile() parses the whole central directory at once; the end record (private to zipfile,
    # stable since Python 2) gives its size and entry count first, so a huge one is never parsed.
    end = zipfile._EndRecData(io.BytesIO(data))
    if end is None:
        raise zipfile.BadZipFile("no end of central directory")
    room = budget.max_entries - budget.entries
    if end[zipfile._ECD_ENTRIES_TOTAL] > room or end[zipfile._ECD_SIZE] > room * DIRECTORY_ENTRY_BYTES:
        raise budget.too_many()
    archive = zip_class(io.BytesIO(data))
    infos = archive.infolist()
    budget.add_entries(len(infos))
    budget.declare(sum(info.file_size for info in infos))
    return archive


def _unpacks_to_more(field: str, name: str, limit: int) -> ValidationError:
    message = _("%(name)s unpacks to more than %(mb)s MB.")
    return refusal(field, TOO_LARGE, message % {"name": name, "mb": _mb(limit)})


def _size_check(size: int, info: zipfile.ZipInfo, name: str, *, limit: int, budget: UploadBudget) -> None:
    if size > limit:
        raise _unpacks_to_more(budget.field, name, limit)
    if size > RATIO_GRACE and size > MAX_RATIO * max(info.compress_size, 1):
        message = _("%(name)s inflates more than %(ratio)s times, as zip bombs do.")
        raise refusal(budget.field, TOO_LARGE, message % {"name": name, "ratio": MAX_RATIO})


def zip_inflate(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, limit: int, budget: UploadBudget, name: str = ""
) -> Iterator[bytes]:
    """The entry's bytes in chunks, refused past `limit`, the inflation ratio or the budget:
    on the declared size first, then on the bytes read so far. `name` names it in messages."""
    name = name or info.filename
    _size_check(info.file_size, info, name, limit=limit, budget=budget)
    read = 0
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            read += len(chunk)
            _size_check(read, info, name, limit=limit, budget=budget)
            budget.check_inflated(read)
            yield chunk
    budget.add_inflated(read)


# ---- workbooks ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkbookLimits:
    parts: int = 1000  # a workbook from Excel has about 10
    unpacked_bytes: int = 256 * 2**20  # all parts
    part_bytes: int = 128 * 2**20  # a sheet or the shared strings, which openpyxl streams
    tree_bytes: int = 8 * 2**20  # any other part openpyxl reads, as a tree in memory
    shared_strings: int = 500_000  # openpyxl holds them all in memory before the first row


_SHARED_STRING = re.compile(rb"<(?:[^\s<>/:]+:)?si[\s/>]")


class _CappedZip(zipfile.ZipFile):
    """What openpyxl reads whole (workbook, styles, relations) stays under `tree_bytes`;
    sheets and shared strings, which it streams, come through open() and the general limits."""

    tree_bytes, field = 0, "file"

    def read(self, name, pwd=None):
        info = self.getinfo(name)
        if info.file_size > self.tree_bytes:  # ZipFile never yields more than the declared size
            raise _unpacks_to_more(self.field, name, self.tree_bytes)
        return super().read(name, pwd)


_DIMENSION = f"{{{SHEET_MAIN_NS}}}dimension"
_SHEET_DATA = f"{{{SHEET_MAIN_NS}}}sheetData"


class _Sheet(ReadOnlyWorksheet):
    def _get_size(self):
        # openpyxl parses on to the end of <sheetData> (keeping every row element) when a
        # sheet records no size; the size comes before <sheetData> or not at all.
        with self._get_source() as source:
            for _event, element in iterparse(source, events=("start",)):
                if element.tag == _DIMENSION:
                    boundaries = SheetDimension.from_tree(element).boundaries
                    self._min_column, self._min_row, self._max_column, self._max_row = boundaries
                    return
                if element.tag == _SHEET_DATA:
                    return


class _Reader(ExcelReader):
    """openpyxl's reader, read only and values only, on an archive already checked."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        # Not super().__init__(), which would open the bytes again through a plain ZipFile.
        self.archive, self.valid_files = archive, archive.namelist()
        self.read_only, self.keep_vba, self.data_only, self.keep_links, self.rich_text = (
            True, False, True, False, False,
        )  # fmt: skip
        self.shared_strings = []

    def read_worksheets(self):
        # Values only: chart sheets (and the drawings and images they pull in) are never read.
        for sheet, rel in self.parser.find_sheets():
            if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                ws = _Sheet(self.wb, sheet.name, rel.target, self.shared_strings)
                ws.sheet_state = sheet.state
                self.wb._sheets.append(ws)


class UploadedWorkbook:
    """A read-only workbook of values; read its rows through `rows`, which keeps every
    parser error a field error and stops at the row limit."""

    def __init__(self, wb, *, field: str, invalid: ValidationError) -> None:
        self.wb, self.field, self.invalid = wb, field, invalid

    def __enter__(self) -> "UploadedWorkbook":
        return self

    def __exit__(self, *exc) -> None:
        self.wb.close()

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except PARSER_ERRORS:
            raise self.invalid from None

    def sheet(self, title: str | None = None):
        """The sheet of this title, else the first one."""
        with self._guard():
            return self.wb[title] if title in self.wb.sheetnames else self.wb.worksheets[0]

    def recorded_rows(self, ws) -> int | None:
        """The row count the sheet records about itself; files often carry a wrong one."""
        with self._guard():
            return ws.max_row

    def rows(self, ws, *, max_rows: int, max_col: int) -> Iterator[tuple]:
        """Value tuples of `max_col` cells; past `max_rows` rows, empty ones included, refused."""
        with self._guard():
            ws.reset_dimensions()
            rows = ws.iter_rows(values_only=True, max_col=max_col)
        for number in range(1, max_rows + 2):
            with self._guard():
                cells = next(rows, None)
            if cells is None:
                return
            if number > max_rows:
                message = _("The sheet has more than %(max)s rows (empty rows count too).")
                raise refusal(self.field, TOO_LARGE, message % {"max": f"{max_rows:,}"})
            yield cells


def _scan(archive: zipfile.ZipFile, *, limits: WorkbookLimits, budget: UploadBudget) -> None:
    """Inflate every part once, counting the shared strings openpyxl would load before any row."""
    manifest = Manifest.from_tree(fromstring(archive.read(ARC_CONTENT_TYPES)))
    strings = {part.PartName.lstrip("/") for part in manifest.Override if part.ContentType == SHARED_STRINGS}
    count = 0
    for info in archive.infolist():
        carry = b""
        for chunk in zip_inflate(archive, info, limit=limits.part_bytes, budget=budget):
            if info.filename not in strings:
                continue
            # A tag cut by the chunk's end starts at its last "<": it waits for the next chunk.
            text = carry + chunk
            cut = text.rfind(b"<")
            if cut < 0 or len(text) - cut > 256:  # no tag is that long: nothing to carry
                cut = len(text)
            count += sum(1 for _match in _SHARED_STRING.finditer(text, 0, cut))
            carry = text[cut:]
            if count > limits.shared_strings:
                message = _("The workbook holds more than %(max)s different texts.")
                raise refusal(budget.field, TOO_LARGE, message % {"max": f"{limits.shared_strings:,}"})


def workbook_open(
    data: bytes,
    *,
    field: str = "file",
    code: str = "invalid_file",
    message: str | None = None,
    limits: WorkbookLimits = WorkbookLimits(),
) -> UploadedWorkbook:
    """An uploaded .xlsx, read only and values only, once its parts have passed `limits`.

    Raises ValidationError on `field`: `code` when it cannot be read, `too_large` past a limit.
    """
    invalid = refusal(field, code, message or _("The file cannot be read as an .xlsx workbook."))
    budget = UploadBudget(entries=limits.parts, unpacked_bytes=limits.unpacked_bytes, field=field)
    try:
        archive = zip_open(data, budget=budget, zip_class=_CappedZip)
        archive.tree_bytes, archive.field = limits.tree_bytes, field
        _scan(archive, limits=limits, budget=budget)
        reader = _Reader(archive)
        reader.read()
    except PARSER_ERRORS:
        raise invalid from None
    return UploadedWorkbook(reader.wb, field=field, invalid=invalid)


# ---- images ------------------------------------------------------------------------------------

# A passport photo is 0.1 megapixels, a phone photo 12; 25 decode to 75 MB of RGB at most.
MAX_IMAGE_PIXELS = 25_000_000
# Only these decoders are tried (others, such as EPS through Ghostscript, never see uploads).
IMAGE_FORMATS = ("JPEG", "PNG", "GIF", "BMP", "WEBP")


@contextmanager
def image_open(
    data: bytes,
    *,
    field: str,
    code: str = "invalid_image",
    message: str | None = None,
    max_pixels: int = MAX_IMAGE_PIXELS,
) -> Iterator[Image.Image]:
    """The uploaded image, its header within `max_pixels` and its structure verified, ready to
    decode. Raises ValidationError on `field`: `code` when it is no image, `too_large` past the limit.
    """
    invalid = refusal(field, code, message or _("The file is not a readable image."))
    # Pillow only warns between its limit and twice that; here the warning is an error, for this
    # block only (catch_warnings swaps the process's filters: our web and Celery workers are
    # processes, not threads).
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=IMAGE_FORMATS) as image:
                if image.width * image.height > max_pixels:
                    raise Image.DecompressionBombError
                image.verify()
            image = Image.open(io.BytesIO(data), formats=IMAGE_FORMATS)  # verify() used the first up
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            text = _("The image has more than %(max)s pixels.")
            raise refusal(field, TOO_LARGE, text % {"max": f"{max_pixels:,}"}) from None
        except PARSER_ERRORS:
            raise invalid from None
    with image:
        yield image


def image_check(data: bytes, **kwargs) -> None:
    """As image_open, for a caller that only needs to know the image is acceptable."""
    with image_open(data, **kwargs):
        pass
