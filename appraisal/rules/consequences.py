"""能上能下: what a cadre's yearly grades call for. Pure: (year, grade) pairs in, consequences out.

- 不称职 in a year: an adjustment, raised for that year.
- 基本称职 in two consecutive years: an adjustment, raised for the second; a third such year
  running raises another (each year it goes on is a new fact for HR).
- 优秀 three years running: flagged for commendation in the third; the count then starts again,
  so a fourth 优秀 year raises nothing until the sixth.

Consecutive means calendar years without a gap: a year with no grade, or 不定等次, breaks a run.
"""

from dataclasses import dataclass

from appraisal.choices import ConsequenceKind, ConsequenceOutcome, Grade


@dataclass(frozen=True)
class Called:
    kind: str  # ConsequenceKind
    year: int  # the year whose grade completed the run
    grades: tuple[tuple[int, str], ...]  # the (year, grade) pairs that caused it, oldest first


BASIC_RUN = 2
EXCELLENT_RUN = 3


def _run_length(by_year: dict[int, str], year: int, grade: str) -> int:
    length = 0
    while by_year.get(year - length) == grade:
        length += 1
    return length


def consequences_called(*, grades: list[tuple[int, str]] | tuple[tuple[int, str], ...]) -> list[Called]:
    """Every consequence the grades call for, oldest first."""
    by_year = dict(grades)
    called = []
    for year in sorted(by_year):
        grade = by_year[year]
        if grade == Grade.INCOMPETENT:
            called.append(Called(ConsequenceKind.INCOMPETENT, year, ((year, grade),)))
        elif grade == Grade.BASICALLY_COMPETENT and _run_length(by_year, year, grade) >= BASIC_RUN:
            called.append(Called(ConsequenceKind.BASIC_TWICE, year, ((year - 1, grade), (year, grade))))
        elif grade == Grade.EXCELLENT:
            run = _run_length(by_year, year, grade)
            if run and run % EXCELLENT_RUN == 0:
                pairs = tuple((y, grade) for y in range(year - EXCELLENT_RUN + 1, year + 1))
                called.append(Called(ConsequenceKind.EXCELLENT_THRICE, year, pairs))
    return called


# Which outcomes close which kinds: an adjustment is adjusted or ends in a talk; a commendation
# flag is commended or, when HR decides against it, ends in a talk.
OUTCOMES = {
    ConsequenceKind.INCOMPETENT: frozenset({ConsequenceOutcome.ADJUSTED, ConsequenceOutcome.TALKED_TO}),
    ConsequenceKind.BASIC_TWICE: frozenset({ConsequenceOutcome.ADJUSTED, ConsequenceOutcome.TALKED_TO}),
    ConsequenceKind.EXCELLENT_THRICE: frozenset({ConsequenceOutcome.COMMENDED, ConsequenceOutcome.TALKED_TO}),
}


def outcome_allowed(*, kind: str, outcome: str) -> bool:
    return outcome in OUTCOMES.get(kind, frozenset())
