""".lrmx files as organisation departments exchange them since the 2025 retirement reform.

The files here have the shapes peer tools write: a byte-order mark, CRLF line breaks,
whitespace-only elements, commented-out template items, elements this system does not read,
到龄年月 and 改革前任职年龄界限 (also values no category of ours gives), a democratic party after
the party entry date, and yearly grades written as a sentence.
"""

import codecs
import datetime
import random
import re

import defusedxml.ElementTree as SafeET
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from appraisal.models import AppraisalResult
from appraisal.services import lrmx_grades_save
from cadres.demo.people import fake_id_number
from cadres.exchange.lrmx.codec import build_lrmx, parse_lrmx
from cadres.exchange.lrmx.mapping import record_from_cadre
from cadres.models import Cadre
from cadres.registry import LRMX_APPRAISAL_SINKS
from tests.appraisal.factories import AppraisalResultFactory
from tests.factories import CadreFactory

D = datetime.date
IMPORT = "/api/v1/cadres/import-lrmx/"
BIRTH = D(1972, 3, 8)  # a woman cadre: 55 before the reform, 55 years 7 months after it → 2027.10
ID_NUMBER = fake_id_number(rng=random.Random(7), birth=BIRTH, gender="female")


def peer_file(
    *,
    id_number: str = ID_NUMBER,
    party: str = "200006；民盟",
    retirement_month: str = "202709",
    age_limit: str = "改革前任职年龄界限为63岁",
    grades: str = "2023、2024、2025年度考核均为称职",
) -> bytes:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!-- 干部任免审批表 3.2.1.6 -->",
        "<Person>",
        "  <XingMing>王静</XingMing>",
        "  <XingBie>女</XingBie>",
        f"  <ChuShengNianYue>{BIRTH:%Y%m}</ChuShengNianYue>",
        "  <MinZu>汉族</MinZu>",
        "  <JiGuan>   </JiGuan>",
        "  <ChuShengDi>\u3000</ChuShengDi>",
        f"  <RuDangShiJian>{party}</RuDangShiJian>",
        "  <CanJiaGongZuoShiJian>199407</CanJiaGongZuoShiJian>",
        f"  <DaoLingNianYue>{retirement_month}</DaoLingNianYue>",
        "  <JianKangZhuangKuang>健康</JianKangZhuangKuang>",
        "  <ZhuanYeJiShuZhiWu>教授</ZhuanYeJiShuZhiWu>",
        "  <!-- <NiRenZhiWu>（模板）拟任职务</NiRenZhiWu> -->",
        "  <JianLi>1990.09--1994.07  某大学中文系学习\r\n1994.07--2010.12  某学院教师\r\n"
        "\r\n2010.12--  某学院教授\r\n</JianLi>",
        f"  <NianDuKaoHeJieGuo>{grades}</NianDuKaoHeJieGuo>",
        "  <JiaTingChengYuan>",
        "    <!-- <Item><ChengWei>称谓</ChengWei><XingMing>姓名</XingMing></Item> -->",
        "    <Item><ChengWei>丈夫</ChengWei><XingMing>赵强</XingMing><ChuShengRiQi>197001</ChuShengRiQi>"
        "<ZhengZhiMianMao>中共党员</ZhengZhiMianMao><GongZuoDanWeiJiZhiWu>某公司职员</GongZuoDanWeiJiZhiWu>"
        "<NianLing>56</NianLing></Item>",
        "    <Item><ChengWei> </ChengWei><XingMing>\u3000</XingMing><ChuShengRiQi>\r\n</ChuShengRiQi></Item>",
        "  </JiaTingChengYuan>",
        "  <ChengBaoDanWei>中共某学院委员会</ChengBaoDanWei>",
        f"  <GaiGeQianRenZhiNianLingJieXian>{age_limit}</GaiGeQianRenZhiNianLingJieXian>",
        f"  <ShenFenZheng>{id_number}</ShenFenZheng>",
        "  <NianLing>54</NianLing>",
        "  <Version>3.2.1.6</Version>",
        "</Person>",
    ]
    return codecs.BOM_UTF8 + "\r\n".join(lines).encode("utf-8")


