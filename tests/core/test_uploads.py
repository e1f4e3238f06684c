"""The guarded openers of core.uploads on their own (the endpoints are tested in tests/cadres)."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from core.uploads import UploadBudget, image_open, workbook_open, zip_inflate, zip_open
from tests import bombs


def codes(exc: pytest.ExceptionInfo, field: str) -> list[str]:
    return [error.code for error in exc.value.error_dict[field]]


def test_a_workbook_that_cannot_be_read_gets_the_default_code_and_a_chinese_message():
    with pytest.raises(ValidationError) as refused:
        workbook_open(b"not a workbook", field="upload")
    assert codes(refused, "upload") == ["invalid_file"]
    assert refused.value.error_dict["upload"][0].message == "无法按 .xlsx 工作簿读取该文件。"


def test_a_readable_workbook_gives_its_rows_and_stops_at_the_limit():
    with workbook_open(bombs.zip_of(bombs.xlsx_parts())) as book:
        sheet = book.sheet("干部花名册")
        assert [row[:3] for row in book.rows(sheet, max_rows=2, max_col=3)] == [
            ("姓名", "性别", "出生年月"),
            ("曾国华", "男", "1968.03"),
        ]
        with pytest.raises(ValidationError) as refused:
            list(book.rows(sheet, max_rows=1, max_col=3))
    assert codes(refused, "file") == ["too_large"]


def test_the_budget_is_shared_by_every_zip_of_a_request():
    budget = UploadBudget(entries=10, unpacked_bytes=3 * 2**20)
    one = bombs.zip_of({"a.lrmx": bombs.sparse(2 * 2**20)})
    archive = zip_open(one, budget=budget)
    assert len(b"".join(zip_inflate(archive, archive.infolist()[0], limit=2**30, budget=budget))) == 2 * 2**20
    with pytest.raises(ValidationError) as refused:
        zip_open(one, budget=budget)  # declares 2 MB more: past the 3 MB before anything is inflated
    assert codes(refused, "file") == ["too_large"]
    assert budget.inflated == 2 * 2**20


def test_an_accepted_image_can_be_decoded():
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, "PNG")
    with image_open(out.getvalue(), field="photo") as image:
        assert image.convert("RGB").getpixel((0, 0)) == (255, 0, 0)
