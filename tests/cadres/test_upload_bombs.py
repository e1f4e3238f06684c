"""Hostile uploads: each bomb shape is refused with 400 on its field, fast, in bounded memory,
and saves nothing; damaged files get a field error instead of a server error.

The files are built here (tests/bombs.py), small on disk; `cost()` measures the refusal only.
"""

import io
import warnings
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from cadres.exchange.roster import roster_parse
from cadres.exchange.roster.workbook import MAX_SHEET_ROWS
from cadres.models import Cadre
from cadres.services import lrmx as lrmx_service
from cadres.services.roster import roster_job_status
from config.celery import app as celery_app
from tests import bombs
from tests.bombs import cost

IMPORT = "/api/v1/cadres/import/"
IMPORT_LRMX = "/api/v1/cadres/import-lrmx/"
SECONDS = 10  # the refusals measured take 0.0–2.7 s (reading 50,000 rows); before, 30–500 s
MEGABYTES = 100  # they grow the peak RSS by 0–10 MB


def upload(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.fixture
def unchanged(db):
    """Nothing is saved: no cadre, no history row."""
    before = (Cadre.objects.count(), Cadre.history.count())
    yield
    assert (Cadre.objects.count(), Cadre.history.count()) == before


def refused_within_budget(measured, label: str = "") -> None:
    print(f"\n{label or measured}: {measured}")  # shown with -s: the figures of the commit message
    assert measured.seconds < SECONDS, measured
    assert measured.megabytes < MEGABYTES, measured


def assert_field_error(response, *, code: str, field: str = "file", mentions: str = "") -> dict:
    assert response.status_code == 400, response.content[:500]
    body = response.json()
    assert body["code"] == code
    assert [error["code"] for error in body["fields"][field]][:1] == [code]
    assert mentions in body["fields"][field][0]["message"]
    return body


# ---- roster workbooks ---------------------------------------------------------------------------


SHEET = "xl/worksheets/sheet1.xml"


def xlsx(replace: dict | None = None) -> bytes:
    """The minimal roster workbook with some parts replaced (None: left out)."""
    parts = bombs.xlsx_parts()
    for name, content in (replace or {}).items():
        if content is None:
            del parts[name]
        else:
            parts[name] = content
    return bombs.zip_of(parts)


def sheet_of(*rows: str, dimension: str = "A1:C2"):
    return bombs.sheet([bombs.header_row(), *rows], dimension=dimension)


def rows(template: str, count: int = 60_000) -> list[str]:
    return [template.format(i=i) for i in range(2, count + 2)]


def shared_strings_that_inflate_like_real_ones():
    for start in range(0, 510_000, 10_000):
        yield b"".join(f"<si><t>{i:x}</t></si>".encode() for i in range(start, start + 10_000))


LAST_CELL = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
ROSTER_BOMBS = {
    # The shape: a workbook of empty rows that inflates hundreds of times.
    "empty rows, packed": (lambda: xlsx({SHEET: sheet_of(*["<row/>"] * 3_000_000)}), "100"),
    # Inflating like a real sheet, but more rows than the limit: stopped at the limit.
    "empty rows": (lambda: xlsx({SHEET: sheet_of(*rows('<row r="{i}"/>'))}), "50,010"),
    # openpyxl itself would read such a sheet to its end when it opens the workbook.
    "empty rows, no recorded size": (
        lambda: xlsx({SHEET: sheet_of(*rows('<row r="{i}"/>'), dimension=None)}),
        "50,010",
    ),
    "rows without a mapped cell": (
        lambda: xlsx({SHEET: sheet_of(*rows('<row r="{i}"><c r="Z{i}"><v>1</v></c></row>'))}),
        "50,010",
    ),
    # One cell in the last row Excel has: a million empty rows in between, and a size that says so.
    "huge dimension": (lambda: xlsx({SHEET: sheet_of(LAST_CELL, dimension="A1:XFD1048576")}), "50,010"),
    "shared strings, packed": (
        lambda: xlsx({"xl/sharedStrings.xml": bombs.shared_strings(4_000_000)}),
        "100",
    ),
    "shared strings": (
        lambda: xlsx({"xl/sharedStrings.xml": shared_strings_that_inflate_like_real_ones()}),
        "500,000",
    ),
    "zip bomb part": (lambda: xlsx({"xl/media/junk.bin": bombs.zeros(300 * 2**20)}), "256"),
    "part over the stream limit": (lambda: xlsx({"xl/media/junk.bin": bombs.sparse(129 * 2**20)}), "128"),
    # openpyxl parses styles into a tree in memory: a smaller limit.
    "styles over the tree limit": (lambda: xlsx({"xl/styles.xml": bombs.sparse(9 * 2**20)}), "8"),
    "too many parts": (lambda: xlsx({f"xl/media/{i}.bin": b"" for i in range(1000)}), "1000"),
}


@pytest.mark.parametrize("shape", ROSTER_BOMBS)
def test_roster_bombs_are_refused_fast_in_bounded_memory(api, users, tree, unchanged, shape):
    build, limit = ROSTER_BOMBS[shape]
    data = build()
    assert len(data) < 3 * 2**20
    client = api(users.hr)
    with cost() as measured:
        response = client.post(
            IMPORT, {"file": upload(data, "roster.xlsx"), "unit": tree.a.pk, "dry_run": "false"}
        )
    assert_field_error(response, code="too_large", mentions=limit)
    refused_within_budget(measured, f"roster API, {shape}")


def test_the_row_limit_counts_every_sheet_row_and_no_more():
    at_limit = xlsx({SHEET: sheet_of(*rows('<row r="{i}"/>', MAX_SHEET_ROWS - 1))})  # with the header
    assert roster_parse(data=at_limit) == []
    with pytest.raises(ValidationError) as refused:
        roster_parse(data=xlsx({SHEET: sheet_of(*rows('<row r="{i}"/>', MAX_SHEET_ROWS))}))
    assert [error.code for error in refused.value.error_dict["file"]] == ["too_large"]


def crc_corrupt() -> bytes:
    data = bytearray(bombs.zip_of(bombs.xlsx_parts()))
    start = data.index(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml") + 20
    data[start : start + 4] = bytes(4)
    return bytes(data)


def with_cell(xml: str) -> bytes:
    return xlsx({SHEET: sheet_of(f'<row r="2">{xml}</row>')})


NO_SHEETS = bombs.WORKBOOK.split("<sheets>")[0] + "<sheets/></workbook>"
BROKEN_WORKBOOKS = {
    "not a zip": lambda: b"name,gender\n",
    "truncated zip": lambda: bombs.zip_of(bombs.xlsx_parts())[:300],
    "no [Content_Types].xml": lambda: xlsx({"[Content_Types].xml": None}),
    "no workbook.xml": lambda: xlsx({"xl/workbook.xml": None}),
    "no sheet": lambda: xlsx({SHEET: None}),
    "no sheets listed": lambda: xlsx({"xl/workbook.xml": NO_SHEETS.encode()}),
    "sheet relation to a missing part": lambda: xlsx(
        {"xl/_rels/workbook.xml.rels": bombs.WORKBOOK_RELS.replace("sheet1.xml", "gone.xml").encode()}
    ),
    "shared string out of range": lambda: with_cell('<c r="A2" t="s"><v>99</v></c>'),
    "number that is not one": lambda: with_cell('<c r="A2"><v>abc</v></c>'),
    "boolean that is not one": lambda: with_cell('<c r="A2" t="b"><v>x</v></c>'),
    "bad cell reference": lambda: with_cell('<c r="2A"><v>1</v></c>'),
    "truncated sheet XML": lambda: xlsx({SHEET: b"".join(sheet_of())[:-40]}),
    "entity in a part": lambda: xlsx({"xl/workbook.xml": b'<!DOCTYPE x [<!ENTITY a "b">]><workbook/>'}),
    "damaged deflate data": crc_corrupt,
    "declared size that lies": lambda: bombs.declared_size_lies(
        xlsx({"xl/media/junk.bin": bombs.zeros(300 * 2**20)}), "xl/media/junk.bin", 1000
    ),
}


@pytest.mark.parametrize("shape", BROKEN_WORKBOOKS)
def test_damaged_workbooks_are_a_field_error(api, users, tree, unchanged, shape):
    data = BROKEN_WORKBOOKS[shape]()
    client = api(users.hr)
    with cost() as measured:
        response = client.post(
            IMPORT, {"file": upload(data, "roster.xlsx"), "unit": tree.a.pk, "dry_run": "false"}
        )
    body = assert_field_error(response, code="bad_file")
    assert body["fields"]["file"][0]["message"] == "这不是 .xlsx 文件。"
    refused_within_budget(measured, f"roster API, {shape}")


def test_the_minimal_workbook_of_these_tests_is_read(api, users, tree):
    response = api(users.hr).post(IMPORT, {"file": upload(xlsx(), "roster.xlsx"), "unit": tree.a.pk})
    assert response.status_code == 200
    assert response.json() | {"changes": []} == {
        "rows": 1,
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "warnings": 0,
        "errors": [],
        "changes": [],
    }


def test_roster_page_shows_the_refusal_on_the_file_field_in_chinese(client, users, tree, unchanged):
    client.force_login(users.hr)
    data = ROSTER_BOMBS["empty rows, packed"][0]()
    with cost() as measured:
        response = client.post(
            "/cadres/import/", {"file": upload(data, "roster.xlsx"), "unit": tree.a.pk, "action": "import"}
        )
    assert response.status_code == 200 and "job" not in response.context
    errors = response.context["form"].errors.as_data()["file"]
    assert [error.code for error in errors] == ["too_large"]
    assert "膨胀超过 100 倍" in response.content.decode()
    refused_within_budget(measured, "roster page, empty rows, packed")


@pytest.fixture
def eager_celery():
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def test_the_background_import_holds_the_same_limits(
    client, users, tree, unchanged, eager_celery, django_capture_on_commit_callbacks
):
    # The size this sheet records sends it to Celery; the task reads the file through the same
    # guard and reports the refusal instead of failing.
    client.force_login(users.hr)
    data = ROSTER_BOMBS["huge dimension"][0]()
    with cost() as measured, django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/cadres/import/", {"file": upload(data, "roster.xlsx"), "unit": tree.a.pk, "action": "import"}
        )
    status = roster_job_status(job_id=response.context["job"], acting_user=users.hr)
    assert status["state"] == "done"
    assert [(e["row"], e["code"]) for e in status["report"]["errors"]] == [(0, "too_large")]
    assert "50,010" in status["report"]["errors"][0]["message"]
    refused_within_budget(measured, "roster page and Celery, huge dimension")


# ---- .lrmx photos ---------------------------------------------------------------------------------

PHOTOS = {
    "over twice Pillow's limit": (bombs.png_header_only(20_000, 20_000), "too_large"),
    "within Pillow's warning range": (bombs.png_header_only(10_000, 10_000), "too_large"),
    "over our pixel limit": (bombs.png_header_only(6_000, 5_000), "too_large"),
    "not an image": (b"hello, not a picture", "lrmx_photo"),
    "EPS, a format never decoded here": (
        b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n",
        "lrmx_photo",
    ),
}


@pytest.mark.parametrize("shape", PHOTOS)
def test_lrmx_photo_bombs_and_non_images_are_refused(api, users, tree, unchanged, shape):
    photo, code = PHOTOS[shape]
    data = bombs.lrmx_with_photo(bombs.b64(photo))
    filters = list(warnings.filters)
    with cost() as measured:
        response = api(users.hr).post(
            IMPORT_LRMX,
            {"file": [upload(data, "a.lrmx")], "unit": tree.a.pk, "dry_run": "false"},
            format="multipart",
        )
    body = assert_field_error(response, code=code)
    assert body["files"][0]["errors"][0]["field"] == "photo"
    assert body["saved"] is False
    assert warnings.filters == filters  # the bomb warning was an error only while opening
    refused_within_budget(measured, f"lrmx API, photo {shape}")


def test_lrmx_photo_that_is_not_base64_is_refused(api, users, tree, unchanged):
    data = bombs.lrmx_with_photo("***not base64***")
    response = api(users.hr).post(
        IMPORT_LRMX, {"file": [upload(data, "a.lrmx")], "unit": tree.a.pk, "dry_run": "false"}
    )
    body = assert_field_error(response, code="lrmx_photo")
    assert body["files"][0]["errors"][0] == {
        "code": "lrmx_photo",
        "message": "照片不是有效的base64编码。",
        "field": "photo",
    }


# ---- .lrmx budgets per request ------------------------------------------------------------------


@pytest.fixture
def parsed(monkeypatch):
    """The .lrmx files that were parsed."""
    calls = []
    parse = lrmx_service.parse_lrmx
    monkeypatch.setattr(lrmx_service, "parse_lrmx", lambda data: calls.append(len(data)) or parse(data))
    return calls


def three_zips() -> list[tuple[str, bytes]]:
    """Each 36 MB unpacked, inflating like real files; together past the 100 MB of a request."""
    return [
        (
            f"{z}.zip",
            bombs.zip_of({f"{z}-{i}.lrmx": bombs.sparse(9 * 2**20, seed=z * 4 + i) for i in range(4)}),
        )
        for z in range(3)
    ]


def many_entries(count: int, *, suffix: str = ".lrmx") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(count):
            archive.writestr(f"{index}{suffix}", b"")
    return buffer.getvalue()


LRMX_BOMBS = {
    "three zips past the request's budget": (three_zips, "100 MB"),
    "a zip bomb entry": (
        lambda: [("bomb.zip", bombs.zip_of({"big.lrmx": bombs.zeros(lrmx_service.MAX_FILE_BYTES - 10)}))],
        "100 倍",
    ),
    "an entry over the file limit": (
        lambda: [("big.zip", bombs.zip_of({"big.lrmx": bombs.sparse(lrmx_service.MAX_FILE_BYTES + 10)}))],
        "big.zip/big.lrmx 解压后超过 10 MB",
    ),
    "a zip with too many entries": (lambda: [("many.zip", many_entries(1001, suffix=".txt"))], "1000"),
    "zips with too many .lrmx files": (
        lambda: [("a.zip", many_entries(300)), ("b.zip", many_entries(201))],
        "500",
    ),
}


@pytest.mark.parametrize("shape", LRMX_BOMBS)
def test_lrmx_budgets_are_per_request_and_stop_before_parsing(api, users, tree, unchanged, parsed, shape):
    build, limit = LRMX_BOMBS[shape]
    good = ("good.lrmx", bombs.lrmx_with_photo(""))
    files = [good, *build()]
    assert sum(len(data) for _name, data in files) < 3 * 2**20
    client = api(users.hr)
    with cost() as measured:
        response = client.post(
            IMPORT_LRMX,
            {"file": [upload(data, name) for name, data in files], "unit": tree.a.pk, "dry_run": "false"},
            format="multipart",
        )
    assert_field_error(response, code="too_large", mentions=limit)
    assert parsed == []
    refused_within_budget(measured, f"lrmx API, {shape}")


def test_lrmx_page_shows_the_budget_on_the_files_field(users, tree, unchanged, parsed):
    client = Client()
    client.force_login(users.hr)
    files = [upload(data, name) for name, data in three_zips()]
    with cost() as measured:
        response = client.post("/cadres/import-lrmx/", {"files": files, "unit": tree.a.pk})
    assert [error.code for error in response.context["form"].errors.as_data()["files"]] == ["too_large"]
    assert "上传的文件解压后合计超过 100 MB。" in response.content.decode()
    assert parsed == []
    refused_within_budget(measured, "lrmx page, three zips")


# ---- photos elsewhere ----------------------------------------------------------------------------


def cadre_form(photo) -> dict:
    management = {f"family-{key}": value for key, value in [("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0")]}
    fields = {"name": "解放", "gender": "male", "birth_date": "1970-05-05", "ethnicity": "han"}
    return fields | {"political_status": "masses", "status": "serving", "photo": photo} | management


@pytest.mark.parametrize("size", [(10_000, 10_000), (6_000, 5_000)], ids=["100 MP", "30 MP"])
def test_cadre_form_refuses_a_photo_bomb(client, users, tree, unchanged, size):
    photo, code = bombs.png_header_only(*size), "too_large"
    client.force_login(users.hr)
    with cost() as measured:
        response = client.post("/cadres/new/", cadre_form(upload(photo, "p.png")) | {"unit": tree.a.pk})
    assert response.status_code == 200
    assert [error.code for error in response.context["form"].errors.as_data()["photo"]] == [code]
    assert "图片超过 25,000,000 像素。" in response.content.decode()
    refused_within_budget(measured, "cadre form, photo")


def test_cadre_form_still_takes_a_png_photo(client, users, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(users.hr)
    response = client.post(
        "/cadres/new/", cadre_form(upload(bombs.png_header_only(33, 46), "p.png")) | {"unit": tree.a.pk}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Cadre.objects.get().photo


def test_export_leaves_out_a_stored_photo_over_the_pixel_limit(api, users, tree, settings, tmp_path):
    # Stored before the limit: the export used to decode it (1.7 s, 384 MB for this one).
    from django.core.files.base import ContentFile

    from tests.factories import CadreFactory

    settings.MEDIA_ROOT = tmp_path
    cadre = CadreFactory(unit=tree.a, photo=ContentFile(bombs.png_header_only(10_000, 10_000), name="p.png"))
    with cost() as measured:
        response = api(users.hr).get(f"/api/v1/cadres/{cadre.pk}/lrmx/")
    assert response.status_code == 200
    assert b"<ZhaoPian></ZhaoPian>" in response.content
    refused_within_budget(measured, "lrmx export of a stored oversized photo")
