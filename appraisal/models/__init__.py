"""The appraisal system's tables: yearly grades, cycles, democratic evaluation, the figures."""

from appraisal.models.appeals import ResultAppeal, ResultNotice
from appraisal.models.ballots import Ballot, BallotCode, BallotScore
from appraisal.models.care import CareTalk, HealthCheck, HealthCheckRound, Visit
from appraisal.models.commendations import Commendation
from appraisal.models.consequences import Consequence
from appraisal.models.cycles import AppraisalCycle, Indicator, Participant, RaterGroup
from appraisal.models.grades import AppraisalResult
from appraisal.models.publications import Objection, Publication
from appraisal.models.reports import SelfReport
from appraisal.models.settings import AppraisalSettings, GradeCeiling
from appraisal.models.teams import LeadershipTeam, TeamScore
from appraisal.models.templates import IndicatorTemplate, TemplateIndicator

__all__ = [
    "AppraisalCycle",
    "AppraisalResult",
    "AppraisalSettings",
    "Ballot",
    "BallotCode",
    "BallotScore",
    "CareTalk",
    "Commendation",
    "Consequence",
    "GradeCeiling",
    "HealthCheck",
    "HealthCheckRound",
    "Indicator",
    "IndicatorTemplate",
    "LeadershipTeam",
    "Objection",
    "Participant",
    "Publication",
    "RaterGroup",
    "ResultAppeal",
    "ResultNotice",
    "SelfReport",
    "TeamScore",
    "TemplateIndicator",
    "Visit",
]
