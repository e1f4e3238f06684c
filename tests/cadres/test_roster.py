"""Roster (干部花名册) import and export as .xlsx: checks, all-or-nothing saves, scope, escaping."""

import datetime
import io
import random

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from cadres.demo.people import fake_id_number
from cadres.exchange.roster import COLUMNS, XLSX_CONTENT_TYPE, roster_parse
from cadres.exchange.roster.columns import (
    DEGREE_LABELS,
    EDUCATION_LABELS,
    ETHNICITY_LABELS,
    GENDER_LABELS,
    POLITICAL_LABELS,
    STATUS_LABELS,
    TITLE_GRADE_LABELS,
)
from cadres.models import (
    Cadre,
    CadreStatus,
    Degree,
    Education,
    Ethnicity,
    Gender,
    PoliticalStatus,
    TitleGrade,
)
from cadres.services import roster as roster_service
from cadres.services.roster import roster_import, roster_job_run, roster_job_status
from config.celery import app as celery_app
from tests.factories import AppointmentFactory, CadreFactory, OrgUnitFactory, PostFactory

D = datetime.date
IMPORT = "/api/v1/cadres/import/"
EXPORT = "/api/v1/cadres/export/"
TEMPLATE = "/api/v1/cadres/import-template/"
HEADERS = [
    "姓名",
    "性别",
    "民族",
    "出生年月",
    "身份证号",
    "政治面貌",
    "入党时间",
    "参加工作时间",
    "学历",
    "职称",
    "现任单位",
]


def id_number(birth: datetime.date, gender: str = "male", seed: int = 1) -> str:
    return fake_id_number(rng=random.Random(seed), birth=birth, gender=gender)


def row(**values) -> dict:
    base = {
        "姓名": "曾国华",
        "性别": "男",
        "民族": "汉族",
        "出生年月": "1968.03",
        "政治面貌": "中共党员",
        "入党时间": "1990.07",
        "参加工作时间": "1990-07",
        "学历": "大学本科",
        "职称": "副教授",
    }
    return base | _dates_after_birth(values.get("出生年月")) | values


def _dates_after_birth(birth) -> dict:
    """Party entry and work start at 22 for a birth written as text, so rows stay plausible
    (cadres.rules.record_dates); 1990.07 for the default 1968.03."""
    if not (isinstance(birth, str) and birth[:4].isdigit()):
        return {}
    year = int(birth[:4]) + 22
    if year > datetime.date.today().year:
        return {"入党时间": None, "参加工作时间": None}
    return {"入党时间": f"{year}.07", "参加工作时间": f"{year}-07"}


def xlsx(rows: list[dict], headers: list[str] | None = None, *, above: list[list] = ()) -> bytes:
    headers = headers or HEADERS
    wb = Workbook()
    ws = wb.active
    for line in above:
        ws.append(line)
    ws.append(headers)
    for values in rows:
        ws.append([values.get(header) for header in headers])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(data: bytes, name: str = "roster.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=XLSX_CONTENT_TYPE)


def errors_of(report) -> set[tuple[int, str, str]]:
    return {(error.row, error.column, error.code) for error in report.errors}


def sheet_rows(data: bytes) -> list[dict]:
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], values, strict=True)) for values in rows[1:]]


# ---- the column table and the template ------------------------------------------------------


@pytest.mark.parametrize(
    ("labels", "choices"),
    [
        (GENDER_LABELS, Gender),
        (ETHNICITY_LABELS, Ethnicity),
        (POLITICAL_LABELS, PoliticalStatus),
        (EDUCATION_LABELS, Education),
        (DEGREE_LABELS, Degree),
        (TITLE_GRADE_LABELS, TitleGrade),
        (STATUS_LABELS, CadreStatus),
    ],
)
def test_every_model_choice_has_a_chinese_label(labels, choices):
    assert set(labels) == set(choices.values)
    assert len(set(labels.values())) == len(labels)


