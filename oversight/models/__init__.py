"""The oversight system's tables, by topic; import them from here."""

from oversight.models.complaints import REPORTER_FIELDS, Complaint, ComplaintSettings, ReporterDisclosure
from oversight.models.sanctions import EffectPeriod, Sanction

__all__ = [
    "REPORTER_FIELDS",
    "Complaint",
    "ComplaintSettings",
    "EffectPeriod",
    "ReporterDisclosure",
    "Sanction",
]
