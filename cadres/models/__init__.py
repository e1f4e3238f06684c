from cadres.models.appointment import Appointment, AppointmentKind
from cadres.models.cadre import (
    Cadre,
    CadreStatus,
    Education,
    Ethnicity,
    FamilyMember,
    FamilyRelation,
    Gender,
    PoliticalStatus,
    RetirementCategory,
    TitleGrade,
)
from cadres.models.org import OrgUnit, OrgUnitKind, Post, PostCategory, PostLevel, PostLevelTier, PostQuota

__all__ = [
    "Appointment",
    "AppointmentKind",
    "Cadre",
    "CadreStatus",
    "Education",
    "Ethnicity",
    "FamilyMember",
    "FamilyRelation",
    "Gender",
    "OrgUnit",
    "OrgUnitKind",
    "PoliticalStatus",
    "Post",
    "PostCategory",
    "PostLevel",
    "PostLevelTier",
    "PostQuota",
    "RetirementCategory",
    "TitleGrade",
]