def test_template_has_every_column_and_documents_them(api, users):
    response = api(users.clerk).get(TEMPLATE)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    header = next(wb["干部花名册"].iter_rows(values_only=True))
    assert list(header) == [column.header for column in COLUMNS]
    for expected in (
        "姓名",
        "身份证号",
        "出生年月",
        "籍贯",
        "毕业院校及专业",
        "职称",
        "现任单位",
        "任职时间",
    ):
        assert expected in header
    notes = "\n".join(" ".join(str(v) for v in line if v) for line in wb["说明"].iter_rows(values_only=True))
    for column in COLUMNS:
        assert column.header in notes
    for form in ("1980.05", "1980-05", "1980年5月", "198005"):
        assert form in notes
    assert roster_parse(data=response.content) == []


def test_template_page_downloads(client, users):
    client.force_login(users.hr)
    response = client.get("/cadres/import/template/")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE


# ---- good files -------------------------------------------------------------------------------


def test_import_creates_and_updates_by_id_number(users, tree):
    existing = CadreFactory(unit=tree.a, name="曾国华", birth_date=D(1968, 3, 10), professional_title="讲师")
    data = xlsx(
        [
            row(身份证号=existing.id_number, 出生年月="1968.03", 职称="教授"),
            row(姓名="李娜", 性别="女", 出生年月="1982.03", 身份证号=id_number(D(1982, 3, 4), "female")),
            row(姓名="王强", 出生年月="1975-06", 现任单位="信息工程学院办公室"),
        ]
    )
    report = roster_import(data=data, unit=tree.a, acting_user=users.hr, dry_run=False)
    assert report.errors == []
    assert (report.rows, report.created, report.updated) == (3, 2, 1)
    assert Cadre.objects.count() == 3  # updated, not duplicated
    existing.refresh_from_db()
    assert existing.professional_title == "教授"
    assert existing.birth_date == D(1968, 3, 10)  # the year-month keeps the recorded day
    assert existing.history.latest().history_user == users.hr
    li = Cadre.objects.get(name="李娜")
    assert (li.unit, li.birth_date, li.gender, li.name_initials) == (tree.a, D(1982, 3, 4), "female", "ln")
    assert li.retirement_date is not None
    assert li.history.get().history_user == users.hr
    assert Cadre.objects.get(name="王强").unit == tree.a1  # 现任单位 beats the chosen unit


def test_dry_run_counts_and_saves_nothing(users, tree):
    existing = CadreFactory(unit=tree.a, name="曾国华", birth_date=D(1968, 3, 10), professional_title="讲师")
    data = xlsx(
        [row(身份证号=existing.id_number, 职称="教授"), row(姓名="李娜", 性别="女", 出生年月="1982.03")]
    )
    report = roster_import(data=data, unit=tree.a, acting_user=users.hr, dry_run=True)
    assert (report.ok, report.rows, report.created, report.updated) == (True, 2, 1, 1)
    assert Cadre.objects.count() == 1
    existing.refresh_from_db()
    assert existing.professional_title == "讲师"


def test_unit_from_the_import_parameter_or_required(users, tree):
    data = xlsx([row(姓名="李娜", 性别="女", 出生年月="1982.03")])
    report = roster_import(data=data, unit=None, acting_user=users.hr, dry_run=False)
    assert errors_of(report) == {(2, "现任单位", "required")}
    report = roster_import(data=data, unit=tree.b, acting_user=users.hr, dry_run=False)
    assert report.ok
    assert Cadre.objects.get().unit == tree.b


def test_absent_columns_and_empty_cells_leave_values_unchanged(users, tree):
    existing = CadreFactory(unit=tree.a1, native_place="江苏南京", professional_title="讲师")
    data = xlsx([{"姓名": existing.name, "性别": "男", "出生年月": "1975.06", "身份证号": existing.id_number,
                  "职称": None}], ["姓名", "性别", "出生年月", "身份证号", "职称", "现任单位"])  # fmt: skip
    report = roster_import(data=data, unit=tree.a, acting_user=users.hr, dry_run=False)
    assert (report.ok, report.updated) == (True, 1)
    existing.refresh_from_db()
    assert (existing.unit, existing.native_place, existing.professional_title) == (
        tree.a1,
        "江苏南京",
        "讲师",
    )


