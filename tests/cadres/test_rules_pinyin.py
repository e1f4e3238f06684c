import pytest
from pypinyin import Style, pinyin

from cadres.rules.pinyin import COMPOUND_SURNAMES, SURNAMES, name_search_keys


@pytest.mark.parametrize(
    ("name", "initials", "full"),
    [
        ("张伟", "zw", "zhangwei"),
        ("曾国藩", "zgf", "zengguofan"),
        ("单雄信", "sxx", "shanxiongxin"),
        ("解缙", "xj", "xiejin"),
        ("仇英", "qy", "qiuying"),
        ("尉迟恭", "ycg", "yuchigong"),
        ("长孙无忌", "zswj", "zhangsunwuji"),
        ("朴槿惠", "pjh", "piaojinhui"),
        ("区志强", "ozq", "ouzhiqiang"),
        ("查良镛", "zly", "zhaliangyong"),
        ("万俟卨", "mqx", "moqixie"),
        ("乐毅", "yy", "yueyi"),
        ("盖聂", "gn", "genie"),
        ("种师道", "csd", "chongshidao"),
        ("华罗庚", "hlg", "hualuogeng"),
        ("任弼时", "rbs", "renbishi"),
        ("沈从文", "scw", "shencongwen"),
        ("覃振", "qz", "qinzhen"),
        ("缪钺", "my", "miaoyue"),
        ("单于丹", "cyd", "chanyudan"),
        ("欧阳修", "oyx", "ouyangxiu"),
        ("诸葛亮", "zgl", "zhugeliang"),
        ("吕布", "lb", "lvbu"),
    ],
)
def test_names(name, initials, full):
    assert name_search_keys(name=name) == (initials, full)


def test_surname_reading_applies_to_the_surname_only():
    # 曾 and 乐 as given-name characters keep pypinyin's everyday readings.
    assert name_search_keys(name="曾乐") == ("zl", "zengle")
    assert name_search_keys(name="王曾") == ("wc", "wangceng")


def test_chong_in_a_given_name_follows_pypinyin():
    given = "".join(pinyin("重阳", style=Style.NORMAL)[i][0] for i in range(2))
    assert name_search_keys(name="张重阳") == ("zcy", "zhang" + given)
    assert given == "chongyang"


def test_chong_as_surname():
    assert name_search_keys(name="重耳") == ("ce", "chonger")


def test_whitespace_and_padding_are_ignored():
    assert name_search_keys(name=" 张\u3000伟 ") == ("zw", "zhangwei")
    assert name_search_keys(name="曾 国藩") == ("zgf", "zengguofan")


def test_middle_dot_names_do_not_crash():
    initials, full = name_search_keys(name="阿卜杜拉·买买提")
    assert len(initials) == 7
    assert full.startswith("a")
    assert full.endswith("maimaiti")
    assert full.isascii()
    assert " " not in full


def test_latin_names_become_words():
    assert name_search_keys(name="John Smith") == ("js", "johnsmith")
    assert name_search_keys(name="张Ab三") == ("zas", "zhangabsan")


def test_full_width_latin_letters_are_folded():
    assert name_search_keys(name="Ｔｏｍ") == ("t", "tom")


@pytest.mark.parametrize("name", ["", "   ", "·", "!!!", "é"])
def test_names_without_readable_characters(name):
    assert name_search_keys(name=name) == ("", "")


def test_output_is_lowercase_ascii_without_tones():
    initials, full = name_search_keys(name="绿茶 Lü")
    assert initials.isascii()
    assert full.isascii()
    assert full == full.lower()


@pytest.mark.parametrize(
    ("surname", "reading"),
    [(surname, reading) for surname, reading in SURNAMES.items()]
    + [(compound[i], readings[i]) for compound, readings in COMPOUND_SURNAMES.items() for i in range(2)],
)
def test_surname_readings_are_readings_pypinyin_knows(surname, reading):
    assert reading in pinyin(surname, style=Style.NORMAL, heteronym=True)[0]


def test_compound_surnames_are_two_characters():
    assert all(len(surname) == 2 for surname in COMPOUND_SURNAMES)
    assert all(len(surname) == 1 for surname in SURNAMES)