def post_import(client, data: bytes, **fields):
    upload = SimpleUploadedFile("王静.lrmx", data, content_type="application/octet-stream")
    return client.post(IMPORT, {"file": [upload], "dry_run": "true"} | fields, format="multipart")


def problems(file: dict) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for problem in file["problems"]:
        out.setdefault(problem["code"], []).append(problem["element"])
    return out


def grades_on_record(cadre) -> dict[int, str]:
    return dict(AppraisalResult.objects.filter(cadre=cadre).values_list("year", "grade"))


def wang(unit, **overrides) -> Cadre:
    values = {"unit": unit, "name": "王静", "gender": "female", "birth_date": BIRTH, "id_number": ID_NUMBER}
    return CadreFactory(**(values | overrides))


# ---------------------------------------------------------------- export


@pytest.mark.parametrize(
    ("gender", "birth", "category", "month", "limit"),
    [
        ("male", D(1975, 6, 15), "male", "203802", "改革前任职年龄界限为60岁"),
        ("female", BIRTH, "female_cadre", "202710", "改革前任职年龄界限为55岁"),
        ("female", D(1978, 4, 2), "female_worker", "202912", "改革前任职年龄界限为50岁"),
    ],
)
def test_our_export_carries_both_reform_elements(api, users, tree, gender, birth, category, month, limit):
    cadre = CadreFactory(unit=tree.a, gender=gender, birth_date=birth, retirement_category=category)
    root = SafeET.fromstring(api(users.hr).get(f"/api/v1/cadres/{cadre.pk}/lrmx/").content)
    assert root.findtext("DaoLingNianYue") == month == f"{cadre.retirement_date:%Y%m}"
    assert root.findtext("GaiGeQianRenZhiNianLingJieXian") == limit


def test_the_exported_retirement_month_follows_an_individual_exception(tree):
    cadre = CadreFactory(unit=tree.a, retirement_override=D(2041, 1, 31))
    root = SafeET.fromstring(build_lrmx(record_from_cadre(cadre=cadre, on=D(2026, 1, 1))))
    assert root.findtext("DaoLingNianYue") == "204101"
    assert root.findtext("GaiGeQianRenZhiNianLingJieXian") == "改革前任职年龄界限为60岁"


def test_a_democratic_party_member_is_exported_as_peers_write_it(api, users, tree):
    cadre = wang(
        tree.a, political_status="democratic_party", democratic_party="minmeng", party_join_date=D(2000, 6, 1)
    )
    data = api(users.hr).get(f"/api/v1/cadres/{cadre.pk}/lrmx/").content
    assert SafeET.fromstring(data).findtext("RuDangShiJian") == "200006；民盟"
    file = post_import(api(users.hr), data).json()["files"][0]
    assert file["action"] == "unchanged" and file["changes"] == [], file
    assert problems(file) == {}


def test_the_printed_form_names_the_democratic_party(client, users, tree):
    cadre = wang(
        tree.a, political_status="democratic_party", democratic_party="jiusan", party_join_date=D(2000, 6, 1)
    )
    client.force_login(users.hr)
    html = client.get(f"/cadres/{cadre.pk}/appointment-form/").content.decode()
    assert "2000.06 九三学社" in html


def test_a_democratic_party_member_without_a_recorded_party(tree):
    cadre = wang(tree.a, political_status="democratic_party", party_join_date=D(2000, 6, 1))
    root = SafeET.fromstring(build_lrmx(record_from_cadre(cadre=cadre, on=D(2026, 1, 1))))
    assert root.findtext("RuDangShiJian") == "200006；民主党派"


# ---------------------------------------------------------------- import of a peer's file