def test_header_found_below_a_title_with_excel_row_numbers(users, tree):
    data = xlsx([row(), row(姓名="李娜", 性别="女", 民族="回")], above=[["信息工程学院干部花名册"], []])
    report = roster_import(data=data, unit=tree.a, acting_user=users.hr, dry_run=True)
    assert (report.ok, report.created) == (True, 2)
    data = xlsx([row(性别="未知")], above=[["信息工程学院干部花名册"]])
    report = roster_import(data=data, unit=tree.a, acting_user=users.hr, dry_run=True)
    assert errors_of(report) == {(3, "性别", "invalid_choice")}


def test_unknown_headers_are_ignored_and_blank_rows_skipped(users, tree):
    headers = [*HEADERS, "备注"]
    data = xlsx([row(备注="无"), {}, row(姓名="李娜", 性别="女")], headers)
    report = roster_import(data=data, unit=tree.a, acting_user=users.hr, dry_run=False)
    assert (report.ok, report.rows, report.created) == (True, 2, 2)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1980.05", D(1980, 5, 1)),
        ("1980-05", D(1980, 5, 1)),
        ("1980年5月", D(1980, 5, 1)),
        ("198005", D(1980, 5, 1)),
        (198005, D(1980, 5, 1)),
        ("1980-05-12", D(1980, 5, 12)),
        (datetime.datetime(1980, 5, 12), D(1980, 5, 12)),  # a real Excel date cell
    ],
)
def test_every_accepted_date_form(users, tree, cell, expected):
    data = xlsx([row(出生年月=cell, 入党时间=None, 参加工作时间=None)])
    report = roster_import(data=data, unit=tree.a, acting_user=users.hr, dry_run=False)
    assert report.errors == []
    assert Cadre.objects.get().birth_date == expected


def test_excel_date_cells_written_by_excel_are_read_as_dates(users, tree):
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "出生年月"])
    ws.append(["李娜", "女", D(1982, 3, 4)])
    ws["C2"].number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    wb.save(out)
    assert roster_import(data=out.getvalue(), unit=tree.a, acting_user=users.hr, dry_run=False).ok
    assert Cadre.objects.get().birth_date == D(1982, 3, 4)


def test_year_month_birth_takes_the_day_from_the_id_number(users, tree):
    number = id_number(D(1982, 3, 4), "female")
    data = xlsx([row(姓名="李娜", 性别="女", 出生年月="1982年3月", 身份证号=number)])
    assert roster_import(data=data, unit=tree.a, acting_user=users.hr, dry_run=False).ok
    assert Cadre.objects.get().birth_date == D(1982, 3, 4)


def test_ambiguous_unit_names_need_the_parent(users, tree):
    office_a = OrgUnitFactory(name="办公室", parent=tree.a)
    OrgUnitFactory(name="办公室", parent=tree.b)
    report = roster_import(data=xlsx([row(现任单位="办公室")]), unit=None, acting_user=users.hr, dry_run=True)
    assert errors_of(report) == {(2, "现任单位", "ambiguous_unit")}
    data = xlsx([row(现任单位="信息工程学院 / 办公室"), row(姓名="李娜", 性别="女", 现任单位=office_a.code)])
    assert roster_import(data=data, unit=None, acting_user=users.hr, dry_run=False).ok
    assert set(Cadre.objects.values_list("unit", flat=True)) == {office_a.pk}
    # Within a clerk's scope of A the name is unique.
    report = roster_import(
        data=xlsx([row(现任单位="办公室")]), unit=None, acting_user=users.clerk, dry_run=True
    )
    assert report.ok


# ---- bad and mixed files -----------------------------------------------------------------------


