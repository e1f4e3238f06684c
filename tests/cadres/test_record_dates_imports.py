"""The record date checks in the roster and .lrmx imports: impossible dates are row or file
errors; implausible ones are listed in the preview and saved when the import is confirmed."""

import datetime
import re

from django.utils import timezone

from cadres.exchange.lrmx.codec import FamilyMember as LrmxFamilyMember
from cadres.exchange.lrmx.codec import LrmxRecord, build_lrmx
from cadres.models import Cadre
from cadres.services.lrmx import lrmx_import
from cadres.services.roster import roster_import
from tests.cadres.test_roster import id_number, row, upload, xlsx
from tests.factories import CadreFactory

D = datetime.date
NEXT_YEAR = timezone.localdate().year + 1


def errors_of(report) -> set[tuple[int, str, str]]:
    return {(error.row, error.column, error.code) for error in report.errors}


# ---------------------------------------------------------------- roster


def test_roster_dates_after_today_are_row_errors(users, tree):
    data = xlsx(
        [
            row(出生年月=f"{NEXT_YEAR}.01", 入党时间=None, 参加工作时间=None),
            row(姓名="李娜", 参加工作时间=f"{NEXT_YEAR}-02"),
            row(姓名="王强", 入党时间="1960.01"),
        ]
    )
    report = roster_import(data=data, unit=tree.a, acting_user=users.hr, dry_run=True)
    assert errors_of(report) == {
        (2, "出生年月", "date_in_future"),
        (3, "参加工作时间", "date_in_future"),
        (4, "入党时间", "before_birth"),
    }
    assert not roster_import(data=data, unit=tree.a, acting_user=users.hr, dry_run=False).ok
    assert not Cadre.objects.exists()


def test_roster_dry_run_lists_implausible_dates_and_the_import_saves_them(users, tree):
    data = xlsx(
        [
            row(出生年月="1975.06", 参加工作时间="1989.09", 入党时间="1992.01"),
            row(姓名="李娜", 出生年月="1970.01"),
        ]
    )
    report = roster_import(data=data, unit=tree.a, acting_user=users.hr, dry_run=True)
    assert report.ok and report.warnings == 1
    first, second = report.as_dict()["changes"]
    assert [(w["column"], w["code"]) for w in first["warnings"]] == [
        ("参加工作时间", "work_start_young"),
        ("入党时间", "party_entry_young"),
    ]
    assert second["warnings"] == []
    assert not Cadre.objects.exists()
    report = roster_import(data=data, unit=tree.a, acting_user=users.hr, dry_run=False)
    assert report.ok and report.created == 2
    assert Cadre.objects.get(name="曾国华").work_start_date == D(1989, 9, 1)


def test_roster_year_month_on_the_16th_birthday_month_is_not_warned(users, tree):
    data = xlsx([row(出生年月="1975.06", 参加工作时间="1991.06", 入党时间="1993.06")])
    report = roster_import(data=data, unit=tree.a, acting_user=users.hr, dry_run=True)
    assert report.ok and report.as_dict()["changes"][0]["warnings"] == []


def test_roster_update_warns_only_about_what_it_brings(users, tree):
    cadre = CadreFactory(unit=tree.a, birth_date=D(1975, 6, 15), work_start_date=D(1989, 9, 1), confirm=True)
    # The recorded implausible work start is kept: a row that does not change it is not warned.
    data = xlsx(
        [row(身份证号=cadre.id_number, 出生年月="1975.06", 参加工作时间=None, 入党时间=None, 职称="教授")]
    )
    report = roster_import(data=data, unit=tree.a, acting_user=users.hr, dry_run=True)
    assert report.ok and report.as_dict()["changes"][0]["warnings"] == []
    data = xlsx([row(身份证号=cadre.id_number, 出生年月="1975.06", 参加工作时间="1990.01", 入党时间=None)])
    report = roster_import(data=data, unit=tree.a, acting_user=users.hr, dry_run=True)
    assert [w["code"] for w in report.as_dict()["changes"][0]["warnings"]] == ["work_start_young"]


