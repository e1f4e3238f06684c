"""Time the cadre list API, search, the structure dashboard and the org-unit list at province scale.

Needs a PostgreSQL database loaded with `manage.py seed_demo --scale province` (see bench/README.md):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cadre_bench .venv/bin/python bench/run.py

Every request runs as the `province` user (HR, scope: the whole province) and, for the query-count
check, as `hr` (scope: the demo college, about 160 cadres) against the same database: the two must
issue the same number of queries. Prints a table and writes bench/results/<date>.json.
Environment: BENCH_RUNS (timed runs per request, default 20).
"""

import datetime
import json
import math
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.db import OperationalError, ProgrammingError, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from cadres.demo.province import PROVINCE_CODE, PROVINCE_USER  # noqa: E402
from cadres.models import Appointment, Cadre, CadreStatus, OrgUnit, Post  # noqa: E402
from core.models import User  # noqa: E402
from core.scope import scoped  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "20"))
WARMUP = 2
SMALL_USER = "hr"  # the demo college's HR user: the small data set of the constancy check
DASHBOARD_LIMIT_MS = 1000


def fail(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr)
    print("See bench/README.md: createdb, migrate, seed_demo --scale province, then run.", file=sys.stderr)
    sys.exit(2)


def check_database() -> tuple[User, User | None]:
    if connection.vendor != "postgresql":
        fail(f"DATABASE_URL must point at PostgreSQL (this is {connection.vendor}).")
    try:
        connection.ensure_connection()
    except OperationalError as exc:
        fail(f"cannot connect to the database: {exc}")
    try:
        has_province = OrgUnit.objects.filter(code=PROVINCE_CODE).exists()
    except ProgrammingError:
        fail(f"database {connection.settings_dict['NAME']!r} is not migrated.")
    if not has_province:
        fail(f"no province data in database {connection.settings_dict['NAME']!r}.")
    province = User.objects.filter(username=PROVINCE_USER).first()
    if province is None:
        fail(f"the {PROVINCE_USER!r} user is missing.")
    small = User.objects.filter(username=SMALL_USER).exclude(scope_unit=province.scope_unit).first()
    return province, small


def scenarios(user) -> list[tuple[str, str, dict]]:
    """The requests, with search terms and page numbers taken from the user's own data."""
    cadres = scoped(user, Cadre.objects.filter(status=CadreStatus.SERVING)).order_by("id")
    total = scoped(user, Cadre.objects.all()).count()
    sample = cadres[cadres.count() // 2]
    last_page = max(1, math.ceil(total / 50))
    return [
        ("cadres API, 20 rows", "/api/v1/cadres/", {"page_size": 20}),
        ("cadres API, page 1", "/api/v1/cadres/", {}),
        ("cadres API, page 50", "/api/v1/cadres/", {"page": min(50, last_page)}),
        ("search by name", "/api/v1/cadres/", {"q": sample.name}),
        ("search by initials", "/api/v1/cadres/", {"q": sample.name_initials}),
        ("search by 'sz'", "/api/v1/cadres/", {"q": "sz", "page_size": 20}),
        ("search by unit", "/api/v1/cadres/", {"q": "组织部"}),
        ("cadre list page", "/cadres/", {}),
        ("structure dashboard", "/dashboard/structure/", {}),
        ("org-units API, page 1", "/api/v1/org-units/", {}),
    ]


def measure(client: Client, path: str, params: dict, runs: int) -> dict:
    for _ in range(WARMUP):
        response = client.get(path, params)
        if response.status_code != 200:
            fail(f"GET {path} {params} answered {response.status_code}.")
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(path, params)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    timings.sort()
    result = {
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[min(len(timings) - 1, math.ceil(0.95 * len(timings)) - 1)], 1),
        "queries": len(queries),
        "bytes": len(response.content),
    }
    if response["Content-Type"].startswith("application/json"):
        body = response.json()
        result["count"], result["rows"] = body.get("count"), len(body.get("results", []))
    return result


def client_for(user) -> Client:
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def data_size(user) -> dict:
    return {
        "units": scoped(user, OrgUnit.objects.all()).count(),
        "posts": scoped(user, Post.objects.all()).count(),
        "cadres": scoped(user, Cadre.objects.all()).count(),
        "serving_cadres": scoped(user, Cadre.objects.filter(status=CadreStatus.SERVING)).count(),
        "appointments": scoped(user, Appointment.objects.all()).count(),
    }


def run() -> int:
    province, small = check_database()
    big_client = client_for(province)
    small_client = client_for(small) if small else None
    small_params = {label: (path, params) for label, path, params in scenarios(small)} if small else {}
    print_header()
    rows = []
    for label, path, params in scenarios(province):
        row = {"request": label, "path": path, "params": params, **measure(big_client, path, params, RUNS)}
        if small_client:
            small_path, small_query = small_params[label]
            row["college_queries"] = measure(small_client, small_path, small_query, 1)["queries"]
        rows.append(row)
        print_row(row)
    return report(rows, province, small)


def print_header() -> None:
    print(
        f"{'request':<24}{'median ms':>10}{'p95 ms':>9}{'queries':>9}{'college q':>11}{'rows':>7}{'count':>8}"
    )


def print_row(row: dict) -> None:
    college = row.get("college_queries", "-")
    print(
        f"{row['request']:<24}{row['median_ms']:>10}{row['p95_ms']:>9}{row['queries']:>9}{college:>11}"
        f"{row.get('rows', '-')!s:>7}{row.get('count', '-')!s:>8}"
    )


def report(rows: list[dict], province, small) -> int:
    differing = [
        r["request"] for r in rows if "college_queries" in r and r["college_queries"] != r["queries"]
    ]
    dashboard = next(r for r in rows if r["request"] == "structure dashboard")
    print()
    if small is None:
        print(f"Query-count check skipped: no {SMALL_USER!r} user with a smaller scope (run seed_demo).")
    elif differing:
        print(f"Query counts DIFFER between the college and the province: {', '.join(differing)}")
    else:
        print("Query counts are the same for the college (about 160 cadres) and the province.")
    verdict = "under" if dashboard["median_ms"] < DASHBOARD_LIMIT_MS else "NOT under"
    print(f"Structure dashboard: median {dashboard['median_ms']} ms, {verdict} {DASHBOARD_LIMIT_MS} ms.")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    results = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "runs": RUNS,
        "postgresql": server,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],  # other work on the machine skews times
        "province": data_size(province),
        "college": data_size(small) if small else None,
        "requests": rows,
        "query_counts_constant": not differing if small else None,
    }
    out = ROOT / "bench" / "results" / f"{datetime.date.today():%Y-%m-%d}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    print(f"Data: {results['province']}; load average {results['load_average'][0]} on {os.cpu_count()} CPUs")
    print(f"Written to {out.relative_to(ROOT)}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(run())
