"""Checks of the selection steps that hold across them: exceptional promotion (破格) within the
regulations when a candidate is added, and eligibility again at the decision and appointment."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from cadres.models import Cadre, SelectionCandidate, SelectionProcess
from cadres.rules.eligibility import EligibilityResult
from cadres.rules.exceptional import break_rule_reasons, code_label, not_relaxable
from cadres.rules.step_dates import step_date_check
from cadres.selectors.eligibility import cadre_eligibility, reasons_as_data
from cadres.selectors.exceptional import exceptional_facts, relaxable_codes
from core.errors import RuleViolation


@dataclass(frozen=True)
class Override:
    reason: str = ""
    document: str = ""  # the higher organisation department's consent document number

    def __bool__(self) -> bool:
        return bool(self.reason or self.document)


def _blocks_message(name: str, blocks) -> str:
    return _("%(name)s is not eligible: %(reasons)s") % {
        "name": name,
        "reasons": "；".join(str(r.message) for r in blocks),
    }


def override_check(
    *,
    process: SelectionProcess,
    cadre: Cadre,
    result: EligibilityResult,
    override: Override,
    on: datetime.date,
) -> list[str]:
    """The block codes the override relaxes; refused unless every block is relaxable, the
    regulations' limits on 破格 hold and the reason and consent document are given."""
    reasons = reasons_as_data(result, relaxable=relaxable_codes())
    if not override:
        if not result.eligible:
            raise RuleViolation(
                "cadre", _blocks_message(cadre.name, result.blocks), "ineligible", reasons=reasons
            )
        return []
    if result.eligible:
        message = _("%(name)s is eligible: no exceptional promotion is needed.") % {"name": cadre.name}
        raise RuleViolation("override_reason", message, "override_not_needed")
    codes = [r.code for r in result.blocks]
    refused = not_relaxable(blocks=codes, relaxable=relaxable_codes())
    if refused:
        message = _("An exceptional promotion cannot relax: %(rules)s.") % {
            "rules": "；".join(code_label(code) for code in refused)
        }
        raise RuleViolation("override_reason", message, "not_relaxable", codes=refused, reasons=reasons)
    _break_rule_check(process=process, cadre=cadre, relaxing=codes, on=on)
    if not override.reason:
        message = _("State the reason for the exceptional promotion.")
        raise RuleViolation("override_reason", message, "override_reason_required")
    if not override.document:
        message = _("Enter the number of the higher organisation department's consent document.")
        raise RuleViolation("override_document", message, "override_document_required")
    return list(dict.fromkeys(codes))


def _break_rule_check(
    *, process: SelectionProcess, cadre: Cadre, relaxing: list[str], on: datetime.date
) -> None:
    broken = break_rule_reasons(
        facts=exceptional_facts(cadre=cadre, on=on),
        target_rank=process.post.level.rank,
        relaxing=relaxing,
        on=on,
    )
    if broken:
        message = "；".join(str(r.message) for r in broken)
        reasons = [{"code": r.code, "rule": str(r.rule), "message": str(r.message)} for r in broken]
        raise RuleViolation("override_reason", message, broken[0].code, reasons=reasons)


def override_summary(*, override: Override, relaxed: list[str]) -> str:
    return _("Exceptional promotion (consent %(document)s) relaxes %(rules)s: %(reason)s") % {
        "document": override.document,
        "rules": "、".join(f"{code_label(code)}（{code}）" for code in relaxed),
        "reason": override.reason,
    }


def recheck_eligibility(
    *, process: SelectionProcess, candidate: SelectionCandidate, on: datetime.date, field: str = "cadre"
) -> None:
    """Eligibility again as of the step's date: a block the candidate's recorded override did not
    relax (a sanction decided since, the age limit reached by then) refuses the step."""
    result = cadre_eligibility(cadre=candidate.cadre, post=process.post, on=on)
    unrelaxed = [r for r in result.blocks if r.code not in set(candidate.relaxed_codes)]
    if unrelaxed:
        raise RuleViolation(
            field,
            _blocks_message(candidate.cadre.name, unrelaxed) + " " + _("(as of %(on)s)") % {"on": on},
            "ineligible",
            reasons=reasons_as_data(result, relaxable=relaxable_codes()),
            on=on,
        )


def step_date_ensure(
    *,
    step: str,
    on: datetime.date,
    field: str,
    previous: datetime.date | None = None,
    until: datetime.date | None = None,
) -> None:
    """Refuses a step dated in the future or out of order (cadres.rules.step_dates)."""
    outcome = step_date_check(step=step, on=on, today=timezone.localdate(), previous=previous, until=until)
    if not outcome:
        dates = {
            key: value.isoformat() for key, value in outcome.params.items() if key in ("date", "previous")
        }
        raise RuleViolation(field, str(outcome.message), outcome.code, **dates)
