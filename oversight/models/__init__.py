"""The oversight system's tables, by topic; import them from here."""

from oversight.models.attachments import ComplaintAttachment
from oversight.models.cases import Case, CaseNote
from oversight.models.complaints import REPORTER_FIELDS, Complaint, ComplaintSettings, ReporterDisclosure
from oversight.models.duty_reports import DutyReport
from oversight.models.file_reviews import FileReview, FileReviewItem
from oversight.models.inquiries import LetterInquiry
from oversight.models.letters import ResponsibilityLetter
from oversight.models.meetings import MeetingFinding, SupervisedMeeting
from oversight.models.musts_settings import MustsSettings
from oversight.models.opinions import IntegrityOpinion
from oversight.models.personal_matters import (
    MattersCheck,
    MattersFinding,
    MattersItem,
    PersonalMattersReport,
    RandomDraw,
)
from oversight.models.risks import IntegrityRisk, RiskReview, RiskReviewEntry
from oversight.models.sanctions import EffectPeriod, Sanction
from oversight.models.tasks import SOURCE_MODELS, SupervisedTask, TaskProgress
from oversight.models.travel import DocumentLoan, ExitRegistration, TravelDocument, TripApproval, TripRequest

__all__ = [
    "REPORTER_FIELDS",
    "SOURCE_MODELS",
    "Case",
    "CaseNote",
    "Complaint",
    "ComplaintAttachment",
    "ComplaintSettings",
    "DocumentLoan",
    "DutyReport",
    "EffectPeriod",
    "ExitRegistration",
    "FileReview",
    "FileReviewItem",
    "IntegrityOpinion",
    "IntegrityRisk",
    "LetterInquiry",
    "MattersCheck",
    "MattersFinding",
    "MattersItem",
    "MeetingFinding",
    "MustsSettings",
    "PersonalMattersReport",
    "RandomDraw",
    "ReporterDisclosure",
    "ResponsibilityLetter",
    "RiskReview",
    "RiskReviewEntry",
    "Sanction",
    "SupervisedMeeting",
    "SupervisedTask",
    "TaskProgress",
    "TravelDocument",
    "TripApproval",
    "TripRequest",
]
