"""The figures cache: a version per namespace, bumped at once and again when the write commits."""

import pytest

from core.figures_cache import cached_figures, invalidate, version

pytestmark = pytest.mark.django_db


def test_a_figure_is_computed_once_until_its_namespace_is_invalidated():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cached_figures("t", ("a",), compute) == 1
    assert cached_figures("t", ("a",), compute) == 1  # cached
    assert cached_figures("t", ("b",), compute) == 2  # other parts, other figure
    invalidate("t")
    assert cached_figures("t", ("a",), compute) == 3
    assert cached_figures("other", ("a",), compute) == 4  # namespaces are separate


def test_a_figure_stored_before_the_commit_is_retired_by_it(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invalidate("t")
        # Another process, reading the rows before this commit, stores what it saw.
        assert cached_figures("t", ("a",), lambda: "before the commit") == "before the commit"
    before = version("t")
    for callback in callbacks:
        callback()
    assert version("t") == before + 1
    assert cached_figures("t", ("a",), lambda: "after the commit") == "after the commit"


def test_a_figure_of_zero_or_empty_is_cached_too():
    calls = []
    assert cached_figures("t", ("zero",), lambda: calls.append(1) or 0) == 0
    assert cached_figures("t", ("zero",), lambda: calls.append(1) or 0) == 0
    assert calls == [1]
