""".lrmx exchange: export, import with preview, scope, and the printable appointment form."""

import datetime
import io
import random
import re
import zipfile
import zlib
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from stdnum.cn import ric

from appraisal.models import AppraisalResult
from cadres.demo.people import fake_id_number
from cadres.exchange.lrmx.apply import apply_record
from cadres.exchange.lrmx.codec import LrmxRecord, build_lrmx, parse_lrmx
from cadres.exchange.lrmx.mapping import (
    RELATION_LABELS,
    degree_from_label,
    education_from_label,
    ethnicity_from_label,
    record_from_cadre,
    relation_from_label,
    relation_label,
)
from cadres.models import Cadre, FamilyRelation
from cadres.rules.partial_dates import format_year_month
from cadres.services.lrmx import MAX_FILE_BYTES, _zip_name
from tests.factories import AppointmentFactory, CadreFactory, PostFactory

D = datetime.date
IMPORT = "/api/v1/cadres/import-lrmx/"
EXPORT = "/api/v1/cadres/export-lrmx/"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Person><XingMing>&lol3;</XingMing></Person>"""


def jpeg(color="red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (33, 46), color).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def full_cadre(unit, **overrides):
    values = {
        "unit": unit,
        "name": "张伟",
        "ethnicity": "hui",
        "native_place": "山东济南",
        "birthplace": "山东青岛",
        "health": "健康",
        "professional_title": "副教授",
        "specialities": "教育管理",
        "education": "bachelor",
        "degree": "bachelor",
        "education_school": "山东大学机械系机械工程专业",
        "inservice_education": "master",
        "inservice_degree": "master",
        "inservice_school": "中央党校研究生院",
        "resume": "1993.09--1997.07 山东大学机械系学习\n1997.07-- 示范学院工作",
        "rewards_punishments": "2018年获省级教学成果奖",
        "appraisal_summary": "2023至2025年度考核均为称职",
        "photo": ContentFile(jpeg(), name="p.jpg"),
        "family": [
            {
                "relation": "spouse",
                "name": "李娜",
                "birth_date": D(1976, 3, 15),
                "political_status": "中共党员",
                "work_unit_post": "示范市第一中学教师",
            },
            {
                "relation": "son",
                "name": "张明",
                "birth_date": D(2003, 10, 1),
                "political_status": "共青团员",
                "work_unit_post": "某大学学生",
            },
        ],
    }
    return CadreFactory(**(values | overrides))


def upload(data: bytes, name="a.lrmx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def post_import(client, files, **data):
    body = {"file": [upload(content, name) for name, content in files], "dry_run": "true"} | data
    return client.post(IMPORT, body, format="multipart")


def snapshot(cadre: Cadre) -> dict:
    skip = {"id", "unit", "photo", "name_initials", "name_pinyin"}
    fields = {f.name: getattr(cadre, f.name) for f in Cadre._meta.concrete_fields if f.name not in skip}
    # The form writes a relative's birth as year and month.
    fields["family"] = [
        (m.relation, m.name, format_year_month(m.birth_date), m.political_status, m.work_unit_post)
        for m in cadre.family.all()
    ]
    with cadre.photo.open("rb") as photo:
        fields["photo"] = photo.read()
    return fields


# ---------------------------------------------------------------- round trip


def test_export_then_dry_run_import_on_the_same_db_changes_nothing(api, users, tree):
    cadre = full_cadre(tree.a)
    AppointmentFactory(cadre=cadre, post=PostFactory(unit=tree.a, title="副院长"), start_date=D(2021, 1, 1))
    AppraisalResult.objects.create(cadre=cadre, year=datetime.date.today().year - 1, grade="excellent")
    response = api(users.hr).get(f"/api/v1/cadres/{cadre.pk}/lrmx/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote('张伟.lrmx')}"
    data = response.content
    record = parse_lrmx(data).record
    assert record.current_post == "信息工程学院副院长"
    assert record.ethnicity == "回族" and record.fulltime_education == "大学本科"
    assert [m.relation for m in record.family] == ["妻子", "儿子"]
    assert "考核优秀" in record.appraisal_results
    assert record.photo == jpeg()

    report = post_import(api(users.hr), [("张伟.lrmx", data)]).json()
    assert report["files"][0]["action"] == "unchanged", report
    assert report["files"][0]["cadre_id"] == cadre.pk
    assert report["files"][0]["changes"] == []
    assert report["saved"] is False


def test_import_into_an_empty_unit_creates_an_equal_record(api, users, tree):
    cadre = full_cadre(tree.a)
    data = api(users.hr).get(f"/api/v1/cadres/{cadre.pk}/lrmx/").content
    before = snapshot(cadre)
    cadre.delete()

    response = post_import(api(users.hr), [("x.lrmx", data)], dry_run="false", unit=tree.b.pk)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["saved"] is True and body["files"][0]["action"] == "create"
    created = Cadre.objects.get(pk=body["files"][0]["cadre_id"])
    assert created.unit == tree.b
    assert snapshot(created) == before
    assert created.history.first().history_user == users.hr


def test_preview_lists_the_changed_fields_and_saves_only_when_asked(api, users, tree):
    cadre = full_cadre(tree.a)
    record = record_from_cadre(cadre=cadre, on=D(2026, 1, 1))
    record.native_place = "河北保定"
    record.ethnicity = "汉族"
    record.resume_lines.append("2020.01-- 示范学院副院长")
    record.family[1].work_unit_and_post = "某公司职员"
    record.photo = jpeg("blue")
    data = build_lrmx(record)

    body = post_import(api(users.hr), [("a.lrmx", data)]).json()
    file = body["files"][0]
    assert file["action"] == "update"
    changes = {c["field"]: (c["old"], c["new"]) for c in file["changes"]}
    assert set(changes) == {"native_place", "ethnicity", "resume", "family", "photo"}
    assert changes["native_place"] == ("山东济南", "河北保定")
    assert changes["ethnicity"] == ("回族", "汉族")
    cadre.refresh_from_db()
    assert cadre.native_place == "山东济南"  # a dry run saves nothing

    response = post_import(api(users.hr), [("a.lrmx", data)], dry_run="false")
    assert response.status_code == 200 and response.json()["saved"] is True
    cadre.refresh_from_db()
    assert (cadre.native_place, cadre.ethnicity) == ("河北保定", "han")
    assert cadre.resume_lines[-1] == "2020.01-- 示范学院副院长"
    assert [m.work_unit_post for m in cadre.family.all()] == ["示范市第一中学教师", "某公司职员"]
    assert next(m for m in cadre.family.all() if m.name == "李娜").birth_date == D(
        1976, 3, 15
    )  # same month keeps the day
    with cadre.photo.open("rb") as photo:
        assert photo.read() == jpeg("blue")


# ---------------------------------------------------------------- bad and partial files


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"<Person><XingMing>x</Person>", "lrmx_malformed"),
        (BILLION_LAUGHS, "lrmx_forbidden"),
        (b"<Cadre><XingMing>x</XingMing></Cadre>", "lrmx_root"),
        (b"\xff\xfe<\x00P\x00", "lrmx_malformed"),
        (b"PK\x03\x04 not really a zip", "lrmx_zip"),
    ],
)
def test_unreadable_files_are_refused_and_nothing_is_saved(api, users, tree, content, code):
    good = build_lrmx(LrmxRecord(name="王芳", gender="female", birth=D(1980, 5, 1)))
    response = post_import(
        api(users.hr), [("good.lrmx", good), ("bad.lrmx", content)], dry_run="false", unit=tree.a.pk
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == code
    assert body["fields"]["file"][0]["code"] == code
    assert body["message"].startswith("bad.lrmx")
    assert [f["action"] for f in body["files"]] == ["create", ""]
    assert body["saved"] is False
    assert not Cadre.objects.filter(name="王芳").exists()


def test_a_file_with_missing_and_empty_elements_imports_and_lists_them(api, users, tree):
    content = """<?xml version="1.0" encoding="UTF-8"?>
