"""Derived facts use the same tenure rule as the eligibility engine."""

import datetime

from django.utils import translation

from cadres.selectors.profile import Span

D = datetime.date


def test_span_boundaries_follow_the_tenure_rule():
    assert Span.between(D(2024, 3, 1), D(2026, 3, 1)) == Span(2, 0)
    assert Span.between(D(2024, 3, 1), D(2026, 2, 28)) == Span(1, 11)
    assert Span.between(D(2024, 1, 31), D(2024, 2, 29)) == Span(0, 1)  # month end clamps
    assert Span.between(D(2026, 1, 2), D(2026, 1, 1)) == Span(0, 0)


def test_span_text_is_translated():
    with translation.override("zh-hans"):
        assert str(Span(1, 8)) == "1 年 8 个月"
        assert str(Span(9, 0)) == "9 年"
    with translation.override("en"):
        assert str(Span(1, 8)) == "1 years 8 months"
