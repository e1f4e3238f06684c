"""The appraisal system's rules, by topic; the yearly grades' names stay importable from here."""

from appraisal.rules.grades import *  # noqa: F403  (names of the module this package grew from)