def test_a_peer_file_creates_a_record_with_what_it_carries(api, users, tree):
    response = post_import(api(users.hr), peer_file(), dry_run="false", unit=tree.a.pk)
    assert response.status_code == 200, response.json()
    file = response.json()["files"][0]
    cadre = Cadre.objects.get(pk=file["cadre_id"])
    # The party entry: the month and the democratic party.
    assert (cadre.political_status, cadre.democratic_party) == ("democratic_party", "minmeng")
    assert cadre.party_join_date == D(2000, 6, 1)
    # CRLF line breaks and a blank line in the résumé.
    assert cadre.resume_lines == [
        "1990.09--1994.07  某大学中文系学习",
        "1994.07--2010.12  某学院教师",
        "2010.12--  某学院教授",
    ]
    # Whitespace-only elements are empty, and listed as missing; the commented-out item is not read.
    assert (cadre.native_place, cadre.birthplace) == ("", "")
    assert {"JiGuan", "ChuShengDi", "NiRenZhiWu"} <= set(file["missing"])
    assert [(m.relation, m.name) for m in cadre.family.all()] == [("spouse", "赵强")]
    # The peer's age limit is kept as written, beside our rule's, and both mismatches are reported.
    assert cadre.lrmx_pre_reform_age_limit == "改革前任职年龄界限为63岁"
    assert cadre.retirement_date == D(2027, 10, 8)
    found = problems(file)
    assert found["pre_reform_age_mismatch"] == ["GaiGeQianRenZhiNianLingJieXian"]
    assert found["retirement_month_mismatch"] == ["DaoLingNianYue"]
    # Elements the form does not have are listed, in the family table too.
    assert sorted(found["unknown_element"]) == ["JiaTingChengYuan.Item.NianLing", "NianLing"]
    # The yearly grades were offered and, the import being saved, recorded.
    assert [(a["year"], a["grade"], a["status"]) for a in file["appraisals"]] == [
        (2023, "competent", "saved"),
        (2024, "competent", "saved"),
        (2025, "competent", "saved"),
    ]
    assert grades_on_record(cadre) == {2023: "competent", 2024: "competent", 2025: "competent"}
    assert {r.history.get().history_user for r in AppraisalResult.objects.filter(cadre=cadre)} == {users.hr}
    assert cadre.history.get().history_user == users.hr


def test_the_mismatch_messages_show_the_file_beside_our_rule(api, users, tree):
    file = post_import(api(users.hr), peer_file(), unit=tree.a.pk).json()["files"][0]
    messages = {p["code"]: p["message"] for p in file["problems"]}
    assert "2027.09" in messages["retirement_month_mismatch"]
    assert "2027.10" in messages["retirement_month_mismatch"]
    assert "改革前任职年龄界限为63岁" in messages["pre_reform_age_mismatch"]
    assert "55" in messages["pre_reform_age_mismatch"]
    change = next(c for c in file["changes"] if c["field"] == "lrmx_pre_reform_age_limit")
    assert (change["old"], change["new"]) == ("", "改革前任职年龄界限为63岁")


def test_values_that_agree_with_our_rule_are_no_problem_and_not_stored(api, users, tree):
    data = peer_file(retirement_month="202710", age_limit="改革前任职年龄界限为55岁")
    response = post_import(api(users.hr), data, dry_run="false", unit=tree.a.pk)
    file = response.json()["files"][0]
    assert not {"pre_reform_age_mismatch", "retirement_month_mismatch"} & set(problems(file))
    assert Cadre.objects.get(pk=file["cadre_id"]).lrmx_pre_reform_age_limit == ""


def test_a_stored_peer_limit_survives_our_own_export_and_reimport(api, users, tree):
    post_import(api(users.hr), peer_file(), dry_run="false", unit=tree.a.pk)
    cadre = Cadre.objects.get(id_number=ID_NUMBER)
    # Reading the same file again changes nothing more.
    again = post_import(api(users.hr), peer_file()).json()["files"][0]
    assert "lrmx_pre_reform_age_limit" not in {c["field"] for c in again["changes"]}
    # Our export writes our rule's values, and reading it back keeps the peer's limit.
    data = api(users.hr).get(f"/api/v1/cadres/{cadre.pk}/lrmx/").content
    root = SafeET.fromstring(data)
    assert root.findtext("GaiGeQianRenZhiNianLingJieXian") == "改革前任职年龄界限为55岁"
    assert root.findtext("DaoLingNianYue") == "202710"
    file = post_import(api(users.hr), data, dry_run="false").json()["files"][0]
    assert file["action"] == "unchanged", file
    cadre.refresh_from_db()
    assert cadre.lrmx_pre_reform_age_limit == "改革前任职年龄界限为63岁"


