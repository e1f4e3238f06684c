"""Terms, probation, rotation and tenure spans (任期, 试用期, 轮岗交流).

Month arithmetic clamps to the end of the month: one month after 31 January is 28 (or 29)
February, and a year after 29 February is 28 February. Every figure is a parameter whose
default comes from the regulations (see `figures.SelectionFigures`).
"""

import calendar
from datetime import date
from typing import NamedTuple

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _


def add_months(*, start: date, months: int) -> date:
    """`start` moved by `months` calendar months (negative moves back), clamped to the month's end."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last_day))


def add_years(*, start: date, years: int) -> date:
    return add_months(start=start, months=12 * years)


def term_end(*, start: date, years: int = 4) -> date:
    """The day a term that began on `start` runs out (the term is [start, end))."""
    return add_years(start=start, years=years)


def probation_end(*, start: date, months: int = 12) -> date:
    """The day the probation review falls due (the probation is [start, end))."""
    return add_months(start=start, months=months)


def rotation_due(*, start: date, is_key_post: bool, years: int = 10, key_years: int = 5) -> date:
    """The day a cadre in the same post since `start` is due to rotate (轮岗交流)."""
    return add_years(start=start, years=key_years if is_key_post else years)


class TenureSpan(NamedTuple):
    years: int
    months: int
    days: int


def tenure_span(*, start: date, on: date) -> TenureSpan:
    """Whole years, months and leftover days from `start` to `on`.

    The n-th month is complete on the day `add_months(start, n)` falls on, so a post taken up on
    2024-03-01 has lasted 2 years on 2026-03-01 and 1 year 11 months 27 days on 2026-02-28.
    """
    if on < start:
        raise ValueError("on must not be before start")
    total = (on.year - start.year) * 12 + on.month - start.month
    if add_months(start=start, months=total) > on:
        total -= 1
    years, months = divmod(total, 12)
    return TenureSpan(years, months, (on - add_months(start=start, months=total)).days)


def _render_tenure(years: int, months: int, days: int) -> str:
    params = {"years": years, "months": months, "days": days}
    if years and months:
        return str(_("%(years)s years %(months)s months")) % params  # zh: 1 年 8 个月
    if years:
        return str(_("%(years)s years")) % params
    if months:
        return str(_("%(months)s months")) % params
    return str(_("%(days)s days")) % params


_render_tenure_lazy = lazy(_render_tenure, str)


def format_tenure(*, span: TenureSpan) -> str:
    """A lazy, translated text such as "1 年 8 个月" (days are shown only under one month)."""
    return _render_tenure_lazy(span.years, span.months, span.days)