def test_bad_file_reports_every_row_and_column(users, tree):
    good = id_number(D(1968, 3, 10))
    wrong_digit = good[:-1] + ("0" if good[-1] != "0" else "1")
    data = xlsx(
        [
            row(姓名=None, 性别="男性", 出生年月="1968.13"),
            row(身份证号=wrong_digit, 政治面貌="党外", 学历="大学"),
            row(身份证号="110101********1234", 民族="火星族"),
            row(身份证号=123456789012345678, 现任单位="不存在的学院"),
            row(入党时间="1960.01", 参加工作时间="1960-02"),
            row(出生年月="1980.1.50"),
            row(身份证号=id_number(D(1968, 3, 10), "female")),
        ]
    )
    report = roster_import(data=data, unit=tree.a, acting_user=users.hr, dry_run=False)
    assert errors_of(report) == {
        (2, "姓名", "required"),
        (2, "性别", "invalid_choice"),
        (2, "出生年月", "date_format"),
        (3, "身份证号", "id_check_digit"),
        (3, "政治面貌", "invalid_choice"),
        (3, "学历", "invalid_choice"),
        (4, "身份证号", "id_masked"),
        (4, "民族", "invalid_choice"),
        (5, "身份证号", "id_not_text"),
        (5, "现任单位", "unknown_unit"),
        (6, "入党时间", "before_birth"),
        (6, "参加工作时间", "before_birth"),
        (7, "出生年月", "date_format"),
        (8, "身份证号", "id_gender_mismatch"),
    }
    assert all(error.message for error in report.errors)
    assert "大学本科" in next(e.message for e in report.errors if e.column == "学历")
    assert (report.created, report.updated) == (0, 0)
    assert not Cadre.objects.exists()


def test_mixed_file_saves_nothing(users, tree):
    existing = CadreFactory(unit=tree.a, professional_title="讲师")
    data = xlsx(
        [
            row(姓名=existing.name, 出生年月="1975.06", 身份证号=existing.id_number, 职称="教授"),
            row(姓名="李娜", 性别="女", 出生年月="1982.03"),
            row(姓名="王强", 出生年月="1975年13月"),
        ]
    )
    report = roster_import(data=data, unit=tree.a, acting_user=users.hr, dry_run=False)
    assert errors_of(report) == {(4, "出生年月", "date_format")}
    assert list(Cadre.objects.all()) == [existing]
    existing.refresh_from_db()
    assert existing.professional_title == "讲师"


def test_duplicate_id_numbers_in_one_file(users, tree):
    number = id_number(D(1968, 3, 10))
    report = roster_import(
        data=xlsx([row(身份证号=number), row(身份证号=number)]),
        unit=tree.a,
        acting_user=users.hr,
        dry_run=True,
    )
    assert errors_of(report) == {(3, "身份证号", "duplicate_id")}
    assert "2" in report.errors[0].message


def test_missing_columns_and_unreadable_files(users, tree):
    report = roster_import(
        data=xlsx([row()], ["姓名", "民族"]), unit=tree.a, acting_user=users.hr, dry_run=True
    )
    assert errors_of(report) == {(1, "性别", "missing_column"), (1, "出生年月", "missing_column")}
    # The file as a whole is refused on its field, as the API answers a request (no report).
    with pytest.raises(ValidationError) as refused:
        roster_import(data=b"name,gender\n", unit=tree.a, acting_user=users.hr, dry_run=True)
    assert [error.code for error in refused.value.error_dict["file"]] == ["bad_file"]
    report = roster_import(data=xlsx([], ["编号"]), unit=tree.a, acting_user=users.hr, dry_run=True)
    assert errors_of(report) == {(1, "姓名", "missing_header")}


# ---- scope ------------------------------------------------------------------------------------


def test_id_number_of_a_cadre_outside_the_scope_is_an_error(users, tree):
    other = CadreFactory(unit=tree.b, name="李娜", gender="female", birth_date=D(1982, 3, 4))
    data = xlsx([row(姓名="李娜", 性别="女", 出生年月="1982.03", 身份证号=other.id_number, 职称="教授")])
    report = roster_import(data=data, unit=tree.a, acting_user=users.clerk, dry_run=False)
    assert errors_of(report) == {(2, "身份证号", "out_of_scope")}
    other.refresh_from_db()
    assert (other.unit, other.professional_title) == (tree.b, "")
    assert Cadre.objects.count() == 1


