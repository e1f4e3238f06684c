"""Search keys (initials and full pinyin) for people's names."""

import re
import unicodedata

from pypinyin import Style, lazy_pinyin

# pypinyin has no surname mode (mozillazg/python-pinyin#120, #297), so the surnames whose
# reading differs from the everyday one are listed here; two-character surnames are tried first.
COMPOUND_SURNAMES: dict[str, tuple[str, str]] = {
    "尉迟": ("yu", "chi"),
    "长孙": ("zhang", "sun"),
    "万俟": ("mo", "qi"),
    "单于": ("chan", "yu"),
    "澹台": ("tan", "tai"),
    "乐正": ("yue", "zheng"),
    "令狐": ("ling", "hu"),
    "仲孙": ("zhong", "sun"),
    "诸葛": ("zhu", "ge"),
    "夹谷": ("jia", "gu"),
    "子车": ("zi", "ju"),
    "仉督": ("zhang", "du"),
    "亓官": ("qi", "guan"),
    "鲜于": ("xian", "yu"),
    "闾丘": ("lv", "qiu"),
    "拓跋": ("tuo", "ba"),
    "宰父": ("zai", "fu"),
    "谷梁": ("gu", "liang"),
    "公冶": ("gong", "ye"),
    "第五": ("di", "wu"),
}

SURNAMES: dict[str, str] = {
    "曾": "zeng",
    "单": "shan",
    "解": "xie",
    "仇": "qiu",
    "朴": "piao",
    "区": "ou",
    "查": "zha",
    "乐": "yue",
    "盖": "ge",
    "种": "chong",
    "华": "hua",
    "任": "ren",
    "沈": "shen",
    "覃": "qin",
    "缪": "miao",
    "重": "chong",
    "秘": "bi",
    "冼": "xian",
    "过": "guo",
    "纪": "ji",
    "燕": "yan",
    "繁": "po",
    "瞿": "qu",
    "折": "she",
    "那": "na",
    "佴": "nai",
    "难": "nan",
    "粘": "nian",
    "藏": "zang",
    "翟": "zhai",
    "都": "du",
    "六": "lu",
    "薄": "bo",
    "贾": "jia",
    "居": "ju",
    "盛": "sheng",
    "柏": "bai",
    "牟": "mou",
    "陆": "lu",
    "乜": "nie",
    "阚": "kan",
    "叶": "ye",
    "宿": "su",
    "卜": "bu",
    "尉": "wei",
    "员": "yun",
    "召": "shao",
    "祭": "zhai",
    "句": "gou",
    "石": "shi",
    "隗": "wei",
    "长": "chang",
    "能": "nai",
    "角": "jue",
    "褚": "chu",
    "莘": "shen",
    "郇": "xun",
    "万": "wan",
    "车": "che",
    "南": "nan",
    "洗": "xian",
    "蕃": "pi",
}

_WORD = re.compile(r"[a-z0-9]+")


def _other_words(chars: str) -> list[str]:
    """Latin letters and digits in a name become words of their own; other symbols are dropped."""
    return _WORD.findall(chars.lower())


def _syllables(text: str) -> list[str]:
    return lazy_pinyin(text, style=Style.NORMAL, errors=_other_words) if text else []


def _name_syllables(name: str) -> list[str]:
    if name[:2] in COMPOUND_SURNAMES:
        return [*COMPOUND_SURNAMES[name[:2]], *_syllables(name[2:])]
    if name[:1] in SURNAMES:
        return [SURNAMES[name[:1]], *_syllables(name[1:])]
    return _syllables(name)


def name_search_keys(*, name: str) -> tuple[str, str]:
    """(initials, full pinyin) in lower case without spaces or tones: 张伟 → ("zw", "zhangwei")."""
    # NFKC turns full-width letters, digits and spaces into their plain forms.
    words = _name_syllables(unicodedata.normalize("NFKC", name).strip())
    return "".join(word[0] for word in words), "".join(words)


def _search_text(text: str) -> str:
    """What the substring search compares: NFKC (full-width to plain), lower case, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def substring_keys(*, text: str) -> list[str]:
    """Every one- and two-character piece of a name, sorted, once each: 张小伟 → 小, 小伟, 伟, 张, 张小.

    A name substring of one or two characters is then one of these keys; a longer one contains
    all of its two-character pieces (the search checks the whole substring on those few rows).
    """
    text = _search_text(text)
    return sorted({*text, *(text[i : i + 2] for i in range(len(text) - 1))})


def query_keys(*, query: str) -> list[str]:
    """The keys a name must carry to contain `query`: itself up to two characters, else its pairs."""
    text = _search_text(query)
    if len(text) <= 2:
        return [text] if text else []
    return sorted({text[i : i + 2] for i in range(len(text) - 1)})
