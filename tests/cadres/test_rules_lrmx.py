import base64
import codecs
import datetime

import defusedxml.ElementTree as SafeET
import pytest

from cadres.exchange.lrmx.codec import (
    ELEMENTS,
    LRMX_VERSION,
    FamilyMember,
    LrmxError,
    LrmxRecord,
    appraisal_grades,
    build_lrmx,
    parse_lrmx,
    pre_reform_age_from_text,
    pre_reform_age_limit_text,
    split_party_entry,
)

PHOTO = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) + b"\xff\xd9"


def full_record() -> LrmxRecord:
    return LrmxRecord(
        name="张伟",
        gender="male",
        birth=datetime.date(1970, 5, 1),
        ethnicity="汉族",
        native_place="山东济南",
        birthplace="山东济南",
        party_join=datetime.date(1995, 7, 1),
        work_start=datetime.date(1992, 8, 1),
        retirement_month=datetime.date(2030, 10, 1),
        health="健康",
        professional_title="副教授",
        specialities="教育管理",
        fulltime_education="大学",
        fulltime_degree="工学学士",
        fulltime_education_school="山东大学机械系",
        fulltime_degree_school="山东大学机械系",
        inservice_education="研究生",
        inservice_degree="管理学硕士",
        inservice_education_school="中央党校研究生院",
        inservice_degree_school="中央党校研究生院",
        current_post="教务处处长",
        proposed_post="副校长",
        proposed_removal="教务处处长",
        resume_lines=[
            "1988.09--1992.07  山东大学机械系学习",
            "1992.08--2005.06  某学院教师",
            "2005.06--  某学院教务处处长",
        ],
        rewards_punishments="2018年获省级教学成果奖",
        appraisal_results="2021、2022、2023年度考核均为称职",
        appointment_reason="工作需要",
        family=[
            FamilyMember("妻子", "李娜", "1972.03", "中共党员", "某学院教师"),
            FamilyMember("儿子", "张明", "2000.10", "共青团员", "某大学学生"),
        ],
        submitting_unit="中共某学院委员会",
        pre_reform_age_limit="改革前任职年龄界限为60岁",
        age_computed_at=datetime.date(2024, 3, 15),
        filled_at=datetime.date(2024, 3, 1),
        filled_by="王芳",
        id_number="370102197005123456",
        photo=PHOTO,
    )


def lrmx(body: str, *, declaration: bool = True) -> bytes:
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' if declaration else ""
    return (head + f"<Person>{body}</Person>").encode("utf-8")


def test_round_trip_gives_an_equal_record():
    record = full_record()
    result = parse_lrmx(build_lrmx(record))
    assert result.record == record
    assert result.missing == []
    assert result.problems == []


def test_round_trip_of_an_empty_record():
    result = parse_lrmx(build_lrmx(LrmxRecord()))
    assert result.record == LrmxRecord()
    assert result.missing == [element for element in ELEMENTS if element != "Version"]


def test_built_file_has_declaration_version_and_every_element():
    data = build_lrmx(LrmxRecord(name="张伟"))
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = SafeET.fromstring(data)
    assert root.tag == "Person"
    assert [child.tag for child in root] == list(ELEMENTS)
    assert root.findtext("Version") == LRMX_VERSION == "3.2.1.6"
    assert root.findtext("XingMing") == "张伟"
    assert b"<NiRenZhiWu></NiRenZhiWu>" in data


def test_built_values_use_the_form_spellings():
    root = SafeET.fromstring(build_lrmx(full_record()))
    assert root.findtext("XingBie") == "男"
    assert root.findtext("ChuShengNianYue") == "197005"
    assert root.findtext("RuDangShiJian") == "199507"
    assert root.findtext("CanJiaGongZuoShiJian") == "199208"
    assert root.findtext("TianBiaoShiJian") == "202403"
    assert root.findtext("JiSuanNianLingShiJian") == "20240315"
    assert root.findtext("JianLi").split("\n")[1] == "1992.08--2005.06  某学院教师"
    assert base64.b64decode(root.findtext("ZhaoPian")) == PHOTO
    items = root.findall("JiaTingChengYuan/Item")
    assert [item.findtext("ChengWei") for item in items] == ["妻子", "儿子"]
    assert [child.tag for child in items[0]] == [
        "ChengWei",
        "XingMing",
        "ChuShengRiQi",
        "ZhengZhiMianMao",
        "GongZuoDanWeiJiZhiWu",
    ]