def test_clerk_cannot_import_into_another_unit(api, users, tree):
    client = api(users.clerk)
    data = xlsx([row()])
    response = client.post(
        IMPORT, {"file": upload(data), "unit": tree.b.pk, "dry_run": "false"}, format="multipart"
    )
    assert response.status_code == 400
    assert "unit" in response.json()["fields"]
    response = client.post(IMPORT, {"file": upload(xlsx([row(现任单位="机电工程学院")])), "dry_run": "false"})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "row": 2,
            "column": "现任单位",
            "code": "unknown_unit",
            "message": response.json()["errors"][0]["message"],
        }
    ]
    assert not Cadre.objects.exists()


def test_clerk_exports_only_cadres_in_scope(api, users, tree):
    CadreFactory(unit=tree.a, name="张伟")
    CadreFactory(unit=tree.a1, name="王强")
    CadreFactory(unit=tree.b, name="李娜", gender="female", birth_date=D(1982, 3, 4))
    response = api(users.clerk).get(EXPORT)
    assert response.status_code == 200
    rows = sheet_rows(response.content)
    assert sorted(r["姓名"] for r in rows) == ["张伟", "王强"]
    assert all("********" in r["身份证号"] for r in rows)  # clerks see ID numbers masked
    assert api(users.clerk).get(EXPORT, {"unit": tree.b.pk}).status_code == 400


def test_export_applies_the_list_filters(api, users, tree):
    cadre = CadreFactory(unit=tree.a, name="张伟")
    AppointmentFactory(cadre=cadre, post=PostFactory(unit=tree.a, title="副院长"), start_date=D(2020, 9, 1))
    CadreFactory(unit=tree.b, name="李娜", gender="female", birth_date=D(1982, 3, 4))
    rows = sheet_rows(api(users.hr).get(EXPORT, {"gender": "male"}).content)
    assert [(r["姓名"], r["现任单位"], r["现任职务"], r["任职时间"]) for r in rows] == [
        ("张伟", "信息工程学院", "副院长", "2020.09")
    ]
    assert rows[0]["身份证号"] == cadre.id_number
    assert rows[0]["出生年月"] == "1975.06"
    rows = sheet_rows(api(users.hr).get(EXPORT, {"q": "ln"}).content)
    assert [r["姓名"] for r in rows] == ["李娜"]


def test_export_page_honours_filters_and_scope(client, users, tree):
    CadreFactory(unit=tree.a, name="张伟")
    CadreFactory(unit=tree.b, name="李娜", gender="female", birth_date=D(1982, 3, 4))
    client.force_login(users.hr)
    page = client.get("/cadres/?gender=female").content.decode()
    assert "/cadres/export/?gender=female" in page
    assert "/cadres/import/" in page
    response = client.get("/cadres/export/?gender=female")
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert ".xlsx" in response["Content-Disposition"]
    assert [r["姓名"] for r in sheet_rows(response.content)] == ["李娜"]
    client.force_login(users.clerk)
    assert [r["姓名"] for r in sheet_rows(client.get("/cadres/export/").content)] == ["张伟"]


# ---- formula escaping -------------------------------------------------------------------------


def test_export_escapes_formulas_and_the_file_round_trips(api, users, tree):
    cadre = CadreFactory(
        unit=tree.a,
        native_place="=1+1",
        birthplace="+86 10 1234",
        specialities="-5",
        education_school="@SUM(A1:A2)",
        professional_title="\t=cmd",
    )
    response = api(users.hr).get(EXPORT)
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [cell.value for cell in ws[1]]
    cells = {header[i]: cell for i, cell in enumerate(ws[2])}
    for column, text in [("籍贯", "=1+1"), ("出生地", "+86 10 1234"), ("熟悉专业有何专长", "-5"),
                         ("毕业院校及专业", "@SUM(A1:A2)"), ("职称", "\t=cmd")]:  # fmt: skip
        assert cells[column].data_type == "s"
        assert cells[column].value == "'" + text
    assert cells["姓名"].value == cadre.name  # plain text is left alone
    # The exported file imports back as the same text, updating the same cadre.
    report = roster_import(data=response.content, unit=None, acting_user=users.hr, dry_run=False)
    assert (report.errors, report.created, report.updated) == ([], 0, 1)
    cadre.refresh_from_db()
    assert (cadre.native_place, cadre.birthplace, cadre.specialities, cadre.education_school) == (
        "=1+1",
        "+86 10 1234",
        "-5",
        "@SUM(A1:A2)",
    )
    assert cadre.birth_date == D(1975, 6, 15)