<Person>
  <XingMing>  刘洋 </XingMing>
  <MinZu></MinZu>
  <JiGuan>
     湖南长沙
  </JiGuan>
  <ShenFenZheng> 11010519800512159x </ShenFenZheng>
  <JianLi>
    2002.07-- 示范学院工作

  </JianLi>
</Person>""".encode()
    response = post_import(api(users.clerk), [("liu.lrmx", content)], dry_run="false", unit=tree.a1.pk)
    assert response.status_code == 200, response.json()
    file = response.json()["files"][0]
    assert {"XingBie", "ChuShengNianYue", "MinZu", "ZhaoPian", "JiaTingChengYuan"} <= set(file["missing"])
    assert "JiGuan" not in file["missing"]
    cadre = Cadre.objects.get(pk=file["cadre_id"])
    # Gender and the day of birth come from the ID number when the file lacks them.
    assert (cadre.name, cadre.gender, cadre.birth_date) == ("刘洋", "male", D(1980, 5, 12))
    assert cadre.id_number == "11010519800512159X"
    assert (cadre.native_place, cadre.ethnicity, cadre.unit) == ("湖南长沙", "han", tree.a1)
    assert cadre.resume == "2002.07-- 示范学院工作"


def test_missing_elements_never_clear_a_value(api, users, tree):
    cadre = full_cadre(tree.a)
    content = f"<Person><ShenFenZheng>{cadre.id_number}</ShenFenZheng><JiGuan/></Person>".encode()
    file = post_import(api(users.hr), [("a.lrmx", content)]).json()["files"][0]
    assert file["action"] == "unchanged" and "JiGuan" in file["missing"]


def test_unknown_labels_are_problems_not_crashes(api, users, tree):
    cadre = full_cadre(tree.a)
    record = record_from_cadre(cadre=cadre, on=D(2026, 1, 1))
    record.ethnicity = "火星族"
    record.fulltime_education = "函授"
    record.family[0].relation = "干爹"
    record.family[0].birth = "不详"
    response = post_import(api(users.hr), [("a.lrmx", build_lrmx(record))])
    assert response.status_code == 200
    file = response.json()["files"][0]
    problems = {(p["element"], p["code"]) for p in file["problems"]}
    assert ("MinZu", "lrmx_unknown_label") in problems
    assert ("QuanRiZhiJiaoYu_XueLi", "lrmx_unknown_label") in problems
    assert ("JiaTingChengYuan.0.ChengWei", "lrmx_unknown_label") in problems
    assert ("JiaTingChengYuan.0.ChuShengRiQi", "date_format") in problems
    assert "ethnicity" not in {c["field"] for c in file["changes"]}
    family = next(c["new"] for c in file["changes"] if c["field"] == "family")
    assert family.startswith("其他 李娜 中共党员")  # the unknown relation became "other", the bad date empty


def test_invalid_values_are_per_file_errors(api, users, tree):
    record = LrmxRecord(name="赵六", gender="female", birth=D(1980, 5, 1), id_number="11010519800512159X")
    response = post_import(api(users.hr), [("z.lrmx", build_lrmx(record))], unit=tree.a.pk)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "id_gender_mismatch"
    assert body["files"][0]["errors"][0]["field"] == "id_number"


def test_a_new_cadre_needs_a_unit(api, users, tree):
    record = LrmxRecord(name="赵六", gender="female", birth=D(1980, 5, 1))
    body = post_import(api(users.hr), [("z.lrmx", build_lrmx(record))]).json()
    assert body["code"] == "unit_required"


def test_two_files_about_one_cadre_are_refused(api, users, tree):
    cadre = full_cadre(tree.a)
    data = build_lrmx(record_from_cadre(cadre=cadre, on=D(2026, 1, 1)))
    body = post_import(api(users.hr), [("1.lrmx", data), ("2.lrmx", data)]).json()
    assert body["code"] == "duplicate_in_batch"


# ---------------------------------------------------------------- zips


def test_zip_export_and_import(api, users, tree):
    one = full_cadre(tree.a)
    two = full_cadre(tree.b, name="李四", gender="female", birth_date=D(1980, 2, 3), photo=None, family=[])
    response = api(users.hr).post(EXPORT, {"ids": [one.pk, two.pk]}, format="json")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == sorted([f"张伟_{one.pk}.lrmx", f"李四_{two.pk}.lrmx"])
    assert api(users.hr).get(f"{EXPORT}?ids={one.pk},{two.pk}").content == response.content

    body = post_import(api(users.hr), [("all.zip", response.content)]).json()
    assert [f["action"] for f in body["files"]] == ["unchanged", "unchanged"]
    assert body["files"][0]["name"].startswith("all.zip/")


def test_a_zip_without_lrmx_files_is_refused(api, users, tree):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    body = post_import(api(users.hr), [("x.zip", buffer.getvalue())]).json()
    assert body["code"] == "lrmx_zip_empty"


def test_a_zip_that_unpacks_too_large_is_refused(api, users, tree):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.lrmx", b"\0" * (MAX_FILE_BYTES + 10))
    assert len(buffer.getvalue()) < 100_000
    body = post_import(api(users.hr), [("bomb.zip", buffer.getvalue())]).json()
    # A budget passed refuses the request at once (it was lrmx_too_large in the file's report).
    assert body["code"] == "too_large"
    assert body["fields"]["file"][0]["message"] == "bomb.zip/big.lrmx 解压后超过 10 MB。"


def test_zip_names_written_in_gbk_are_read():
    info = zipfile.ZipInfo("张伟.lrmx".encode("gbk").decode("cp437"))
    assert _zip_name(info) == "张伟.lrmx"


# ---------------------------------------------------------------- scope and permissions


def test_clerk_cannot_export_outside_the_scope(api, users, tree):
    mine, theirs = full_cadre(tree.a1), full_cadre(tree.b, name="李四")
    client = api(users.clerk)
    assert client.get(f"/api/v1/cadres/{theirs.pk}/lrmx/").status_code == 404
    assert client.get(f"/api/v1/cadres/{mine.pk}/lrmx/").status_code == 200
    response = client.post(EXPORT, {"ids": [mine.pk]}, format="json")
    assert zipfile.ZipFile(io.BytesIO(response.content)).namelist() == [f"张伟_{mine.pk}.lrmx"]
    refused = client.post(EXPORT, {"ids": [mine.pk, theirs.pk]}, format="json")
    assert refused.status_code == 404
    assert refused.json()["code"] == "not_found"
    assert str(theirs.pk) in refused.json()["message"]
    assert str(mine.pk) not in refused.json()["message"]
    assert client.get(f"{EXPORT}?ids={theirs.pk}").status_code == 404
    assert client.get(f"{EXPORT}?ids=x").status_code == 400


def test_clerk_cannot_update_a_cadre_outside_the_scope_by_import(api, users, tree):
    theirs = full_cadre(tree.b, name="李四")
    record = record_from_cadre(cadre=theirs, on=D(2026, 1, 1))
    record.native_place = "篡改"
    response = post_import(
        api(users.clerk), [("b.lrmx", build_lrmx(record))], dry_run="false", unit=tree.a.pk
    )
    assert response.status_code == 400
    assert response.json()["code"] == "out_of_scope"
    assert response.json()["files"][0]["cadre_id"] is None
    theirs.refresh_from_db()
    assert theirs.native_place == "山东济南" and theirs.unit == tree.b


def test_clerk_cannot_create_in_a_unit_outside_the_scope(api, users, tree):
    record = LrmxRecord(name="赵六", gender="female", birth=D(1980, 5, 1))
    response = post_import(api(users.clerk), [("z.lrmx", build_lrmx(record))], unit=tree.b.pk)
    assert response.status_code == 400
    assert "unit" in response.json()["fields"]


def test_masked_id_numbers_round_trip_for_users_who_see_them_masked(api, users, tree):
    cadre = full_cadre(tree.a)
    data = api(users.clerk).get(f"/api/v1/cadres/{cadre.pk}/lrmx/").content
    assert cadre.id_number not in data.decode()
    assert parse_lrmx(data).record.id_number == cadre.id_number[:2] + "*" * 16
    body = post_import(api(users.clerk), [("a.lrmx", data)]).json()
    assert body["files"][0]["action"] == "unchanged" and body["files"][0]["cadre_id"] == cadre.pk
    assert cadre.id_number in api(users.hr).get(f"/api/v1/cadres/{cadre.pk}/lrmx/").content.decode()


def test_a_masked_number_is_matched_by_name_birth_month_and_gender_too(api, users, tree):
    """Only the province survives the mask, so a namesake of the same province born another month,
    or of the other gender, is not taken for the cadre the file is about."""
    cadre = full_cadre(tree.a)
    province = cadre.id_number[:2]

    def namesake(birth, gender, seed):
        digits = province + fake_id_number(rng=random.Random(seed), birth=birth, gender=gender)[2:17]
        number = digits + ric.calc_check_digit(digits + "0")
        CadreFactory(unit=tree.a, name=cadre.name, birth_date=birth, gender=gender, id_number=number)

    namesake(datetime.date(1975, 7, 15), "male", 7)
    namesake(cadre.birth_date, "female", 8)
    data = api(users.clerk).get(f"/api/v1/cadres/{cadre.pk}/lrmx/").content
    body = post_import(api(users.clerk), [("a.lrmx", data)]).json()
    assert body["files"][0]["cadre_id"] == cadre.pk
    namesake(cadre.birth_date, cadre.gender, 9)
    body = post_import(api(users.clerk), [("a.lrmx", data)]).json()
    assert [e["code"] for e in body["files"][0]["errors"]] == ["id_masked"]


def test_api_status_codes(api, users, tree):
    cadre = full_cadre(tree.a)
    data = build_lrmx(record_from_cadre(cadre=cadre, on=D(2026, 1, 1)))
    assert api().get(f"/api/v1/cadres/{cadre.pk}/lrmx/").status_code == 401
    assert api(users.nobody).get(f"/api/v1/cadres/{cadre.pk}/lrmx/").status_code == 403
    assert api(users.leader).get(f"/api/v1/cadres/{cadre.pk}/lrmx/").status_code == 200
    assert post_import(api(users.leader), [("a.lrmx", data)]).status_code == 403
    assert api(users.hr).post(IMPORT, {"dry_run": "true"}, format="multipart").status_code == 400
    assert post_import(api(users.hr), [("a.lrmx", data)]).status_code == 200


def test_the_endpoints_are_in_the_schema(api, users):
    schema = api(users.hr).get("/api/schema/?format=json").json()
    assert {"/api/v1/cadres/{id}/lrmx/", "/api/v1/cadres/export-lrmx/", "/api/v1/cadres/import-lrmx/"} <= set(
        schema["paths"]
    )


# ---------------------------------------------------------------- mapping rules


def test_every_exported_relation_reads_back_as_itself():
    for code in FamilyRelation.values:
        for gender in ("male", "female"):
            assert relation_from_label(relation_label(code, cadre_gender=gender)) == code
    assert set(RELATION_LABELS) | {"spouse", "parent_in_law"} == set(FamilyRelation.values)
    assert relation_from_label("大哥") == FamilyRelation.SIBLING
    assert relation_from_label("长女") == FamilyRelation.DAUGHTER
    assert relation_from_label("表妹") == FamilyRelation.COUSIN
    assert relation_from_label("岳母") == FamilyRelation.PARENT_IN_LAW
    assert relation_from_label("邻居") is None


def test_labels_read_back_tolerantly():
    assert ethnicity_from_label("汉") == "han" and ethnicity_from_label("外国血统") == "foreign_origin"
    assert (
        education_from_label("大学") == "bachelor"
        and education_from_label("研究生", degree="doctor") == "doctor"
    )
    assert education_from_label("大学本科毕业") == "bachelor"
    assert degree_from_label("工学学士") == "bachelor" and degree_from_label("管理学硕士学位") == "master"
    assert degree_from_label("名誉") is None


def test_apply_record_on_a_new_instance_lists_every_value(tree):
    record = LrmxRecord(
        name="王芳", gender="female", birth=D(1980, 5, 1), ethnicity="满族", native_place="辽宁"
    )
    cadre = Cadre(unit=tree.a)
    applied = apply_record(cadre=cadre, record=record, on=D(2026, 1, 1))
    assert {c.field for c in applied.changes} == {"name", "gender", "birth_date", "ethnicity", "native_place"}
    assert (cadre.ethnicity, cadre.birth_date) == ("manchu", D(1980, 5, 1))


# ---------------------------------------------------------------- HTML pages


def test_import_page_previews_then_confirms(client, users, tree):
    cadre = full_cadre(tree.a)
    record = record_from_cadre(cadre=cadre, on=D(2026, 1, 1))
    record.native_place = "河北保定"
    client.force_login(users.clerk)
    assert client.get("/cadres/import-lrmx/").status_code == 200
    response = client.post("/cadres/import-lrmx/", {"files": [upload(build_lrmx(record))], "unit": ""})
    html = response.content.decode()
    assert "河北保定" in html and "山东济南" in html
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    cadre.refresh_from_db()
    assert cadre.native_place == "山东济南"

    # The pending upload belongs to the user who previewed it.
    other = Client()
    other.force_login(users.hr)
    response = other.post("/cadres/import-lrmx/confirm/", {"token": token})
    assert response.status_code == 302 and response["Location"] == "/cadres/import-lrmx/"
    cadre.refresh_from_db()
    assert cadre.native_place == "山东济南"

    response = client.post("/cadres/import-lrmx/confirm/", {"token": token})
    assert response.status_code == 302 and response["Location"] == f"/cadres/{cadre.pk}/"
    cadre.refresh_from_db()
    assert cadre.native_place == "河北保定"
    assert cadre.history.first().history_user == users.clerk
    # The token is spent.
    response = client.post("/cadres/import-lrmx/confirm/", {"token": token})
    assert response.status_code == 302 and response["Location"] == "/cadres/import-lrmx/"


def test_import_page_shows_errors_and_offers_no_confirmation(client, users, tree):
    client.force_login(users.hr)
    html = client.post("/cadres/import-lrmx/", {"files": [upload(BILLION_LAUGHS)]}).content.decode()
    assert "lrmx_forbidden" in html and 'name="token"' not in html


def test_import_page_needs_write_permissions(client, users):
    client.force_login(users.leader)
    assert client.get("/cadres/import-lrmx/").status_code == 403


def test_record_page_links_and_html_downloads(client, users, tree):
    cadre, other = full_cadre(tree.a), full_cadre(tree.b, name="李四")
    client.force_login(users.clerk)
    html = client.get(f"/cadres/{cadre.pk}/").content.decode()
    assert f"/cadres/{cadre.pk}/lrmx/" in html and f"/cadres/{cadre.pk}/appointment-form/" in html
    assert client.get(f"/cadres/{cadre.pk}/lrmx/")["Content-Type"] == "application/xml"
    assert client.get(f"/cadres/{other.pk}/lrmx/").status_code == 404
    response = client.get(f"/cadres/export-lrmx/?ids={cadre.pk}")
    assert zipfile.ZipFile(io.BytesIO(response.content)).namelist() == [f"张伟_{cadre.pk}.lrmx"]
    # an id outside the scope refuses the download instead of being left out
    assert client.get(f"/cadres/export-lrmx/?ids={cadre.pk},{other.pk}").status_code == 404
    assert client.get(f"/cadres/export-lrmx/?ids={other.pk}").status_code == 404


# ---------------------------------------------------------------- the printed form


def test_print_page_renders_the_form(client, users, tree):
    cadre = full_cadre(tree.a)
    AppointmentFactory(cadre=cadre, post=PostFactory(unit=tree.a, title="副院长"), start_date=D(2021, 1, 1))
    client.force_login(users.clerk)
    response = client.get(
        f"/cadres/{cadre.pk}/appointment-form/?proposed_post=信息工程学院院长&reason=工作需要"
    )
    html = response.content.decode()
    for text in (
        "干部任免审批表",
        "张伟",
        "回族",
        "山东济南",
        "1975.06",
        "信息工程学院副院长",
        "信息工程学院院长",
        "工作需要",
        "妻子",
        "李娜",
        "示范市第一中学教师",
        "1993.09--1997.07",
        "大学本科",
        "data:image/jpeg",
    ):
        assert text in html, text  # fmt: skip
    assert "@page" in html and "size: A4" in html
    assert cadre.id_number not in html


def test_print_page_is_scoped(client, users, tree):
    other = full_cadre(tree.b, name="李四")
    client.force_login(users.clerk)
    assert client.get(f"/cadres/{other.pk}/appointment-form/").status_code == 404
    assert client.get(f"/cadres/{other.pk}/appointment-form.pdf").status_code == 404


def pdf_pages(pdf: bytes) -> list[bytes]:
    """The MediaBox of each page; objects may sit in compressed object streams (no PDF library needed)."""
    text = pdf
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            text += zlib.decompress(stream)
        except zlib.error:
            continue
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", text)) == len(re.findall(rb"/MediaBox", text))
    return re.findall(rb"/MediaBox\s*\[([^\]]*)\]", text)


def weasyprint_works() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):  # OSError: the package is there but Debian's pango is not
        return False
    return True


@pytest.mark.skipif(not weasyprint_works(), reason="WeasyPrint or its pango libraries are not installed")
def test_pdf_has_two_a4_pages(client, users, tree):
    cadre = full_cadre(tree.a)
    client.force_login(users.hr)
    response = client.get(f"/cadres/{cadre.pk}/appointment-form.pdf?proposed_post=院长")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pages = pdf_pages(response.content)
    assert len(pages) == 2
    assert all(page.split()[2:] == [b"595.275591", b"841.889764"] for page in pages)  # 210 × 297 mm


def test_an_import_keeps_the_settled_abroad_flag_the_format_lacks(api, users, tree):
    cadre = full_cadre(tree.a)
    cadre.family.filter(pk__in=[m.pk for m in cadre.family.all() if m.name == "李娜"]).update(
        settled_abroad=True
    )
    record = record_from_cadre(cadre=cadre, on=D(2026, 1, 1))
    record.family[1].work_unit_and_post = "某公司职员"  # a change, so the family is rewritten
    response = post_import(api(users.hr), [("a.lrmx", build_lrmx(record))], dry_run="false")
    assert response.status_code == 200 and response.json()["saved"] is True
    assert [(m.name, m.settled_abroad) for m in cadre.family.all()] == [("李娜", True), ("张明", False)]