def test_female_gender():
    root = SafeET.fromstring(build_lrmx(LrmxRecord(gender="female")))
    assert root.findtext("XingBie") == "女"
    assert parse_lrmx(lrmx("<XingBie>女</XingBie>")).record.gender == "female"


def test_missing_half_the_elements_are_listed():
    present = ELEMENTS[::2]
    body = "".join(f"<{element}></{element}>" for element in present)
    body = body.replace("<XingMing></XingMing>", "<XingMing>张伟</XingMing>")
    result = parse_lrmx(lrmx(body))
    assert result.record.name == "张伟"
    # Present but empty counts as missing too.
    assert result.missing == [element for element in ELEMENTS if element != "XingMing"]


def test_absent_elements_are_listed_and_others_imported():
    result = parse_lrmx(lrmx("<XingMing>张伟</XingMing><ChuShengNianYue>197005</ChuShengNianYue>"))
    assert result.record.name == "张伟"
    assert result.record.birth == datetime.date(1970, 5, 1)
    assert result.record.party_join is None
    assert result.record.photo is None
    assert result.record.family == []
    assert result.record.version == ""
    assert "MinZu" in result.missing
    assert "JiaTingChengYuan" in result.missing
    assert "Version" in result.missing
    assert "XingMing" not in result.missing
    assert len(result.missing) == len(ELEMENTS) - 2


def test_whitespace_around_values_is_stripped():
    body = (
        "<XingMing>\n   张伟  </XingMing><MinZu> 汉族\t</MinZu><ChuShengNianYue> 197005 </ChuShengNianYue>"
        "<NiRenZhiWu>\n  </NiRenZhiWu>"
        "<JiaTingChengYuan><Item><ChengWei> 妻子 </ChengWei>"
        "<XingMing>\n李娜\n</XingMing></Item></JiaTingChengYuan>"
        "<ShenFenZheng> 370102197005123456 </ShenFenZheng>"
    )
    result = parse_lrmx(lrmx(body))
    assert result.record.name == "张伟"
    assert result.record.ethnicity == "汉族"
    assert result.record.birth == datetime.date(1970, 5, 1)
    assert result.record.proposed_post == ""
    assert "NiRenZhiWu" in result.missing
    assert result.record.family == [FamilyMember(relation="妻子", name="李娜")]
    assert result.record.id_number == "370102197005123456"


def test_resume_lines_split_on_any_newline_and_blank_lines_dropped():
    body = "<JianLi>\r\n1990.09--1994.07  大学学习\r\n\r\n1994.07--  教师  \n</JianLi>"
    assert parse_lrmx(lrmx(body)).record.resume_lines == ["1990.09--1994.07  大学学习", "1994.07--  教师"]


def test_blank_family_rows_are_skipped():
    blank = "<Item><ChengWei/><XingMing></XingMing><ChuShengRiQi> </ChuShengRiQi></Item>"
    filled = (
        "<Item><ChengWei>父亲</ChengWei><XingMing>张三</XingMing><ChuShengRiQi>1945.01</ChuShengRiQi></Item>"
    )
    result = parse_lrmx(lrmx(f"<JiaTingChengYuan>{blank}{filled}{blank}</JiaTingChengYuan>"))
    assert result.record.family == [FamilyMember(relation="父亲", name="张三", birth="1945.01")]
    assert "JiaTingChengYuan" not in result.missing


def test_only_blank_family_rows_count_as_missing():
    result = parse_lrmx(lrmx("<JiaTingChengYuan><Item><ChengWei/></Item></JiaTingChengYuan>"))
    assert "JiaTingChengYuan" in result.missing


def test_other_date_spellings_from_other_tools():
    body = (
        "<ChuShengNianYue>1970.05.24</ChuShengNianYue><RuDangShiJian>1995.07</RuDangShiJian>"
        "<JiSuanNianLingShiJian>202403</JiSuanNianLingShiJian><TianBiaoShiJian>20240315</TianBiaoShiJian>"
    )
    record = parse_lrmx(lrmx(body)).record
    assert record.birth == datetime.date(1970, 5, 1)
    assert record.party_join == datetime.date(1995, 7, 1)
    assert record.age_computed_at == datetime.date(2024, 3, 1)
    assert record.filled_at == datetime.date(2024, 3, 1)


