"""Time the training hours ledger at province scale: the behind-on-hours list (the compliance list,
page and export), the leaders' panel, a cadre's hours and the missing monthly study.

Needs PostgreSQL loaded with `manage.py seed_demo --scale province` (about a million training
rows for 30,000 cadres; bench/README.md). Every request runs as `province` (scope: the whole
province) and as `hr` (the demo college): the two must issue the same number of queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cadre_bench .venv/bin/python bench/training.py

Environment: BENCH_RUNS (timed runs per request, default 5).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from cadres.demo.province import PROVINCE_USER  # noqa: E402
from cadres.models import Cadre  # noqa: E402
from core.models import User  # noqa: E402
from core.scope import scoped  # noqa: E402
from training.models import ProgrammeParticipant, StudyAttendance  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def scenarios(user) -> list[tuple[str, str]]:
    cadre = (
        scoped(user, Cadre.objects.filter(status="serving", appointments__isnull=False))
        .order_by("pk")
        .first()
    )
    return [
        ("behind list (HTML)", "/training/behind/"),
        ("behind list (xlsx)", "/training/behind/?format=xlsx"),
        ("behind list (API, page 1)", "/api/v1/training-compliance/"),
        ("leaders' panel", "/training/dashboard/"),
        ("a cadre's hours (API)", f"/api/v1/cadres/{cadre.pk}/training-hours/"),
        ("missing monthly study (API)", "/api/v1/study-sessions/missing/"),
        ("study sessions (API)", "/api/v1/study-sessions/"),
    ]


def measure(client: Client, path: str) -> tuple[float, float, int]:
    client.get(path)  # warm-up
    times, queries = [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        queries = len(captured)
    return statistics.median(times), max(times), queries


def main() -> int:
    province, small = User.objects.get(username=PROVINCE_USER), User.objects.get(username="hr")
    rows = StudyAttendance.objects.count() + ProgrammeParticipant.objects.count()
    print(f"training rows: {rows:,}; cadres: {Cadre.objects.count():,}; runs: {RUNS}")
    print(f"{'request':<30}{'median ms':>10}{'max ms':>9}{'queries':>9}{'college':>9}")
    status = 0
    for (label, path), (_l, small_path) in zip(scenarios(province), scenarios(small), strict=True):
        client, small_client = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
        client.force_login(province)
        small_client.force_login(small)
        median, worst, queries = measure(client, path)
        _m, _w, small_queries = measure(small_client, small_path)
        print(f"{label:<30}{median:>10.0f}{worst:>9.0f}{queries:>9}{small_queries:>9}")
        status |= queries != small_queries
    return status


if __name__ == "__main__":
    sys.exit(main())
