"""Leadership teams (领导班子) appraised as a whole beside their members: set up in draft, scored
on the same ballots, graded at confirmation (services.results)."""

from django.db import transaction
from django.utils.translation import gettext as _

from appraisal.choices import CycleState, TeamGrade
from appraisal.models import AppraisalCycle, LeadershipTeam
from appraisal.rules.cycles import EDITABLE_STATES
from appraisal.selectors.teams import team_results
from appraisal.services.cycles import lock_cycle
from cadres.models import OrgUnit
from core.errors import RuleViolation
from core.models import User
from core.services import history_save, record_save


@transaction.atomic
def team_add(*, cycle: AppraisalCycle, unit: OrgUnit, acting_user: User, report: str = "") -> LeadershipTeam:
    """Appraise the leadership team of `unit` (one of the cycle's units or under one) as a whole."""
    cycle = lock_cycle(cycle)
    if cycle.state not in EDITABLE_STATES:
        raise RuleViolation("state", _("Teams are set up while the cycle is a draft."), "cycle_not_editable")
    if not any(unit.path.startswith(u.path) for u in cycle.units.all()):
        raise RuleViolation(
            "unit", _("%(unit)s is not in the cycle's units.") % {"unit": unit}, "unit_outside_cycle"
        )
    team = LeadershipTeam(cycle=cycle, unit=unit, report=report.strip())
    return record_save(team, acting_user=acting_user, unit=cycle.unit, scope_field="cycle")


@transaction.atomic
def team_report_save(*, team: LeadershipTeam, report: str, acting_user: User) -> LeadershipTeam:
    """The team's 述职述廉报告, until the evaluation closes."""
    cycle = lock_cycle(team.cycle)
    if cycle.state not in (CycleState.DRAFT, CycleState.OPEN):
        raise RuleViolation(
            "report", _("Reports are taken until the evaluation closes."), "cycle_not_editable"
        )
    team.report = report.strip()
    return record_save(team, acting_user=acting_user, unit=cycle.unit, scope_field="team")


def teams_confirm(*, cycle: AppraisalCycle, overrides: list[dict], acting_user: User) -> None:
    """Inside cycle_confirm: each team takes its proposed grade, or HR's (with a reason)."""
    rows = {row.team.pk: row for row in team_results(cycle=cycle)}
    given = {}
    for entry in overrides:
        if entry["team"] not in rows:
            raise RuleViolation("teams", _("Not a team of this cycle."), "not_a_team")
        if entry["grade"] not in TeamGrade.values:
            raise RuleViolation("teams", _("Not a team grade."), "invalid_choice")
        if not (entry.get("reason") or "").strip():
            raise RuleViolation("teams", _("An override needs a reason."), "reason_required")
        given[entry["team"]] = (entry["grade"], entry["reason"].strip())
    for pk, row in rows.items():
        team = row.team
        team.grade, team.grade_reason = given.get(pk, (row.proposed_grade, ""))
        team.composite = row.composite
        history_save(team, acting_user=acting_user, update_fields=["grade", "grade_reason", "composite"])