def test_an_unknown_party_name_is_a_problem_and_changes_no_status(api, users, tree):
    cadre = wang(tree.a, political_status="masses", party_join_date=None)
    file = post_import(api(users.hr), peer_file(party="200006；某某会")).json()["files"][0]
    assert problems(file)["lrmx_unknown_label"] == ["RuDangShiJian"]
    fields = {c["field"] for c in file["changes"]}
    assert "political_status" not in fields and "democratic_party" not in fields
    cadre.refresh_from_db()
    assert cadre.political_status == "masses"


def test_a_party_date_alone_still_means_a_cpc_member(api, users, tree):
    wang(tree.a, political_status="masses", party_join_date=None)
    file = post_import(api(users.hr), peer_file(party="200006")).json()["files"][0]
    changes = {c["field"]: c["new"] for c in file["changes"]}
    assert changes["political_status"] == "中共党员"
    assert "democratic_party" not in changes


# ---------------------------------------------------------------- yearly grades offered in the preview


def test_the_preview_offers_the_grades_and_saves_nothing(api, users, tree):
    body = post_import(api(users.hr), peer_file(), unit=tree.a.pk).json()
    file = body["files"][0]
    assert body["saved"] is False
    assert [(a["year"], a["status"]) for a in file["appraisals"]] == [
        (2023, "new"),
        (2024, "new"),
        (2025, "new"),
    ]
    assert not Cadre.objects.filter(id_number=ID_NUMBER).exists()
    assert not AppraisalResult.objects.exists()


def test_recorded_grades_are_skipped_and_a_different_one_is_a_conflict_not_overwritten(api, users, tree):
    cadre = wang(tree.a)
    AppraisalResultFactory(cadre=cadre, year=2024, grade="competent")
    AppraisalResultFactory(cadre=cadre, year=2025, grade="excellent")
    file = post_import(api(users.hr), peer_file()).json()["files"][0]
    offered = {a["year"]: (a["status"], a["recorded"]) for a in file["appraisals"]}
    assert offered == {2023: ("new", ""), 2024: ("recorded", "competent"), 2025: ("conflict", "excellent")}
    conflict = next(p for p in file["problems"] if p["code"] == "appraisal_conflict")
    assert conflict["element"] == "NianDuKaoHeJieGuo" and "2025" in conflict["message"]

    body = post_import(api(users.hr), peer_file(), dry_run="false").json()
    assert body["saved"] is True
    assert grades_on_record(cadre) == {2023: "competent", 2024: "competent", 2025: "excellent"}
    statuses = {a["year"]: a["status"] for a in body["files"][0]["appraisals"]}
    assert statuses == {2023: "saved", 2024: "recorded", 2025: "conflict"}


def test_declined_grades_are_not_recorded(api, users, tree):
    body = post_import(
        api(users.hr), peer_file(), dry_run="false", unit=tree.a.pk, accept_appraisals="false"
    ).json()
    assert body["saved"] is True and body["files"][0]["action"] == "create"
    assert {a["status"] for a in body["files"][0]["appraisals"]} == {"new"}
    assert not AppraisalResult.objects.exists()


def test_a_file_that_changes_nothing_may_still_record_new_grades(api, users, tree):
    cadre = wang(tree.a, appraisal_summary="2024、2025年度考核均为优秀")
    data = build_lrmx(record_from_cadre(cadre=cadre, on=D(2026, 1, 1)))
    body = post_import(api(users.hr), data, dry_run="false").json()
    assert body["files"][0]["action"] == "unchanged"
    assert grades_on_record(cadre) == {2024: "excellent", 2025: "excellent"}


