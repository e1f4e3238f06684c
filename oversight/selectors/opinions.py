"""Reads of integrity opinions: the selection check they close, and the draft from the record."""

import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cadres.models import Cadre, SelectionCandidate
from cadres.registry import CHECK_CLEAR, CHECK_OPEN, CheckState
from core.scope import scoped
from oversight.choices import CaseState, OpinionState, OpinionVerdict
from oversight.models import Case, IntegrityOpinion, LetterInquiry, Sanction
from oversight.rules.sanctions import in_effect
from oversight.selectors.complaints import open_complaint_counts


def opinions_visible(*, user) -> QuerySet[IntegrityOpinion]:
    return scoped(user, IntegrityOpinion.objects.select_related("cadre", "selection"))


def opinion_state(opinion: IntegrityOpinion | None) -> CheckState:
    """纪检监察机关意见必听 for one candidate: clear once answered without objection; open while
    unanswered, and open with the opinion as its reason after an objection."""
    if opinion is None or opinion.state != OpinionState.ANSWERED:
        return CheckState(CHECK_OPEN, _("The integrity opinion has not been answered yet."))
    if opinion.opinion == OpinionVerdict.NO_OBJECTION:
        return CheckState(CHECK_CLEAR, _("Integrity opinion: no objection."), on=opinion.answered_on)
    return CheckState(CHECK_OPEN, _("Integrity opinion: objection — %(text)s") % {"text": opinion.text})


def integrity_check_states(*, candidates: list[SelectionCandidate]) -> dict[int, CheckState]:
    """The check for many candidates in one query (cadres.registry.CheckProvider.states)."""
    if not candidates:
        return {}
    keys = {(c.process_id, c.cadre_id): c.pk for c in candidates}
    rows = IntegrityOpinion.objects.filter(
        selection_id__in={p for p, _c in keys}, cadre_id__in={c for _p, c in keys}
    )
    found = {(o.selection_id, o.cadre_id): o for o in rows}
    return {pk: opinion_state(found.get(key)) for key, pk in keys.items()}


def opinion_draft(*, cadre: Cadre, on: datetime.date) -> str:
    """The draft the discipline office starts from: sanctions and their effect periods, letter
    inquiries, open complaints and open cases. Never a reporter; the counts of complaints only."""
    lines = []
    for s in Sanction.objects.filter(cadre=cadre).order_by("decision_date"):
        running = in_effect(decision_date=s.decision_date, end=s.effect_end, on=on)
        lines.append(
            _("%(kind)s decided on %(date)s, effect period until %(end)s%(running)s.")
            % {
                "kind": s.get_kind_display(),
                "date": s.decision_date,
                "end": s.effect_end,
                "running": _(" (in effect)") if running else "",
            }
        )
    if not lines:
        lines.append(_("No sanction or organisational measure on record."))
    for inquiry in LetterInquiry.objects.filter(cadre=cadre).order_by("sent_on"):
        lines.append(
            _("Letter inquiry of %(date)s: %(state)s. %(conclusion)s")
            % {
                "date": inquiry.sent_on,
                "state": inquiry.get_state_display(),
                "conclusion": inquiry.conclusion,
            }
        )
    complaints = open_complaint_counts(cadre_ids=[cadre.pk]).get(cadre.pk, 0)
    cases = Case.objects.filter(cadre=cadre, state=CaseState.OPEN).count()
    lines.append(_("Open complaints: %(n)s. Open cases: %(m)s.") % {"n": complaints, "m": cases})
    return "\n".join(lines)
