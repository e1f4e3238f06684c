"""Fixtures of the oversight tests."""

from tests.oversight.conduct_fixtures import college  # noqa: F401