def test_bad_values_become_problems_not_crashes():
    body = (
        "<XingMing>张伟</XingMing><ChuShengNianYue>197013</ChuShengNianYue>"
        "<RuDangShiJian>不详</RuDangShiJian><XingBie>未知</XingBie><ZhaoPian>***not base64***</ZhaoPian>"
    )
    result = parse_lrmx(lrmx(body))
    assert result.record.name == "张伟"
    assert result.record.birth is None
    assert result.record.party_join is None
    assert result.record.gender is None
    assert result.record.photo is None
    problems = {problem.element: problem.code for problem in result.problems}
    assert problems == {
        "ChuShengNianYue": "date_format",
        "RuDangShiJian": "date_format",
        "XingBie": "lrmx_gender",
        "ZhaoPian": "lrmx_photo",
    }
    assert "ChuShengNianYue" not in result.missing


def test_photo_base64_with_line_breaks():
    encoded = base64.encodebytes(PHOTO).decode("ascii")
    assert "\n" in encoded.strip()
    assert parse_lrmx(lrmx(f"<ZhaoPian>\n{encoded}</ZhaoPian>")).record.photo == PHOTO


def test_bom_prefixed_file():
    data = codecs.BOM_UTF8 + build_lrmx(full_record())
    assert parse_lrmx(data).record == full_record()


def test_file_without_declaration():
    assert parse_lrmx(lrmx("<XingMing>张伟</XingMing>", declaration=False)).record.name == "张伟"


def test_unknown_elements_are_listed_not_dropped():
    body = "<XingMing>张伟</XingMing><NianLing>54</NianLing><BeiZhu/><GaiGeQianRenZhiNianLingJieXian/>"
    result = parse_lrmx(lrmx(body))
    assert result.record.name == "张伟"
    unknown = {p.element: p.message for p in result.problems if p.code == "unknown_element"}
    assert set(unknown) == {"NianLing", "BeiZhu"}
    assert "54" in unknown["NianLing"]
    # The reform element is known: empty, it is missing, not unknown.
    assert "GaiGeQianRenZhiNianLingJieXian" in result.missing


def test_unknown_family_elements_are_listed_once_per_name():
    body = (
        "<JiaTingChengYuan>"
        "<Item><ChengWei>父亲</ChengWei><XingMing>张三</XingMing><NianLing>80</NianLing></Item>"
        "<Item><ChengWei>母亲</ChengWei><XingMing>李四</XingMing><NianLing>78</NianLing></Item>"
        "<BeiZhu>另附</BeiZhu>"
        "</JiaTingChengYuan>"
    )
    result = parse_lrmx(lrmx(body))
    assert [m.name for m in result.record.family] == ["张三", "李四"]
    assert [(p.element, p.code) for p in result.problems] == [
        ("JiaTingChengYuan.Item.NianLing", "unknown_element"),
        ("JiaTingChengYuan.BeiZhu", "unknown_element"),
    ]


def test_a_repeated_element_is_reported_and_the_first_read():
    result = parse_lrmx(lrmx("<XingMing>张伟</XingMing><XingMing>张卫</XingMing>"))
    assert result.record.name == "张伟"
    assert [(p.element, p.code) for p in result.problems] == [("XingMing", "duplicate_element")]


# ---------------------------------------------------------------- the 2025 reform's elements


def test_built_file_carries_the_reform_elements_where_the_form_has_them():
    root = SafeET.fromstring(build_lrmx(full_record()))
    tags = [child.tag for child in root]
    assert tags[tags.index("CanJiaGongZuoShiJian") + 1] == "DaoLingNianYue"
    assert tags[tags.index("ChengBaoDanWei") + 1] == "GaiGeQianRenZhiNianLingJieXian"
    assert root.findtext("DaoLingNianYue") == "203010"
    assert root.findtext("GaiGeQianRenZhiNianLingJieXian") == "改革前任职年龄界限为60岁"


def test_reform_elements_are_read():
    body = (
        "<DaoLingNianYue>203305</DaoLingNianYue>"
        "<GaiGeQianRenZhiNianLingJieXian> 改革前任职年龄界限为63岁 </GaiGeQianRenZhiNianLingJieXian>"
    )
    record = parse_lrmx(lrmx(body)).record
    assert record.retirement_month == datetime.date(2033, 5, 1)
    assert record.pre_reform_age_limit == "改革前任职年龄界限为63岁"


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("改革前任职年龄界限为60岁", 60),
        ("改革前任职年龄界限为55岁", 55),
        ("改革前任职年龄界限为６６岁", 66),
        ("65周岁", 65),
        ("50", 50),
        ("改革前任职年龄界限", None),
        ("六十岁", None),
    ],
)
def test_pre_reform_age_from_text(text, age):
    assert pre_reform_age_from_text(text) == age


