"""The structure dashboard's chart options: labels that never overlap, figures on small categories."""

import datetime
import json
import re

import pytest

from cadres.views.charts import bar_options, pie_options
from tests.factories import AppointmentFactory, CadreFactory, PostFactory

D = datetime.date


def dimension(labels, counts=None):
    counts = counts or [1] * len(labels)
    return {
        "categories": labels,
        "codes": labels,
        "series": [{"level": 1, "name": "正处级", "data": counts}],
        "totals": counts,
    }


@pytest.mark.parametrize(
    ("labels", "rotate"),
    [
        (["男", "女", "甲", "乙", "丙"], None),  # five short labels fit
        (["男", "女", "甲", "乙", "丙", "丁"], 30),  # six rotate
        (["一二三四", "乙"], None),  # four characters fit
        (["一二三四五", "乙"], 30),  # five rotate
    ],
)
def test_crowded_axes_rotate_and_show_every_label(labels, rotate):
    axis = bar_options(dimension(labels))["xAxis"]
    assert axis["axisLabel"]["interval"] == 0
    assert axis["axisLabel"].get("rotate") == rotate


def test_long_labels_make_horizontal_bars():
    assert bar_options(dimension(["一二三四五六七八"]))["xAxis"]["type"] == "category"  # eight still vertical
    options = bar_options(dimension(["一二三四五六七八九", "乙"]))
    assert options["yAxis"]["type"] == "category" and options["xAxis"]["type"] == "value"
    assert options["yAxis"]["axisLabel"] == {"interval": 0, "width": 120, "overflow": "break"}


def test_bars_carry_their_counts_but_not_zeros():
    series = bar_options(dimension(["甲", "乙"], [0, 2]))["series"][0]
    assert series["label"]["show"] is True
    assert series["data"] == [{"value": 0, "label": {"show": False}}, {"value": 2, "label": {"show": True}}]


def test_pie_labels_small_slices_outside_with_lines():
    options = pie_options(dimension(["汉族", "少数民族", "未填"], [98, 2, 0]))
    pie = options["series"][0]
    assert pie["label"]["position"] == "outside" and pie["labelLine"]["show"] is True
    assert pie["minShowLabelAngle"] == 0
    assert pie["data"] == [{"name": "汉族", "value": 98}, {"name": "少数民族", "value": 2}]
    assert pie["categoryIndexes"] == [0, 1]  # a click on 少数民族 opens category 1
    assert options["legend"]["type"] == "scroll"


def test_page_embeds_the_options_and_the_vendored_echarts(client, users, tree):
    for i in range(6):
        cadre = CadreFactory(unit=tree.a, name=f"干部{i}", birth_date=D(1965 + 3 * i, 1, 1))
        AppointmentFactory(cadre=cadre, post=PostFactory(unit=tree.a), start_date=D(2020, 1, 1))
    client.force_login(users.leader)
    response = client.get("/dashboard/structure/")
    assert response.status_code == 200
    html = response.content.decode()
    embedded = re.search(r'<script id="chart-options" type="application/json">(.*?)</script>', html, re.S)
    options = json.loads(embedded.group(1))
    assert set(options) == {"age", "education", "gender", "ethnicity", "title", "political"}
    for name in ("age", "education", "title", "political"):
        axis = (
            options[name]["xAxis"] if options[name]["xAxis"]["type"] == "category" else options[name]["yAxis"]
        )
        assert axis["axisLabel"]["interval"] == 0, name
        assert all(series["label"]["show"] for series in options[name]["series"]), name
        assert options[name]["legend"]["type"] == "scroll"
    assert options["education"]["xAxis"]["axisLabel"]["rotate"] == 30  # 硕士研究生 and six categories
    assert options["gender"]["series"][0]["label"]["position"] == "outside"
    assert sum(s["value"] for s in options["gender"]["series"][0]["data"]) == 6
    assert re.search(r'<script src="/static/vendor/echarts/echarts\.min\.js', html)
    assert "cdn" not in html.lower()
    client.force_login(users.clerk)
    assert client.get("/dashboard/structure/").status_code == 403
