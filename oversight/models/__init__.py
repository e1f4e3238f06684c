"""The oversight system's tables, by topic; import them from here."""

from oversight.models.cases import Case, CaseNote
from oversight.models.complaints import REPORTER_FIELDS, Complaint, ComplaintSettings, ReporterDisclosure
from oversight.models.file_reviews import FileReview, FileReviewItem
from oversight.models.inquiries import LetterInquiry
from oversight.models.musts_settings import MustsSettings
from oversight.models.opinions import IntegrityOpinion
from oversight.models.personal_matters import (
    MattersCheck,
    MattersFinding,
    MattersItem,
    PersonalMattersReport,
    RandomDraw,
)
from oversight.models.sanctions import EffectPeriod, Sanction
from oversight.models.travel import DocumentLoan, ExitRegistration, TravelDocument, TripApproval, TripRequest

__all__ = [
    "REPORTER_FIELDS",
    "Case",
    "CaseNote",
    "Complaint",
    "ComplaintSettings",
    "DocumentLoan",
    "EffectPeriod",
    "ExitRegistration",
    "FileReview",
    "FileReviewItem",
    "IntegrityOpinion",
    "LetterInquiry",
    "MattersCheck",
    "MattersFinding",
    "MattersItem",
    "MustsSettings",
    "PersonalMattersReport",
    "RandomDraw",
    "ReporterDisclosure",
    "Sanction",
    "TravelDocument",
    "TripApproval",
    "TripRequest",
]
