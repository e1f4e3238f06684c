"""The appraisal system's selectors, by topic; the yearly grades' names stay importable from here."""

from appraisal.selectors.grades import *  # noqa: F403  (names of the module this package grew from)
