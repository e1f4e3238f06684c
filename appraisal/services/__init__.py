"""The appraisal system's services, by topic; the yearly grades' names stay importable from here."""

from appraisal.services.grades import *  # noqa: F403  (names of the module this package grew from)
