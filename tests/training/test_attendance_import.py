"""The attendance sheet import: dry run first, then all or nothing, errors by row and column."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cadres.models import Cadre
from tests.factories import CadreFactory
from tests.training.factories import TrainingProgrammeFactory
from training.exchange import attendance_parse, attendance_template
from training.models import ProgrammeParticipant
from training.services import participants_import

pytestmark = pytest.mark.django_db


def many_cadres(unit, n):
    """n cadres in one bulk insert (the import only reads them)."""
    birth, retirement = datetime.date(1980, 1, 1), datetime.date(2040, 1, 1)
    rows = [
        Cadre(unit=unit, name=f"学员{i:04d}", gender="male", birth_date=birth, retirement_date=retirement,
              id_number=f"11010119800101{i:04d}", name_pinyin="", name_initials="")
        for i in range(n)
    ]  # fmt: skip
    return Cadre.objects.bulk_create(rows)


def test_a_bad_row_in_the_middle_of_1000_saves_nothing_and_names_the_row(tree, users):
    programme = TrainingProgrammeFactory(hours=Decimal(40))
    cadres = many_cadres(tree.a, 1000)
    rows = [[c.name, c.id_number, "是", "", "", "90", f"Z{i}"] for i, c in enumerate(cadres)]
    rows[499][4] = "50"  # more leave than the programme's 40 hours, in Excel row 501
    data = attendance_template(rows=rows)
    report = participants_import(programme=programme, data=data, dry_run=False, acting_user=users.hr)
    assert [(e.row, e.column, e.code) for e in report.errors] == [(501, "请假学时", "absent_over_hours")]
    assert not ProgrammeParticipant.objects.exists()
    rows[499][4] = "5"
    data = attendance_template(rows=rows)
    dry = participants_import(programme=programme, data=data, dry_run=True, acting_user=users.hr)
    assert (dry.errors, dry.created, dry.updated) == (
        [],
        1000,
        0,
    ) and not ProgrammeParticipant.objects.exists()
    done = participants_import(programme=programme, data=data, dry_run=False, acting_user=users.hr)
    assert (done.errors, done.created) == ([], 1000)
    assert ProgrammeParticipant.objects.filter(programme=programme, confirmed=True).count() == 1000
    again = participants_import(programme=programme, data=data, dry_run=False, acting_user=users.hr)
    assert (again.created, again.updated) == (0, 1000)


def test_errors_by_row_and_column(tree, users):
    programme = TrainingProgrammeFactory()
    a = CadreFactory(unit=tree.a, name="张三")
    CadreFactory(unit=tree.a, name="李四")
    CadreFactory(unit=tree.a, name="李四", birth_date=datetime.date(1980, 2, 2))
    b = CadreFactory(unit=tree.b, name="王五")
    rows = [
        ["张三", "", "是", "", "", "", ""],
        ["张三", a.id_number, "否", "", "", "", ""],  # the same cadre again
        ["李四", "", "是", "", "", "", ""],  # two of that name
        ["王五", b.id_number, "是", "", "", "", ""],  # outside the clerk's scope
        ["", "", "maybe", "x", "", "101", ""],
    ]
    report = participants_import(
        programme=programme, data=attendance_template(rows=rows), dry_run=True, acting_user=users.clerk
    )
    assert [(e.row, e.column, e.code) for e in report.errors] == [
        (3, "姓名", "duplicate_row"),
        (4, "姓名", "ambiguous_name"),
        (5, "身份证号", "unknown_cadre"),
        (6, "姓名", "required"),
        (6, "成绩", "out_of_range"),
        (6, "是否结业", "invalid_choice"),
        (6, "认定学时", "invalid"),
    ]


def test_formulas_are_escaped_on_the_way_out_and_read_back_as_text():
    data = attendance_template(rows=[["=HYPERLINK(1)", "", "是", "", "", "", "+1"]])
    [row], errors = attendance_parse(data=data)
    assert errors == [] and (row.name, row.certificate_no) == ("=HYPERLINK(1)", "+1")


def test_the_api_answers_400_with_the_rows_and_a_bad_file_with_bad_file(api, users, tree):
    programme = TrainingProgrammeFactory()
    cadre = CadreFactory(unit=tree.a, name="张三")
    url = f"/api/v1/training-programmes/{programme.pk}/participants/import/"
    good = attendance_template(rows=[["张三", cadre.id_number, "是", "", "", "88", "C1"]])
    response = api(users.clerk).post(url, {"file": SimpleUploadedFile("a.xlsx", good), "dry_run": "false"})
    assert response.status_code == 200 and response.json()["created"] == 1
    assert ProgrammeParticipant.objects.get().confirmed is False  # a clerk's report waits for HR
    bad = attendance_template(rows=[["查无此人", "", "是", "", "", "", ""]])
    response = api(users.hr).post(url, {"file": SimpleUploadedFile("a.xlsx", bad)})
    assert response.status_code == 400 and response.json()["errors"][0]["code"] == "unknown_cadre"
    response = api(users.hr).post(url, {"file": SimpleUploadedFile("a.xlsx", b"not a zip")})
    assert response.status_code == 400 and response.json()["fields"]["file"][0]["code"] == "bad_file"
    assert api(users.leader).post(url, {"file": SimpleUploadedFile("a.xlsx", good)}).status_code == 403


# --- the HR page ----------------------------------------------------------------------------


def _upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("考勤.xlsx", data, content_type="application/octet-stream")


def test_the_page_previews_rows_then_imports_all_or_nothing(client, tree, users):
    programme = TrainingProgrammeFactory(hours=Decimal(40))
    a, b = (
        CadreFactory(unit=tree.a, name="张三"),
        CadreFactory(unit=tree.a, name="李四", birth_date=datetime.date(1979, 5, 5)),
    )
    url = f"/training/programmes/{programme.pk}/import/"
    client.force_login(users.hr)
    assert client.get(url).status_code == 200
    bad = attendance_template(rows=[[a.name, "", "是", "", "", "", ""], [b.name, "", "是", "", "50", "", ""]])
    page = client.post(url, {"file": _upload(bad), "action": "import"})
    html = page.content.decode()
    assert page.status_code == 200 and "请假学时" in html and 'data-row="3"' in html
    assert not ProgrammeParticipant.objects.exists()
    good = attendance_template(
        rows=[[a.name, "", "是", "", "", "88", "C1"], [b.name, "", "否", "", "", "", ""]]
    )
    dry = client.post(url, {"file": _upload(good), "action": "check"})
    token = dry.context["token"]
    assert [r.action for r in dry.context["report"].rows] == ["create", "create"]
    assert 'data-row="2"' in dry.content.decode() and not ProgrammeParticipant.objects.exists()
    done = client.post(url, {"token": token, "action": "import"})
    assert done.status_code == 200 and not done.context["report"].errors
    assert ProgrammeParticipant.objects.filter(programme=programme).count() == 2
    assert client.post(url, {"token": token, "action": "import"}).context["form"].errors["file"]  # used up
    template = client.get("/training/programmes/import-template/")
    assert template["Content-Type"].startswith("application/vnd.openxml")


def test_the_page_keeps_to_the_scope_and_the_role(client, tree, users):
    programme = TrainingProgrammeFactory(hours=Decimal(40))
    stranger = CadreFactory(unit=tree.b, name="王五")
    url = f"/training/programmes/{programme.pk}/import/"
    client.force_login(users.clerk)
    data = attendance_template(rows=[[stranger.name, stranger.id_number, "是", "", "", "", ""]])
    page = client.post(url, {"file": _upload(data), "action": "import"})
    assert [e.code for e in page.context["report"].errors] == ["unknown_cadre"]
    assert not ProgrammeParticipant.objects.exists()
    client.force_login(users.leader)
    assert client.get(url).status_code == 403
