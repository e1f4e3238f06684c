"""The ECharts options of the structure dashboard, in one place; the page embeds them as JSON.

Labels must never overlap: every category label is shown (`interval: 0`), rotated when the
axis is crowded, and long labels turn the chart into horizontal bars. Small categories keep
their figures: bar segments carry their count, pie slices their count outside with a line.
"""

PIE_DIMENSIONS = ("gender", "ethnicity")
ROTATE_FROM_CATEGORIES = 5  # more categories than this rotate the axis labels
ROTATE_FROM_CHARS = 4  # …as does any label longer than this
HORIZONTAL_FROM_CHARS = 8  # a label longer than this turns the bars horizontal
ROTATE_DEGREES = 30

_LEGEND = {"type": "scroll", "bottom": 0}


def _value(count: int) -> dict:
    # A zero segment would print a "0" on top of its neighbour.
    return {"value": count, "label": {"show": count > 0}}


def _crowded(labels: list[str]) -> bool:
    return len(labels) > ROTATE_FROM_CATEGORIES or any(len(label) > ROTATE_FROM_CHARS for label in labels)


def bar_options(dimension: dict) -> dict:
    labels = dimension["categories"]
    horizontal = any(len(label) > HORIZONTAL_FROM_CHARS for label in labels)
    category_axis = {"type": "category", "data": labels, "axisLabel": {"interval": 0}}
    if horizontal:
        category_axis |= {"inverse": True, "axisLabel": {"interval": 0, "width": 120, "overflow": "break"}}
    elif _crowded(labels):
        category_axis["axisLabel"] |= {"rotate": ROTATE_DEGREES}
    value_axis = {"type": "value", "minInterval": 1}
    bottom = 70 if category_axis["axisLabel"].get("rotate") else 50
    return {
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "legend": _LEGEND,
        "grid": {"left": 10, "right": 20, "top": 10, "bottom": bottom, "containLabel": True},
        "xAxis": value_axis if horizontal else category_axis,
        "yAxis": category_axis if horizontal else value_axis,
        "series": [
            {
                "name": series["name"],
                "type": "bar",
                "stack": "total",
                "levelId": series["level"],
                "label": {"show": True, "position": "inside", "fontSize": 10},
                "data": [_value(count) for count in series["data"]],
            }
            for series in dimension["series"]
        ],
    }


def pie_options(dimension: dict) -> dict:
    slices = [
        {"name": label, "value": total}
        for label, total in zip(dimension["categories"], dimension["totals"], strict=True)
        if total
    ]
    return {
        "tooltip": {"trigger": "item", "formatter": "{b}：{c}（{d}%）"},
        "legend": _LEGEND,
        "series": [
            {
                "type": "pie",
                "radius": ["0%", "55%"],
                "center": ["50%", "45%"],
                "avoidLabelOverlap": True,
                "minShowLabelAngle": 0,
                # Outside with a leader line: a 1% slice's label has room and points at it.
                "label": {"show": True, "position": "outside", "formatter": "{b} {c}"},
                "labelLine": {"show": True, "length": 8, "length2": 8},
                "labelLayout": {"hideOverlap": False, "moveOverlap": "shiftY"},
                "categoryIndexes": [i for i, total in enumerate(dimension["totals"]) if total],
                "data": slices,
            }
        ],
    }


def structure_chart_options(structure: dict, dimensions: list[str]) -> dict[str, dict]:
    return {
        name: pie_options(structure[name]) if name in PIE_DIMENSIONS else bar_options(structure[name])
        for name in dimensions
    }