# ---- API status codes -------------------------------------------------------------------------


def test_api_status_codes(api, users, tree):
    data = xlsx([row()])
    assert api().post(IMPORT, {"file": upload(data)}).status_code == 401
    assert api().get(EXPORT).status_code == 401
    assert api().get(TEMPLATE).status_code == 401
    assert api(users.nobody).post(IMPORT, {"file": upload(data)}).status_code == 403
    assert api(users.nobody).get(EXPORT).status_code == 403
    assert api(users.leader).post(IMPORT, {"file": upload(data)}).status_code == 403
    assert api(users.leader).get(TEMPLATE).status_code == 403
    assert api(users.leader).get(EXPORT).status_code == 200
    missing = api(users.hr).post(IMPORT, {})
    assert missing.status_code == 400
    assert "file" in missing.json()["fields"]
    assert not Cadre.objects.exists()


def test_api_dry_run_is_the_default_then_confirm_saves(api, users, tree):
    client = api(users.hr)
    data = xlsx([row(), row(姓名="李娜", 性别="女", 出生年月="1982.03")])
    response = client.post(IMPORT, {"file": upload(data), "unit": tree.a.pk})
    assert response.status_code == 200
    assert response.json() | {"changes": []} == {
        "rows": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "warnings": 0,
        "errors": [],
        "changes": [],
    }
    assert not Cadre.objects.exists()
    response = client.post(IMPORT, {"file": upload(data), "unit": tree.a.pk, "dry_run": "false"})
    assert response.status_code == 200
    assert Cadre.objects.filter(unit=tree.a).count() == 2
    bad = client.post(IMPORT, {"file": upload(xlsx([row(性别="?")])), "unit": tree.a.pk, "dry_run": "false"})
    assert bad.status_code == 400
    assert bad.json()["errors"][0] | {"message": ""} == {"row": 2, "column": "性别", "code": "invalid_choice",
                                                         "message": ""}  # fmt: skip
    assert Cadre.objects.count() == 2


def test_api_schema_documents_the_roster_endpoints(api, users):
    schema = api(users.admin).get("/api/schema/?format=json").json()
    post = schema["paths"]["/api/v1/cadres/import/"]["post"]
    assert {"200", "400", "401", "403"} <= set(post["responses"])
    assert "gender" in {p["name"] for p in schema["paths"]["/api/v1/cadres/export/"]["get"]["parameters"]}


# ---- HTML pages and the Celery path -------------------------------------------------------------


def test_page_dry_run_then_confirm_without_reupload(client, users, tree):
    client.force_login(users.clerk)
    assert client.get("/cadres/import/").status_code == 200
    data = xlsx([row(), row(姓名="李娜", 性别="女", 出生年月="1982.03", 现任单位="信息工程学院办公室")])
    response = client.post("/cadres/import/", {"file": upload(data), "unit": tree.a.pk, "action": "check"})
    assert response.status_code == 200
    assert not Cadre.objects.exists()
    token = response.context["token"]
    assert response.context["report"]["created"] == 2
    assert f'value="{token}"' in response.content.decode()
    response = client.post("/cadres/import/", {"token": token, "unit": tree.a.pk, "action": "import"})
    assert response.status_code == 200
    assert response.context["report"] | {"changes": []} == {
        "rows": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "warnings": 0,
        "errors": [],
        "changes": [],
    }
    assert {c.unit for c in Cadre.objects.all()} == {tree.a, tree.a1}
    # The upload is used up: confirming again does not import twice.
    response = client.post("/cadres/import/", {"token": token, "unit": tree.a.pk, "action": "import"})
    assert "file" in response.context["form"].errors
    assert Cadre.objects.count() == 2


