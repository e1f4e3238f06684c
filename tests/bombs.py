"""Hostile upload files, built small in the test, and a measure of what refusing them costs."""

import base64
import io
import re
import struct
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"

CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="{CT}.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{CT}.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="{CT}.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Target="xl/workbook.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>"""
WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="{MAIN}" xmlns:r="{REL}">
<sheets><sheet name="干部花名册" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{PKG_REL}">
<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
HEADER = ["姓名", "性别", "出生年月"]


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row() -> str:
    cells = "".join(_inline(f"{letter}1", text) for letter, text in zip("ABC", HEADER, strict=True))
    return f'<row r="1">{cells}</row>'


def sheet(rows: Iterable[str], *, dimension: str | None = "A1:C2") -> Iterator[bytes]:
    """A worksheet part; `dimension` is the size it records (None: it records none)."""
    yield f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{MAIN}">'.encode()
    yield (f'<dimension ref="{dimension}"/>' if dimension else "").encode() + b"<sheetData>"
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == 10_000:
            yield "".join(batch).encode()
            batch = []
    yield ("".join(batch) + "</sheetData></worksheet>").encode()


def shared_strings(count: int) -> Iterator[bytes]:
    yield f'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="{MAIN}" count="1" uniqueCount="1">'.encode()
    for start in range(0, count, 100_000):
        yield b"<si><t>x</t></si>" * min(100_000, count - start)
    yield b"</sst>"


def one_data_row() -> str:
    return f'<row r="2">{_inline("A2", "曾国华")}{_inline("B2", "男")}{_inline("C2", "1968.03")}</row>'


def xlsx_parts(*, sheet_xml: Iterable[bytes] | bytes | None = None) -> dict[str, Iterable[bytes] | bytes]:
    """The parts of a minimal, valid roster workbook; replace or drop some to build a bad one."""
    return {
        "[Content_Types].xml": CONTENT_TYPES.encode(),
        "_rels/.rels": ROOT_RELS.encode(),
        "xl/workbook.xml": WORKBOOK.encode(),
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS.encode(),
        "xl/worksheets/sheet1.xml": sheet_xml or b"".join(sheet([header_row(), one_data_row()])),
        "xl/sharedStrings.xml": b"".join(shared_strings(1)),
    }


def zip_of(parts: dict[str, Iterable[bytes] | bytes], *, level: int = 6) -> bytes:
    """A zip of the parts; a part given as chunks is written as a stream, never held whole."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, content in parts.items():
            with archive.open(name, "w", force_zip64=True) as out:
                for chunk in [content] if isinstance(content, bytes) else content:
                    out.write(chunk)
    return buffer.getvalue()


def zeros(total: int) -> Iterator[bytes]:
    block = bytes(2**20)
    for start in range(0, total, len(block)):
        yield block[: min(len(block), total - start)]


def sparse(total: int, *, every: int = 200, seed: int = 1) -> Iterator[bytes]:
    """`total` bytes that deflate about 60 times: zeros with a pseudo-random byte every `every` bytes."""
    state = seed
    block = bytearray(2**20)
    for start in range(0, total, len(block)):
        for index in range(0, len(block), every):
            state = (state * 1103515245 + 12345) & 0x7FFFFFFF
            block[index] = 1 + state % 255
        yield bytes(block[: min(len(block), total - start)])


def declared_size_lies(data: bytes, name: str, size: int) -> bytes:
    """The zip with `name`'s uncompressed size recorded as `size` in both of its headers."""
    data = bytearray(data)
    encoded = name.encode()
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        for match in re.finditer(re.escape(signature), bytes(data)):
            header = match.start()
            name_at = header + (46 if signature == b"PK\x01\x02" else 30)
            if bytes(data[name_at : name_at + len(encoded)]) == encoded:
                current = struct.unpack_from("<I", data, header + offset)[0]
                if current != 0xFFFFFFFF:  # a zip64 size lives in the extra field instead
                    struct.pack_into("<I", data, header + offset, size)
                else:
                    _patch_zip64(data, header, name_at + len(encoded), signature, size)
    return bytes(data)


def _patch_zip64(data: bytearray, header: int, extra_at: int, signature: bytes, size: int) -> None:
    extra_len = struct.unpack_from("<H", data, header + (30 if signature == b"PK\x01\x02" else 28))[0]
    end = extra_at + extra_len
    while extra_at < end:
        tag, length = struct.unpack_from("<HH", data, extra_at)
        if tag == 0x0001:
            struct.pack_into("<Q", data, extra_at + 4, size)  # the uncompressed size comes first
            return
        extra_at += 4 + length


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims `width`×`height` and carries one row of pixels: tiny on disk, huge decoded."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    idat = zlib.compress(b"\0" * (width + 1))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def lrmx_with_photo(photo_base64: str, *, name: str = "王芳") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Person><XingMing>{name}</XingMing><XingBie>女</XingBie>'
        f"<ChuShengNianYue>198005</ChuShengNianYue><ZhaoPian>{photo_base64}</ZhaoPian></Person>"
    ).encode()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# ---- measuring -------------------------------------------------------------------------------

_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


def _status_kb(field: str) -> int:
    return int(re.search(rf"^{field}:\s+(\d+) kB", _STATUS.read_text(), re.M).group(1))


def _peak_resettable() -> bool:
    try:
        _CLEAR_REFS.write_text("5")  # Linux ≥ 4.0: the peak RSS (VmHWM) restarts from the current RSS
    except OSError:
        return False
    return True


@dataclass
class Cost:
    seconds: float = 0.0
    megabytes: float = 0.0  # growth of the peak resident set (or of traced allocations) over the start
    how: str = ""

    def __str__(self) -> str:
        return f"{self.seconds:.2f} s, {self.megabytes:.0f} MB ({self.how})"


@contextmanager
def cost() -> Iterator[Cost]:
    """Time and peak memory growth of the block: the process's peak RSS where Linux can reset
    it, which counts C allocations too (zlib, expat, Pillow); else tracemalloc's peak."""
    result = Cost()
    rss = _peak_resettable() and _STATUS.exists()
    if rss:
        start_kb = _status_kb("VmRSS")
        result.how = "peak RSS"
    else:
        tracemalloc.start()
        result.how = "tracemalloc peak"
    started = time.perf_counter()
    try:
        yield result
    finally:
        result.seconds = time.perf_counter() - started
        if rss:
            result.megabytes = (_status_kb("VmHWM") - start_kb) / 1024
        else:
            result.megabytes = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