def test_pre_reform_age_limit_text():
    assert pre_reform_age_limit_text(55) == "改革前任职年龄界限为55岁"
    assert pre_reform_age_from_text(pre_reform_age_limit_text(63)) == 63


# ---------------------------------------------------------------- party entry with a democratic party


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("200006；民盟", ("200006", "民盟")),
        ("200006;民盟", ("200006", "民盟")),
        ("2000.06（九三学社）", ("2000.06", "九三学社")),
        ("200006 民进", ("200006", "民进")),
        ("2000年6月，中国民主同盟", ("2000年6月", "中国民主同盟")),
        ("民革", ("", "民革")),
        ("；农工党", ("", "农工党")),
        ("200006", ("200006", "")),
        ("不详；民盟", ("不详", "民盟")),
        ("不详", ("不详", "")),
    ],
)
def test_party_entry_is_split_into_date_and_party(text, expected):
    assert split_party_entry(text) == expected


def test_party_entry_with_a_democratic_party_is_read():
    record = parse_lrmx(lrmx("<RuDangShiJian>200006；民盟</RuDangShiJian>")).record
    assert (record.party_join, record.party_name) == (datetime.date(2000, 6, 1), "民盟")
    record = parse_lrmx(lrmx("<RuDangShiJian>199507</RuDangShiJian>")).record
    assert (record.party_join, record.party_name) == (datetime.date(1995, 7, 1), "")


def test_a_bad_party_date_is_a_problem_and_the_party_is_still_read():
    result = parse_lrmx(lrmx("<RuDangShiJian>不详；民盟</RuDangShiJian>"))
    assert result.record.party_join is None and result.record.party_name == "民盟"
    assert [(p.element, p.code) for p in result.problems] == [("RuDangShiJian", "date_format")]


def test_party_entry_is_written_as_peers_write_it():
    record = LrmxRecord(party_join=datetime.date(2000, 6, 1), party_name="民盟")
    assert SafeET.fromstring(build_lrmx(record)).findtext("RuDangShiJian") == "200006；民盟"
    assert parse_lrmx(build_lrmx(record)).record == record
    named_only = LrmxRecord(party_name="民主党派")
    assert SafeET.fromstring(build_lrmx(named_only)).findtext("RuDangShiJian") == "民主党派"
    assert parse_lrmx(build_lrmx(named_only)).record == named_only


# ---------------------------------------------------------------- yearly grades in 年度考核结果


EX, OK, BASIC, BAD = "excellent", "competent", "basically_competent", "incompetent"


@pytest.mark.parametrize(
    ("text", "grades"),
    [
        ("2023、2024、2025年度考核均为称职", [(2023, OK), (2024, OK), (2025, OK)]),
        (
            "2023年度考核优秀；2024年度考核基本称职；2025年度考核不称职",
            [(2023, EX), (2024, BASIC), (2025, BAD)],
        ),
        ("2023至2025年度考核均为称职", [(2023, OK), (2024, OK), (2025, OK)]),
        ("2022-2023年度考核称职", [(2022, OK), (2023, OK)]),
        ("2021年度考核为优秀，2022、2023年度考核为称职", [(2021, EX), (2022, OK), (2023, OK)]),
        ("2022、2023、2024年度考核分别为优秀、称职、基本称职", [(2022, EX), (2023, OK), (2024, BASIC)]),
        ("2023年度考核不定等次，2024年度考核称职", [(2024, OK)]),
        ("2023年度考核被确定为“基本称职”等次", [(2023, BASIC)]),
        ("２０２４年度考核优秀", [(2024, EX)]),
        ("2024年度考核优秀；2024年度考核称职", [(2024, EX)]),
        ("近三年年度考核均为称职", []),
        ("2024年度考核结果待定", []),
        ("", []),
    ],
)
def test_yearly_grades_are_read_from_the_text(text, grades):
    assert appraisal_grades(text) == grades


def test_basically_competent_is_not_read_as_competent():
    assert appraisal_grades("2024年度基本称职") == [(2024, BASIC)]
    assert appraisal_grades("2024年度不称职") == [(2024, BAD)]


# ---------------------------------------------------------------- shapes of files from other tools


