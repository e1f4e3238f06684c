"""Where a request's time goes: SQL, serialisation, templates, the rest of the view, the framework.

    DATABASE_URL=postgres://…/cadre_bench .venv/bin/python bench/breakdown.py [label …]

Runs each request of bench/run.py (and the bare view) through `django.test.Client` as the
`province` user: timed runs for the median, then one run under cProfile. SQL time is measured
with a connection execute wrapper (the time in the driver and the server); serialisation is
DRF's `to_representation`, templates `Template.render`; "framework" is everything outside the
view (middleware, routing, the handler). `PROFILE_TOP=N` also prints the N functions with the
most own time. `EXPLAIN=1` prints `EXPLAIN (ANALYZE, BUFFERS)` of every query of each request.
"""

import cProfile
import os
import pstats
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
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from bench.run import check_database, client_for, scenarios  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "10"))
TOP = int(os.environ.get("PROFILE_TOP", "0"))

# (file suffix, function name) whose cumulative time is each bucket.
SERIALISE = [("rest_framework/serializers.py", "to_representation")]
TEMPLATES = [("django/template/base.py", "render")]
VIEWS = [
    ("rest_framework/views.py", "dispatch"),
    ("cadres/views/cadre.py", "cadre_list"),
    ("cadres/views/dashboard.py", "structure"),
    ("bench/bare.py", "bare_cadres"),
]


class SqlTimer:
    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def outermost(stats: pstats.Stats, targets) -> float:
    """The largest cumulative time among the target functions (recursive renders nest)."""
    best = 0.0
    for (filename, _line, name), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():
        if any(filename.endswith(suffix) and name == target for suffix, target in targets):
            best = max(best, cumulative)
    return best


def profile(client, path, params) -> dict:
    for _ in range(2):
        client.get(path, params)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        client.get(path, params)
        timings.append((time.perf_counter() - started) * 1000)
    timer = SqlTimer()
    profiler = cProfile.Profile()
    with connection.execute_wrapper(timer), CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        profiler.enable()
        response = client.get(path, params)
        profiler.disable()
        total = time.perf_counter() - started
    stats = pstats.Stats(profiler)
    view = outermost(stats, VIEWS)
    serialise, templates = outermost(stats, SERIALISE), outermost(stats, TEMPLATES)
    # Under the profiler everything runs slower; the buckets are shares of the profiled run.
    share = {
        "sql": timer.seconds / total,
        "serialise": serialise / total,
        "templates": templates / total,
        "framework": max(0.0, total - view) / total,
    }
    share["other view"] = max(0.0, 1 - sum(share.values()))
    return {
        "median_ms": statistics.median(timings),
        "share": share,
        "queries": queries.captured_queries,
        "bytes": len(response.content),
        "stats": stats,
    }


def explain(queries) -> None:
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT") or "django_session" in sql:
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            print("   ", sql[:300])
            for (line,) in cursor.fetchall():
                print("      ", line)


def main(labels: list[str]) -> None:
    province, _small = check_database()
    client = client_for(province)
    requests = [("bare view", "/bench/bare/", {}), *scenarios(province)]
    print(f"load average {os.getloadavg()[0]:.2f}")
    print(f"{'request':<24}{'median':>8}{'q':>4}{'KB':>6}  sql  ser  tpl  frm  view")
    with override_settings(ROOT_URLCONF="bench.urls"):
        for label, path, params in requests:
            if labels and label not in labels:
                continue
            result = profile(client, path, params)
            share = "".join(
                f"{round(100 * result['share'][k]):>5}"
                for k in ("sql", "serialise", "templates", "framework", "other view")
            )
            print(
                f"{label:<24}{result['median_ms']:>8.1f}{len(result['queries']):>4}"
                f"{result['bytes'] // 1024:>6}{share}"
            )
            if TOP:
                result["stats"].sort_stats("tottime").print_stats(TOP)
            if os.environ.get("EXPLAIN"):
                explain(result["queries"])
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
