"""Deterministic fake people for demo data: names, birth dates, valid ID numbers."""

import datetime
import random

from stdnum.cn import ric

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余"
    "于杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文斌宇浩凯鹏飞辉丹宁"
    "晨博雪梅琳颖鑫慧倩婷佳雨欣志新海波斌涵宏亮成林峰振东晓光春"
)
AREAS = ["410105", "410102", "410302", "410702", "411102", "410203", "460100", "411302", "410503", "420106"]
PLACES = [
    "河南郑州",
    "河南开封",
    "河南洛阳",
    "河南新乡",
    "河南漯河",
    "河南安阳",
    "河南南阳",
    "湖北武汉",
    "山东菏泽",
    "河北邯郸",
]
SCHOOLS = [
    "郑州大学 机械工程", "河南大学 汉语言文学", "河南师范大学 思想政治教育", "华中科技大学 计算机科学与技术",
    "武汉大学 会计学", "河南农业大学 食品科学", "西安交通大学 电气工程", "河南理工大学 土木工程",
    "北京师范大学 教育学", "中国人民大学 马克思主义理论",
]  # fmt: skip


def fake_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def fake_id_number(*, rng: random.Random, birth: datetime.date, gender: str) -> str:
    seq = rng.randrange(0, 99) * 10 + (
        rng.randrange(1, 10, 2) if gender == "male" else rng.randrange(0, 10, 2)
    )
    body = f"{rng.choice(AREAS)}{birth:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")  # the function ignores the last character


def fake_birth(rng: random.Random, *, youngest: int, oldest: int, today: datetime.date) -> datetime.date:
    age_days = rng.randrange(youngest * 365, oldest * 365)
    return today - datetime.timedelta(days=age_days)