def test_a_user_who_may_not_record_grades_is_not_offered_them(api, users, tree):
    cadre = wang(tree.a1)
    AppraisalResultFactory(cadre=cadre, year=2025, grade="excellent")
    body = post_import(api(users.clerk), peer_file(), dry_run="false").json()
    file = body["files"][0]
    assert body["saved"] is True
    # Not offered, and the grade on record is not shown to someone who may not see it.
    assert {(a["status"], a["recorded"]) for a in file["appraisals"]} == {("not_permitted", "")}
    assert problems(file)["appraisal_not_permitted"] == ["NianDuKaoHeJieGuo"]
    assert "appraisal_conflict" not in problems(file)
    assert grades_on_record(cadre) == {2025: "excellent"}


def test_the_appraisal_system_registers_where_the_grades_go():
    assert LRMX_APPRAISAL_SINKS["appraisal"].save is lrmx_grades_save


def test_the_import_parameter_is_in_the_schema(api, users):
    schema = api(users.hr).get("/api/schema/?format=json").json()
    request = schema["components"]["schemas"]["LrmxImportRequestRequest"]
    assert "accept_appraisals" in request["properties"]
    assert "appraisals" in schema["components"]["schemas"]["LrmxFileReport"]["properties"]


# ---------------------------------------------------------------- HTML pages


def upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("王静.lrmx", data, content_type="application/octet-stream")


def preview_token(client, data: bytes, unit) -> tuple[str, str]:
    html = client.post("/cadres/import-lrmx/", {"files": [upload(data)], "unit": unit.pk}).content.decode()
    return html, re.search(r'name="token" value="([^"]+)"', html).group(1)


def test_the_preview_page_offers_the_grades_and_confirming_records_them_only_when_ticked(client, users, tree):
    client.force_login(users.hr)
    html, token = preview_token(client, peer_file(), tree.a)
    assert re.search(r'name="accept_appraisals" value="1" id="accept-appraisals" checked', html)
    assert "改革前任职年龄界限为63岁" in html and "2027.10" in html
    # Confirmed with the box unticked: the record is saved, the grades are not.
    assert client.post("/cadres/import-lrmx/confirm/", {"token": token}).status_code == 302
    cadre = Cadre.objects.get(id_number=ID_NUMBER)
    assert grades_on_record(cadre) == {}

    html, token = preview_token(client, peer_file(), tree.a)
    response = client.post("/cadres/import-lrmx/confirm/", {"token": token, "accept_appraisals": "1"})
    assert response.status_code == 302
    assert grades_on_record(cadre) == {2023: "competent", 2024: "competent", 2025: "competent"}


def test_the_record_page_shows_the_peer_limit_beside_ours(client, api, users, tree):
    post_import(api(users.hr), peer_file(), dry_run="false", unit=tree.a.pk)
    cadre = Cadre.objects.get(id_number=ID_NUMBER)
    client.force_login(users.hr)
    html = client.get(f"/cadres/{cadre.pk}/").content.decode()
    row = re.search(r"<span>改革前任职年龄界限</span><b>(.*?)</b></li>", html, re.S).group(1)
    assert row.startswith("55 岁")  # ours, from the retirement category
    assert "改革前任职年龄界限为63岁" in row  # the peer's, as read
    assert "中国民主同盟" in html
    detail = api(users.hr).get(f"/api/v1/cadres/{cadre.pk}/").json()
    assert detail["lrmx_pre_reform_age_limit"] == "改革前任职年龄界限为63岁"
    assert detail["profile"]["pre_reform_age_limit"] == 55
    assert detail["democratic_party"] == "minmeng"


def test_the_peer_file_parses_without_surprises():
    """The fixture itself: what the parser makes of it, so the import tests above read it as meant."""
    result = parse_lrmx(peer_file())
    assert result.record.name == "王静" and result.record.party_name == "民盟"
    assert result.record.pre_reform_age_limit == "改革前任职年龄界限为63岁"
    assert [m.name for m in result.record.family] == ["赵强"]