def test_page_shows_errors_as_a_table_and_refuses_other_units(client, users, tree):
    client.force_login(users.clerk)
    data = xlsx([row(出生年月="1968.13")])
    response = client.post("/cadres/import/", {"file": upload(data), "unit": tree.a.pk, "action": "import"})
    html = response.content.decode()
    assert "出生年月" in html and "<td>2</td>" in html
    assert not Cadre.objects.exists()
    response = client.post("/cadres/import/", {"file": upload(data), "unit": tree.b.pk, "action": "check"})
    assert "unit" in response.context["form"].errors
    client.force_login(users.leader)
    assert client.get("/cadres/import/").status_code == 403


@pytest.fixture
def eager_celery():
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def test_large_files_run_in_a_celery_task_with_progress(
    client, users, tree, monkeypatch, eager_celery, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("cadres.views.roster.ASYNC_ROWS", 2)
    monkeypatch.setattr(roster_service, "PROGRESS_EVERY", 1)
    seen = []
    update = roster_service.roster_job_update
    monkeypatch.setattr(
        roster_service, "roster_job_update", lambda **kw: seen.append(kw.get("state")) or update(**kw)
    )
    client.force_login(users.hr)
    data = xlsx([row(姓名=f"干部{i}", 身份证号=id_number(D(1968, 3, 10), seed=i)) for i in range(5)])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/cadres/import/", {"file": upload(data), "unit": tree.a.pk, "action": "import"}
        )
    job = response.context["job"]
    assert 'hx-trigger="every 1s"' in response.content.decode()
    assert {"checking", "saving", "done"} <= set(seen)
    status = roster_job_status(job_id=job, acting_user=users.hr)
    assert (status["state"], status["done"], status["total"]) == ("done", 5, 5)
    assert status["report"]["created"] == 5
    assert Cadre.objects.filter(unit=tree.a).count() == 5
    page = client.get(f"/cadres/import/progress/{job}/")
    assert "hx-trigger" not in page.content.decode()
    assert page.context["status"]["report"]["created"] == 5
    roster_job_run(job_id=job)  # a second delivery of the task does nothing
    assert Cadre.objects.count() == 5
    client.force_login(users.clerk)
    assert client.get(f"/cadres/import/progress/{job}/").status_code == 404


def test_a_concurrent_insert_of_the_same_id_number_saves_nothing(users, tree, monkeypatch):
    taken = CadreFactory(unit=tree.a, name="曾国华", birth_date=D(1968, 3, 10))
    # As if another user recorded the number between our check and our save.
    monkeypatch.setattr(roster_service._RosterCheck, "_existing", staticmethod(lambda rows, lock: {}))
    data = xlsx([row(姓名="李娜", 性别="女", 出生年月="1982.03"), row(身份证号=taken.id_number)])
    report = roster_import(data=data, unit=tree.a, acting_user=users.hr, dry_run=False)
    assert errors_of(report) == {(3, "身份证号", "duplicate_id_number")}
    assert report.errors[0].message == "身份证号已属于曾国华（信息工程学院）。"
    assert list(Cadre.objects.all()) == [taken]


def test_a_concurrent_insert_outside_the_scope_is_not_named(users, tree, monkeypatch):
    taken = CadreFactory(unit=tree.b, name="曾国华", birth_date=D(1968, 3, 10))
    monkeypatch.setattr(roster_service._RosterCheck, "_existing", staticmethod(lambda rows, lock: {}))
    data = xlsx([row(身份证号=taken.id_number)])
    report = roster_import(data=data, unit=tree.a, acting_user=users.clerk, dry_run=False)
    assert errors_of(report) == {(2, "身份证号", "duplicate_id_number")}
    assert report.errors[0].message == "该身份证号已被其他干部使用。"
    assert "曾国华" not in report.errors[0].message


