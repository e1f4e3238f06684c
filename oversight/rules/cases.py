"""What a case's outcome may be: the four forms (四种形态) class it, and a sanction or an
organisational measure must be of a kind that form imposes."""

from dataclasses import dataclass

from oversight.choices import KINDS_BY_FORM, MEASURE_KINDS, CaseOutcome

WITH_SANCTION = frozenset({CaseOutcome.SANCTION, CaseOutcome.MEASURE})


@dataclass(frozen=True)
class OutcomeProblem:
    field: str
    code: str


def outcome_problem(*, outcome: str, form: int, sanction_kind: str) -> OutcomeProblem | None:
    """None when the outcome, its form and the sanction kind fit together."""
    if form not in KINDS_BY_FORM:
        return OutcomeProblem("form", "invalid_choice")
    if outcome not in WITH_SANCTION:
        return OutcomeProblem("sanction_kind", "no_sanction_for_outcome") if sanction_kind else None
    if not sanction_kind:
        return OutcomeProblem("sanction_kind", "required")
    if (outcome == CaseOutcome.MEASURE) != (sanction_kind in MEASURE_KINDS):
        return OutcomeProblem(
            "sanction_kind", "not_a_measure" if outcome == CaseOutcome.MEASURE else "not_a_sanction"
        )
    if sanction_kind not in KINDS_BY_FORM[form]:
        return OutcomeProblem("form", "form_mismatch")
    return None
