"""The oversight system's tables, by topic; import them from here."""

from oversight.models.attachments import ComplaintAttachment
from oversight.models.cases import Case, CaseNote
from oversight.models.complaints import REPORTER_FIELDS, Complaint, ComplaintSettings, ReporterDisclosure
from oversight.models.duty_reports import DutyReport
from oversight.models.inquiries import LetterInquiry
from oversight.models.letters import ResponsibilityLetter
from oversight.models.meetings import MeetingFinding, SupervisedMeeting
from oversight.models.opinions import IntegrityOpinion
from oversight.models.risks import IntegrityRisk, RiskReview, RiskReviewEntry
from oversight.models.sanctions import EffectPeriod, Sanction
from oversight.models.tasks import SOURCE_MODELS, SupervisedTask, TaskProgress

__all__ = [
    "REPORTER_FIELDS",
    "SOURCE_MODELS",
    "Case",
    "CaseNote",
    "Complaint",
    "ComplaintAttachment",
    "ComplaintSettings",
    "DutyReport",
    "EffectPeriod",
    "IntegrityOpinion",
    "IntegrityRisk",
    "LetterInquiry",
    "MeetingFinding",
    "ReporterDisclosure",
    "ResponsibilityLetter",
    "RiskReview",
    "RiskReviewEntry",
    "Sanction",
    "SupervisedMeeting",
    "SupervisedTask",
    "TaskProgress",
]