def test_bom_with_declaration_crlf_and_comments():
    data = (
        codecs.BOM_UTF8
        + (
            '<?xml version="1.0" encoding="UTF-8"?>\r\n'
            "<!-- 干部任免审批表 3.2.1.6 -->\r\n"
            "<Person>\r\n"
            "  <XingMing>张伟</XingMing>\r\n"
            "  <!-- <NiRenZhiWu>（模板）拟任职务</NiRenZhiWu> -->\r\n"
            "  <JianLi>1988.09--1992.07  山东大学学习\r\n1992.08--  某学院教师\r\n</JianLi>\r\n"
            "</Person>\r\n"
        ).encode()
    )
    result = parse_lrmx(data)
    assert result.record.name == "张伟"
    assert result.record.resume_lines == ["1988.09--1992.07  山东大学学习", "1992.08--  某学院教师"]
    assert result.record.proposed_post == "" and "NiRenZhiWu" in result.missing
    assert result.problems == []


@pytest.mark.parametrize(
    "blank", ["", " ", "   \t ", "\r\n  \r\n", "\u3000\u3000", "\xa0", "\u200b", "\ufeff "]
)
def test_whitespace_only_elements_are_empty(blank):
    body = "".join(
        f"<{element}>{blank}</{element}>"
        for element in ("XingMing", "MinZu", "ChuShengNianYue", "RuDangShiJian", "ZhaoPian", "DaoLingNianYue")
    )
    item = f"<Item><ChengWei>{blank}</ChengWei><XingMing>{blank}</XingMing></Item>"
    body += f"<JiaTingChengYuan>{item}</JiaTingChengYuan>"
    result = parse_lrmx(lrmx(body))
    assert result.record == LrmxRecord(version="")
    assert result.problems == []
    assert {"XingMing", "MinZu", "ChuShengNianYue", "RuDangShiJian", "ZhaoPian", "JiaTingChengYuan"} <= set(
        result.missing
    )


def test_zero_width_characters_inside_values_are_dropped():
    record = parse_lrmx(
        lrmx("<XingMing>\u200b张伟\ufeff</XingMing><ChuShengNianYue>1970\u200b05</ChuShengNianYue>")
    ).record
    assert (record.name, record.birth) == ("张伟", datetime.date(1970, 5, 1))


@pytest.mark.parametrize(
    "breaks",
    ["\r\n", "&#13;&#10;", "\r", "&#13;", "\n"],
)
def test_resume_line_breaks_of_every_kind(breaks):
    body = f"<JianLi>1990.09--1994.07  大学学习{breaks}{breaks}1994.07--  教师{breaks}</JianLi>"
    assert parse_lrmx(lrmx(body)).record.resume_lines == ["1990.09--1994.07  大学学习", "1994.07--  教师"]


def test_commented_out_template_items_are_not_read():
    body = (
        "<XingMing>张<!-- 姓名 -->伟</XingMing>"
        "<!-- <MinZu>汉族</MinZu> -->"
        "<JiaTingChengYuan>"
        "<!-- <Item><ChengWei>称谓</ChengWei><XingMing>姓名</XingMing></Item> -->"
        "<Item><ChengWei>妻子</ChengWei><XingMing>李娜</XingMing></Item>"
        "<Item><!-- <ChengWei>儿子</ChengWei> --><XingMing/></Item>"
        "</JiaTingChengYuan>"
    )
    result = parse_lrmx(lrmx(body))
    assert result.record.name == "张伟"
    assert result.record.ethnicity == "" and "MinZu" in result.missing
    assert result.record.family == [FamilyMember(relation="妻子", name="李娜")]
    assert result.problems == []


def assert_refused(data: bytes, code: str) -> None:
    with pytest.raises(LrmxError) as caught:
        parse_lrmx(data)
    assert caught.value.code == code


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE Person [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Person><XingMing>&lol9;</XingMing></Person>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE Person [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Person><XingMing>&secret;</XingMing></Person>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE Person SYSTEM "http://example.invalid/person.dtd">
<Person><XingMing>x</XingMing></Person>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD])
def test_dtds_and_entities_are_refused(data):
    assert_refused(data, "lrmx_forbidden")


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not xml at all",
        b"<Person><XingMing>x</Person>",
        b"<Person></Person><Person></Person>",
        "<Person><XingMing>张伟</XingMing></Person>".encode("gb18030"),
        b"\xff\xfe<\x00P\x00",
    ],
)
def test_malformed_files_are_refused(data):
    assert_refused(data, "lrmx_malformed")


@pytest.mark.parametrize("root", ["Persons", "person", "Cadre"])
def test_wrong_root_is_refused(root):
    assert_refused(f"<{root}><XingMing>x</XingMing></{root}>".encode(), "lrmx_root")


def test_lrmx_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse_lrmx(b"<nope")
