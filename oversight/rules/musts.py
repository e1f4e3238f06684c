"""Pure rules of the four musts' records (凡提四必): which file review counts for a promotion, the
random draw of personal-matters reports, what a check's findings leave open, the bar a
concealment puts on promotion, when lent papers are due back, and the trip approval chain."""

import hashlib
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from cadres.rules.eligibility import CadreFacts, Reason, TargetPost, eligibility_rule, make_reason
from cadres.rules.figures import SelectionFigures
from cadres.rules.tenure import add_months
from core.visibility import PERSONAL_MATTERS
from oversight.choices import FileFinding, MattersResult

CONCEALMENT_FACT = "concealed_matters"  # the key of CadreFacts.extra this system fills


def file_review_counts(
    *, review_selection_id: int | None, reviewed_on: date, selection_id: int, on: date, months: int
) -> bool:
    """凡提必审: a review done for this selection counts; with `months` > 0, so does any review
    completed within that many months before `on` (a review of `on` minus N months counts)."""
    if review_selection_id == selection_id:
        return True
    return months > 0 and add_months(start=on, months=-months) <= reviewed_on <= on


def open_doubts(findings: Iterable[str]) -> int:
    return sum(1 for finding in findings if finding == FileFinding.DOUBT)


def draw_size(*, population: int, share_percent: int) -> int:
    """How many of `population` reports a draw of `share_percent` % takes: rounded up, so a
    share is never under-covered, and at least one when there is anyone to draw."""
    if population <= 0:
        return 0
    return min(population, max(1, math.ceil(population * share_percent / 100)))


def draw_sample(*, population: Sequence[int], share_percent: int, seed: str) -> list[int]:
    """The report ids drawn: the same ids, share and seed always give the same sample."""
    ordered = sorted(set(population))
    # The seed is hashed to an integer so the draw does not depend on Python's str hashing.
    # Reproducible by design (the seed is recorded): not a secret, so not the secrets module.
    generator = random.Random(int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big"))  # noqa: S311
    return sorted(generator.sample(ordered, draw_size(population=len(ordered), share_percent=share_percent)))


@dataclass(frozen=True)
class FindingFact:
    result: str  # MattersResult
    resolved: bool = False  # an omission explained and corrected


def findings_open(findings: Iterable[FindingFact]) -> tuple[int, int]:
    """(concealed, unresolved omissions): a check leaves 个人有关事项必核 open while either is > 0."""
    concealed = omitted = 0
    for f in findings:
        if f.result == MattersResult.CONCEALED:
            concealed += 1
        elif f.result == MattersResult.OMITTED and not f.resolved:
            omitted += 1
    return concealed, omitted


@dataclass(frozen=True)
class ConcealmentFact:
    checked_on: date  # the check that found the concealment
    bar_end: date  # the first day promotion and the reserve pool are open again


def concealment_bar_end(*, checked_on: date, months: int) -> date:
    return add_months(start=checked_on, months=months)


def concealment_barring(*, facts: Iterable[ConcealmentFact], on: date) -> ConcealmentFact | None:
    """The concealment that bars on `on` (the one barring longest), or None."""
    running = [f for f in facts if f.checked_on <= on < f.bar_end]
    return max(running, key=lambda f: f.bar_end) if running else None


@eligibility_rule("personal_matters_concealed", reveals=PERSONAL_MATTERS)
def personal_matters_concealed(
    *, facts: CadreFacts, target: TargetPost, on: date, figures: SelectionFigures
) -> list[Reason]:
    """瞒报: a concealment found by a check bars promotion until its bar ends."""
    barring = concealment_barring(facts=facts.extra.get(CONCEALMENT_FACT, ()), on=on)
    if barring is None:
        return []
    message = _(
        "A check on %(checked_on)s found a concealed personal matter: no promotion until %(bar_end)s."
    )
    params = {"checked_on": barring.checked_on, "bar_end": barring.bar_end}
    return [make_reason("personal_matters_concealed", _("Concealed personal matters"), message, params)]


def loan_due_back(*, trip_ends: date, days: int) -> date:
    """Lent papers come back into custody within `days` of the trip's end (the last day counts)."""
    return trip_ends + timedelta(days=days)


def papers_overdue(*, due: date | None, returned: date | None, on: date) -> bool:
    return due is not None and returned is None and on > due


def next_stage(*, chain: Sequence[str], decided: Iterable[str]) -> str | None:
    """The first step of the chain not yet decided, or None when every step approved."""
    done = set(decided)
    return next((stage for stage in chain if stage not in done), None)


def expiring(*, expires_on: date, on: date, days: int) -> bool:
    """Whether a document expires within `days` from `on` (already expired counts)."""
    return expires_on <= on + timedelta(days=days)
