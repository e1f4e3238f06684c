"""Writes of cases: opening (from a preliminary check or directly), notes, and the conclusion,
which creates the Sanction whose effect period then blocks promotion (oversight.rules.sanctions)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cadres.models import Cadre
from core.actors import is_system_actor
from core.errors import RuleViolation
from core.models import User
from core.scope import ensure_unit_in_scope
from core.services import history_save, record_save
from core.visibility import COMPLAINTS, may_see
from oversight.choices import CaseState, DisposalWay
from oversight.models import Case, CaseNote, Complaint, Sanction
from oversight.rules.cases import WITH_SANCTION, outcome_problem
from oversight.services.dates import not_before, not_in_future
from oversight.services.sanctions import sanction_save

MESSAGES = {
    "invalid_choice": gettext_lazy("Choose one of the four forms."),
    "no_sanction_for_outcome": gettext_lazy(
        "This outcome creates no sanction: leave the sanction kind empty."
    ),
    "required": gettext_lazy("A sanction or measure needs its kind."),
    "not_a_measure": gettext_lazy("This kind is a sanction, not an organisational measure."),
    "not_a_sanction": gettext_lazy("This kind is an organisational measure, not a sanction."),
    "form_mismatch": gettext_lazy("This kind does not belong to the form chosen."),
}


def require_discipline(user: User) -> None:
    if not (is_system_actor(user) or may_see(user, COMPLAINTS)):
        raise PermissionDenied(_("Only discipline staff handle cases."))


def _check_complaint(complaint: Complaint, cadre: Cadre, opened_on: datetime.date) -> None:
    complaint = Complaint.objects.get(pk=complaint.pk)  # its state now, not the caller's copy
    if complaint.disposal_way != DisposalWay.PRELIMINARY_CHECK:
        raise RuleViolation(
            "complaint",
            _("A case opens from a complaint under preliminary check."),
            "not_a_preliminary_check",
        )
    if not complaint.subjects.filter(pk=cadre.pk).exists():
        raise RuleViolation("cadre", _("The cadre is not named in the complaint."), "not_a_subject")
    not_before(opened_on, complaint.disposed_on, field="opened_on")


@transaction.atomic
def case_open(
    *, cadre: Cadre, opened_on: datetime.date, complaint: Complaint | None = None, acting_user: User
) -> Case:
    """立案: from a complaint whose preliminary check found grounds, or on its own."""
    require_discipline(acting_user)
    not_in_future(opened_on, field="opened_on")
    if complaint is not None:
        _check_complaint(complaint, cadre, opened_on)
    case = Case(cadre=cadre, complaint=complaint, opened_on=opened_on, opened_by=acting_user)
    return record_save(case, acting_user=acting_user, unit=cadre.unit, scope_field="cadre")


@transaction.atomic
def case_note_add(*, case: Case, text: str, acting_user: User) -> CaseNote:
    require_discipline(acting_user)
    ensure_unit_in_scope(acting_user, case.cadre.unit, field="cadre")
    if not text.strip():
        raise RuleViolation("text", _("Write the note."), "required")
    return CaseNote.objects.create(case=case, text=text.strip(), written_by=acting_user)


@transaction.atomic
def case_conclude(
    *,
    case: Case,
    outcome: str,
    form: int,
    decided_on: datetime.date,
    reason: str,
    sanction_kind: str = "",
    acting_user: User,
) -> Case:
    """结案: the outcome by the four forms; a sanction or measure is recorded as a Sanction,
    an excusal (三个区分开来) with its reasoning and no sanction."""
    require_discipline(acting_user)
    case = Case.objects.select_for_update().select_related("cadre__unit").get(pk=case.pk)  # one conclusion
    ensure_unit_in_scope(acting_user, case.cadre.unit, field="cadre")
    if case.state != CaseState.OPEN:
        raise RuleViolation("state", _("The case is already concluded."), "already_concluded")
    problem = outcome_problem(outcome=outcome, form=form, sanction_kind=sanction_kind)
    if problem:
        raise RuleViolation(problem.field, str(MESSAGES[problem.code]), problem.code)
    not_in_future(decided_on, field="decided_on")
    not_before(decided_on, case.opened_on, field="decided_on")
    if outcome == "excused" and not reason.strip():
        raise RuleViolation("reason", _("An excusal records its reasoning."), "required")
    if outcome in WITH_SANCTION:
        sanction = Sanction(
            cadre=case.cadre, kind=sanction_kind, decision_date=decided_on, reason=reason.strip()
        )
        case.sanction = sanction_save(sanction=sanction, acting_user=acting_user)
    case.state, case.outcome, case.form = CaseState.CONCLUDED, outcome, form
    case.sanction_kind, case.decided_on, case.reason = sanction_kind, decided_on, reason.strip()
    return history_save(case, acting_user=acting_user)