def test_export_answers_a_client_asking_for_xlsx(api, users, tree):
    CadreFactory(unit=tree.a)
    response = api(users.hr).get(EXPORT, HTTP_ACCEPT=XLSX_CONTENT_TYPE)
    assert response.status_code == 200
    assert len(sheet_rows(response.content)) == 1
    denied = api(users.nobody).get(EXPORT, HTTP_ACCEPT=XLSX_CONTENT_TYPE)
    assert denied.status_code == 403
    assert b"permission_denied" in denied.content


# ---- the dry run's per-row changes ----------------------------------------------------------------


def _exported_roster(api, users, tree) -> bytes:
    CadreFactory(unit=tree.a, native_place="山东济南", birthplace="山东济南")
    CadreFactory(unit=tree.a1, native_place="江苏南京")
    response = api(users.hr).get(EXPORT)
    assert response.status_code == 200
    return response.content


def _edit(data: bytes, *, row: int, header: str, value: str) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    column = [cell.value for cell in ws[1]].index(header) + 1
    ws.cell(row=row, column=column, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_reimporting_the_export_changes_nothing_on_any_row(api, users, tree):
    data = _exported_roster(api, users, tree)
    before = Cadre.history.count()
    report = roster_import(data=data, unit=None, acting_user=users.hr, dry_run=True)
    assert report.ok and report.rows == 2
    assert [(c.row, c.action, c.fields) for c in report.changes] == [
        (2, "unchanged", ()),
        (3, "unchanged", ()),
    ]
    assert report.as_dict()["unchanged"] == 2
    assert Cadre.history.count() == before  # nothing written
    # Saving it for real writes no history row either: nothing changed.
    roster_import(data=data, unit=None, acting_user=users.hr, dry_run=False)
    assert Cadre.history.count() == before


def test_one_edited_cell_shows_exactly_that_field_old_and_new(api, users, tree):
    data = _edit(_exported_roster(api, users, tree), row=3, header="籍贯", value="浙江杭州")
    report = roster_import(data=data, unit=None, acting_user=users.hr, dry_run=True)
    assert [c.action for c in report.changes] == ["unchanged", "update"]
    assert [(f.column, f.old, f.new) for f in report.changes[1].fields] == [("籍贯", "江苏南京", "浙江杭州")]
    assert not Cadre.objects.filter(native_place="浙江杭州").exists()


def test_edited_choice_date_and_unit_show_as_the_file_writes_them(api, users, tree):
    data = _exported_roster(api, users, tree)
    for header, value in [
        ("学历", "博士研究生"),
        ("参加工作时间", "1999.09"),
        ("现任单位", "信息工程学院办公室"),
    ]:
        data = _edit(data, row=2, header=header, value=value)
    change = roster_import(data=data, unit=None, acting_user=users.hr, dry_run=True).changes[0]
    shown = {f.column: (f.old, f.new) for f in change.fields}
    assert set(shown) == {"学历", "参加工作时间", "现任单位"}
    assert shown["学历"] == ("硕士研究生", "博士研究生") and shown["参加工作时间"][1] == "1999.09"
    assert shown["现任单位"] == (tree.a.name, "信息工程学院办公室")


def test_page_and_api_preview_list_the_changes(api, client, users, tree):
    data = _edit(_exported_roster(api, users, tree), row=2, header="籍贯", value="浙江杭州")
    response = api(users.hr).post(IMPORT, {"file": upload(data)})
    assert response.status_code == 200
    body = response.json()
    assert body["unchanged"] == 1
    assert body["changes"][0] == {
        "row": 2,
        "name": body["changes"][0]["name"],
        "action": "update",
        "fields": [{"column": "籍贯", "old": "山东济南", "new": "浙江杭州"}],
        "warnings": [],
    }
    assert body["changes"][1]["action"] == "unchanged"
    client.force_login(users.hr)
    page = client.post("/cadres/import/", {"file": upload(data), "action": "check"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "籍贯：山东济南 → 浙江杭州" in html and "无变化" in html
    assert not Cadre.objects.filter(native_place="浙江杭州").exists()
    # Bad input still reports rows, never a 500, and lists no changes.
    bad = api(users.hr).post(IMPORT, {"file": upload(_edit(data, row=2, header="性别", value="?"))})
    assert bad.status_code == 400 and bad.json()["changes"] == []
