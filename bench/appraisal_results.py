"""Time the results of a province-scale appraisal cycle: 3,000 participants × 300 ballots.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cadre \
        .venv/bin/python bench/appraisal_results.py [participants] [ballots]

Each ballot scores every participant once (an overall score): 900,000 scores by default, in
three rater groups (30/30/40). Everything it creates is rolled back at the end.
"""

import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.db import transaction  # noqa: E402

from appraisal.models import AppraisalCycle, Ballot, BallotScore, Participant, RaterGroup  # noqa: E402
from appraisal.selectors.results import cycle_results  # noqa: E402
from cadres.models import Cadre, OrgUnit, OrgUnitKind  # noqa: E402
from cadres.services import org_unit_save  # noqa: E402
from core.actors import system_actor  # noqa: E402

ON = datetime.date(2025, 12, 1)
BORN, RETIRES = datetime.date(1975, 1, 1), datetime.date(2035, 2, 1)


class Rollback(Exception):
    pass


def build(participants: int, ballots: int) -> AppraisalCycle:
    unit = org_unit_save(
        unit=OrgUnit(code="BENCH-APPRAISAL", name="考核基准单位", kind=OrgUnitKind.INSTITUTION),
        acting_user=system_actor(),
    )
    cadres = Cadre.objects.bulk_create(
        Cadre(unit=unit, name=f"干部{i}", gender="male", birth_date=BORN, retirement_date=RETIRES)
        for i in range(participants)
    )
    cycle = AppraisalCycle.objects.create(
        unit=unit, kind="annual", year=2025, name="基准考核", on=ON, state="closed"
    )
    rows = Participant.objects.bulk_create(Participant(cycle=cycle, cadre=c, unit=unit) for c in cadres)
    groups = [
        RaterGroup.objects.create(cycle=cycle, name=n, weight=w)
        for n, w in (("校领导", 30), ("中层干部", 30), ("教职工代表", 40))
    ]
    rng = random.Random(3)
    for index in range(ballots):
        ballot = Ballot.objects.create(cycle=cycle, group=groups[index % 3], submitted_on=ON)
        BallotScore.objects.bulk_create(
            (BallotScore(ballot=ballot, participant=p, score=rng.randint(60, 100)) for p in rows),
            batch_size=5000,
        )
    return cycle


def main() -> None:
    participants = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    ballots = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    try:
        with transaction.atomic():
            started = time.perf_counter()
            cycle = build(participants, ballots)
            print(
                f"built {participants} participants × {ballots} ballots"
                f" in {time.perf_counter() - started:.1f} s"
            )
            started = time.perf_counter()
            results = cycle_results(cycle=cycle)
            elapsed = time.perf_counter() - started
            excellent = sum(1 for r in results.rows if r.proposed_grade == "excellent")
            print(
                f"results of {len(results.rows)} participants in {elapsed:.2f} s ({excellent} proposed 优秀)"
            )
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