def test_roster_api_and_page_show_the_warnings(api, client, users, tree):
    data = xlsx([row(出生年月="1975.06", 参加工作时间="1989.09", 身份证号=id_number(D(1975, 6, 15)))])
    response = api(users.hr).post("/api/v1/cadres/import/", {"file": upload(data)}, format="multipart")
    assert response.status_code == 400  # no unit for the new cadre
    response = api(users.hr).post(
        "/api/v1/cadres/import/", {"file": upload(data), "unit": tree.a.pk}, format="multipart"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["warnings"] == 1
    assert response.json()["changes"][0]["warnings"][0]["code"] == "work_start_young"
    client.force_login(users.hr)
    html = client.post(
        "/cadres/import/", {"file": upload(data), "unit": tree.a.pk, "action": "check"}
    ).content
    html = html.decode()
    assert "参加工作时未满 16 周岁（14 岁）" in html
    assert "1 行的日期不合常理" in html
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    response = client.post("/cadres/import/", {"token": token, "unit": tree.a.pk, "action": "import"})
    assert response.status_code == 200
    assert Cadre.objects.get().work_start_date == D(1989, 9, 1)


# ---------------------------------------------------------------- .lrmx


def record(**values) -> LrmxRecord:
    base = {"name": "赵六", "gender": "female", "birth": D(1980, 5, 1), "work_start": D(2002, 7, 1)}
    return LrmxRecord(**(base | values))


def test_lrmx_impossible_dates_are_file_errors(users, tree):
    files = [
        ("a.lrmx", build_lrmx(record(work_start=D(NEXT_YEAR, 1, 1)))),
        ("b.lrmx", build_lrmx(record(name="钱七", party_join=D(1979, 1, 1)))),
        (
            "c.lrmx",
            build_lrmx(record(name="孙八", family=[LrmxFamilyMember("子", "孙小八", f"{NEXT_YEAR}.03")])),
        ),
    ]
    report = lrmx_import(files=files, unit=tree.a, acting_user=users.hr, dry_run=False)
    found = [[(e.field, e.code) for e in f.errors] for f in report.files]
    assert found == [
        [("work_start_date", "date_in_future")],
        [("party_join_date", "before_birth")],
        [("family.0.birth_date", "date_in_future")],
    ]
    assert not report.saved and not Cadre.objects.exists()


def test_lrmx_preview_lists_implausible_dates_and_the_import_saves_them(api, users, tree):
    data = build_lrmx(record(work_start=D(1994, 9, 1), family=[LrmxFamilyMember("父亲", "赵大", "1970.01")]))
    response = api(users.hr).post(
        "/api/v1/cadres/import-lrmx/",
        {"file": [upload(data, "z.lrmx")], "unit": tree.a.pk, "dry_run": "true"},
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    warnings = response.json()["files"][0]["warnings"]
    assert [(w["field"], w["code"]) for w in warnings] == [
        ("work_start_date", "work_start_young"),
        ("family.0.birth_date", "family_birth_implausible"),
    ]
    assert not Cadre.objects.exists()
    response = api(users.hr).post(
        "/api/v1/cadres/import-lrmx/",
        {"file": [upload(data, "z.lrmx")], "unit": tree.a.pk, "dry_run": "false"},
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["saved"] is True
    cadre = Cadre.objects.get()
    assert cadre.work_start_date == D(1994, 9, 1)
    assert cadre.family.get().birth_date == D(1970, 1, 1)


def test_lrmx_page_shows_the_warnings(client, users, tree):
    data = build_lrmx(record(work_start=D(1994, 9, 1)))
    client.force_login(users.hr)
    html = client.post("/cadres/import-lrmx/", {"files": [upload(data, "z.lrmx")], "unit": tree.a.pk}).content
    html = html.decode()
    assert "以下日期不合常理" in html and "参加工作时未满 16 周岁（14 岁）" in html
    assert 'name="token"' in html  # the import can be confirmed


def test_lrmx_grade_of_a_year_ahead_is_left_out(users, tree):
    data = build_lrmx(record(appraisal_results=f"{NEXT_YEAR - 1}年度考核称职；{NEXT_YEAR}年度考核优秀"))
    report = lrmx_import(files=[("z.lrmx", data)], unit=tree.a, acting_user=users.hr, dry_run=False)
    assert report.saved, report.errors
    (f,) = report.files
    assert [(o.year, o.status) for o in f.appraisals] == [(NEXT_YEAR - 1, "saved"), (NEXT_YEAR, "refused")]
    assert "year_ahead" in [p.code for p in f.problems]
    assert list(Cadre.objects.get().appraisal_results.values_list("year", flat=True)) == [NEXT_YEAR - 1]
