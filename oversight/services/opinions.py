"""Writes of integrity opinions: asked for by HR (or on a selection's inspection step for each
candidate), answered by discipline staff; the answer closes or keeps open the selection check."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.models import Cadre, SelectionCandidate, SelectionProcess
from core.actors import is_system_actor
from core.errors import RuleViolation
from core.models import User
from core.services import record_save
from oversight.choices import OpinionState, OpinionVerdict
from oversight.models import IntegrityOpinion
from oversight.selectors.opinions import opinion_draft


@transaction.atomic
def opinion_request(
    *, cadre: Cadre, selection: SelectionProcess | None = None, acting_user: User
) -> IntegrityOpinion:
    """Ask for the opinion on `cadre`, for a selection's candidate or ad hoc."""
    if selection is not None:
        if not selection.candidates.filter(cadre=cadre).exists():
            raise RuleViolation(
                "cadre", _("The cadre is not a candidate of this selection."), "not_a_candidate"
            )
        if IntegrityOpinion.objects.filter(cadre=cadre, selection=selection).exists():
            raise RuleViolation("cadre", _("The opinion has already been asked for."), "already_requested")
    today = timezone.localdate()
    opinion = IntegrityOpinion(
        cadre=cadre,
        selection=selection,
        requested_on=today,
        requested_by=acting_user,
        draft=opinion_draft(cadre=cadre, on=today),
    )
    return record_save(opinion, acting_user=acting_user, unit=cadre.unit, scope_field="cadre")


def opinion_request_for_candidate(*, candidate: SelectionCandidate, acting_user: User) -> None:
    """cadres.registry.CheckProvider.request: runs in the transaction adding the candidate."""
    if not IntegrityOpinion.objects.filter(cadre=candidate.cadre, selection=candidate.process).exists():
        opinion_request(cadre=candidate.cadre, selection=candidate.process, acting_user=acting_user)


@transaction.atomic
def opinion_answer(
    *, opinion: IntegrityOpinion, verdict: str, text: str, acting_user: User
) -> IntegrityOpinion:
    """The discipline office's answer: `no_objection` clears the check, `objection` keeps it open."""
    if not (is_system_actor(acting_user) or acting_user.has_perm("oversight.change_integrityopinion")):
        raise PermissionDenied(_("Only discipline staff answer integrity opinions."))
    opinion = IntegrityOpinion.objects.select_for_update().select_related("cadre__unit").get(pk=opinion.pk)
    if opinion.state == OpinionState.ANSWERED:
        raise RuleViolation("opinion", _("The opinion has already been answered."), "already_answered")
    if verdict not in OpinionVerdict.values:
        raise RuleViolation("opinion", _("Choose no objection or objection."), "invalid_choice")
    if verdict == OpinionVerdict.OBJECTION and not text.strip():
        raise RuleViolation("text", _("An objection says why."), "required")
    opinion.state, opinion.opinion, opinion.text = OpinionState.ANSWERED, verdict, text.strip()
    opinion.answered_on, opinion.answered_by = timezone.localdate(), acting_user
    record_save(opinion, acting_user=acting_user, unit=opinion.cadre.unit, scope_field="cadre")
    return opinion
