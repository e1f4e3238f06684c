"""Python function calls per request: a measure of our own work that other load does not skew.

    DATABASE_URL=postgres://…/cadre_bench REDIS_URL=redis://…/4 .venv/bin/python bench/calls.py [label …]

Runs each request of bench/http_run.py in process through `django.test.Client` with the production
settings (`bench.settings`, DEBUG off, Redis cache and sessions) as the `province` user, warm, and
counts the Python function calls of one request under cProfile (primitive and recursive calls
alike) beside the bare view's: wall time on a shared machine moves with the neighbours' load, the
call count only with our code. `BY_PACKAGE=N` prints the N packages (or files of ours) with the
most calls, `PROFILE_TOP=N` prints the N functions with the most cumulative time.
"""

import cProfile
import os
import pstats
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", "bench-only-field-encryption-key-0123456789")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from cadres.demo.province import PROVINCE_USER  # noqa: E402
from cadres.models import Cadre  # noqa: E402
from core.models import User  # noqa: E402

TOP = int(os.environ.get("PROFILE_TOP", "0"))
RUNS = int(os.environ.get("BENCH_RUNS", "20"))


def requests() -> list[tuple[str, str, dict]]:
    name = Cadre.objects.order_by("id").values_list("name", flat=True)[15000]
    sample = Cadre.objects.select_related("unit").order_by("id")[15000]
    return [
        ("bare view", "/bench/bare/", {}),
        ("cadres API, 20 rows", "/api/v1/cadres/", {"page_size": 20}),
        ("cadres API, 50 rows", "/api/v1/cadres/", {}),
        ("cadre list page (HTML)", "/cadres/", {}),
        ("search 'sz'", "/api/v1/cadres/", {"q": "sz", "page_size": 20}),
        ("search by name", "/api/v1/cadres/", {"q": name, "page_size": 20}),
        ("search by unit", "/api/v1/cadres/", {"q": "组织部", "page_size": 20}),
        ("structure dashboard", "/dashboard/structure/", {}),
        # What bench/locustfile.py's HR users also open.
        ("record page", f"/cadres/{sample.pk}/", {}),
        ("due list", "/due/", {}),
        ("export (one institution)", "/cadres/export/", {"unit": sample.unit.path.split("/")[2]}),
    ]


def by_package(stats: pstats.Stats) -> Counter:
    """Calls per package (site-packages' first two levels) or per file of ours."""
    counts: Counter = Counter()
    for (filename, _line, _name), (_cc, calls, *_rest) in stats.stats.items():
        if "site-packages/" in filename:
            where = "/".join(filename.split("site-packages/", 1)[1].split("/")[:2])
        elif str(ROOT) in filename:
            where = filename.split(str(ROOT) + "/", 1)[1]
        else:
            where = "(python) " + filename.rsplit("/", 1)[-1]
        counts[where] += calls
    return counts


def main(labels: list[str]) -> None:
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()
    client.force_login(User.objects.get(username=PROVINCE_USER))
    print(f"load average {os.getloadavg()[0]:.2f}")
    print(f"{'request':<26}{'calls':>9}{'× bare':>8}{'queries':>8}{'ms (cpu)':>10}{'ms (wall)':>10}")
    bare_calls = None
    for label, path, params in requests():
        if labels and label not in labels and label != "bare view":
            continue
        for _ in range(3):
            assert client.get(path, params).status_code == 200, (path, params)
        cpu, wall = [], []
        for _ in range(RUNS):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(path, params)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        profiler = cProfile.Profile()
        with CaptureQueriesContext(connection) as queries:
            profiler.enable()
            client.get(path, params)
            profiler.disable()
        stats = pstats.Stats(profiler)
        calls = stats.total_calls
        bare_calls = bare_calls or calls
        cpu.sort()
        wall.sort()
        print(
            f"{label:<26}{calls:>9}{calls / bare_calls:>8.1f}{len(queries):>8}"
            f"{cpu[len(cpu) // 2]:>10.1f}{wall[len(wall) // 2]:>10.1f}"
        )
        if os.environ.get("BY_PACKAGE") and label != "bare view":
            for where, count in by_package(stats).most_common(int(os.environ["BY_PACKAGE"])):
                print(f"    {count:>7}  {where}")
        if TOP and label != "bare view":
            stats.sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(TOP)
        if os.environ.get("SQL"):
            for query in queries:
                print("    ", query["sql"][:200])
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
