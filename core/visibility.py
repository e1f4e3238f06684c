"""Who may see which sensitive facts about a cadre: one table, read by every channel.

A fact is named by a stable code. The API, the HTML pages, the due list and its reminders,
the eligibility reasons, the .lrmx export, the printed form and its PDF and the Excel export
all ask `may_see(user, fact)` (or take `visible_facts(user)` once) before they show it.
Facts that live in another system's tables (sanctions, grades) agree with that model's view
permission in core/roles.py: FACT_PERMISSIONS names it and tests/core/test_visibility.py checks
that the two tables agree, so a role cannot read a fact on one channel and not on another.
"""

from django.utils.translation import gettext_lazy as _

from core.roles import ADMIN, CLERK, DISCIPLINE, HR, LEADER, THREE_ADMINS, user_roles

FULL_ID_NUMBER = "full_id_number"  # the whole 居民身份证号码; others see the province only
SANCTIONS = "sanctions"  # 处分 and 组织处理: kind, dates, effect periods
APPRAISAL_GRADES = "appraisal_grades"  # 年度考核 grades, and the form's 年度考核结果
FAMILY_MEMBERS = "family_members"  # 家庭主要成员及重要社会关系
COMPLAINTS = "complaints"  # 信访举报 about a cadre, and who filed them
INTEGRITY_OPINIONS = "integrity_opinions"  # 党风廉政意见 given before an appointment
CARE_TALK_NOTES = "care_talk_notes"  # 谈心谈话: the topics and follow-up of a talk
PERSONAL_MATTERS = "personal_matters"  # 个人有关事项报告: what was reported and what checks found

FACTS: dict[str, str] = {
    FULL_ID_NUMBER: _("Full ID number"),
    SANCTIONS: _("Sanctions"),
    APPRAISAL_GRADES: _("Appraisal grades"),
    FAMILY_MEMBERS: _("Family members"),
    COMPLAINTS: _("Complaints"),
    INTEGRITY_OPINIONS: _("Integrity opinions"),
    CARE_TALK_NOTES: _("Care talk notes"),
    PERSONAL_MATTERS: _("Personal-matters reports"),
}
ALL_FACTS = frozenset(FACTS)

# The policy. A clerk keeps a unit's records up to date: the people, not their sanctions or
# grades. A leader decides on appointments from grades and integrity opinions, not from the
# details of sanctions. HR runs selection with everything but complaints; discipline staff
# handle complaints and sanctions. The notes of a heart-to-heart talk are for those who hold and
# record the talks (the committee's leaders, HR, a unit's clerk for its heads and deputies),
# not for discipline staff, who see that a talk took place.
ROLE_FACTS: dict[str, frozenset[str]] = {
    ADMIN.code: ALL_FACTS,
    # HR is the organisation department's supervision staff: they keep the personal-matters reports.
    HR.code: frozenset(
        {
            FULL_ID_NUMBER,
            SANCTIONS,
            APPRAISAL_GRADES,
            FAMILY_MEMBERS,
            INTEGRITY_OPINIONS,
            CARE_TALK_NOTES,
            PERSONAL_MATTERS,
        }
    ),
    CLERK.code: frozenset({FAMILY_MEMBERS, CARE_TALK_NOTES}),
    LEADER.code: frozenset({APPRAISAL_GRADES, FAMILY_MEMBERS, INTEGRITY_OPINIONS, CARE_TALK_NOTES}),
    DISCIPLINE.code: frozenset(
        {FULL_ID_NUMBER, SANCTIONS, APPRAISAL_GRADES, FAMILY_MEMBERS, COMPLAINTS, INTEGRITY_OPINIONS}
    ),
    # 三员分立: none of the three administrators reads business data.
    **{role.code: frozenset() for role in THREE_ADMINS},
}

# Facts kept in a model of their own: a role sees the fact exactly when core/roles.py lets
# it view the model (checked by a test).
FACT_PERMISSIONS: dict[str, str] = {
    SANCTIONS: "oversight.sanction",
    APPRAISAL_GRADES: "appraisal.appraisalresult",
    FAMILY_MEMBERS: "cadres.familymember",
    COMPLAINTS: "oversight.complaint",
    INTEGRITY_OPINIONS: "oversight.integrityopinion",
    PERSONAL_MATTERS: "oversight.personalmattersreport",
}


def visible_facts(user) -> frozenset[str]:
    """Every fact `user` may see; a superuser (and the job's stand-in reader) sees them all."""
    if user is None or not getattr(user, "is_active", False):
        return frozenset()
    if user.is_superuser:
        return ALL_FACTS
    cached = getattr(user, "_visible_facts", None)
    if cached is None:
        cached = frozenset().union(*(ROLE_FACTS[role.code] for role in user_roles(user)))
        user._visible_facts = cached
    return cached


def may_see(user, fact: str | None) -> bool:
    """Whether `user` may see `fact`; None names no sensitive fact and is always visible."""
    if fact is None:
        return True
    if fact not in FACTS:
        raise KeyError(f"unknown visibility fact {fact!r}")
    return fact in visible_facts(user)
