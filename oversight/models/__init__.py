"""The oversight system's tables, by topic; import them from here."""

from oversight.models.attachments import ComplaintAttachment
from oversight.models.cases import Case, CaseNote
from oversight.models.complaints import REPORTER_FIELDS, Complaint, ComplaintSettings, ReporterDisclosure
from oversight.models.inquiries import LetterInquiry
from oversight.models.opinions import IntegrityOpinion
from oversight.models.sanctions import EffectPeriod, Sanction

__all__ = [
    "REPORTER_FIELDS",
    "Case",
    "CaseNote",
    "Complaint",
    "ComplaintAttachment",
    "ComplaintSettings",
    "EffectPeriod",
    "IntegrityOpinion",
    "LetterInquiry",
    "ReporterDisclosure",
    "Sanction",
]
