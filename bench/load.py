"""50 concurrent HR users against gunicorn with the production settings, and the bare view beside them.

    DATABASE_URL=postgres://…/cadre_bench REDIS_URL=redis://…/4 .venv/bin/python bench/load.py

Starts gunicorn as bench/http_run.py does (2 sync workers, `bench.settings`), writes the sample
the locustfile draws from (cadre ids, names, initials and institutions of the `province` user's
scope) and runs locust headless twice, bounded in users and time: LOAD_USERS HR users (default
50, spawned 10 a second) for LOAD_SECONDS (default 60) through bench/locustfile.py's `HRUser`,
then as many users requesting only the bare view. Prints p50/p95 per request, requests per
second, errors and each p50's ratio to the bare view's, with the load average; writes
bench/results/load-<date>.json. LOAD_PAUSE ("1,3") sets the pause between one user's requests.
"""

import csv
import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from django.conf import settings  # noqa: E402

from bench.http_run import PORT, Session, load, start_gunicorn  # noqa: E402  sets up Django (bench.settings)
from cadres.demo.province import PROVINCE_USER  # noqa: E402
from cadres.models import Cadre, OrgUnit, OrgUnitKind  # noqa: E402
from core.models import User  # noqa: E402
from core.scope import scoped  # noqa: E402

USERS = int(os.environ.get("LOAD_USERS", "50"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
VAR = ROOT / "var"


def write_sample(cookies: dict[str, str]) -> Path:
    user = User.objects.get(username=PROVINCE_USER)
    cadres = scoped(user, Cadre.objects.all()).order_by("?").values_list("pk", "name", "name_initials")[:300]
    institutions = scoped(user, OrgUnit.objects.filter(kind=OrgUnitKind.INSTITUTION)).values_list(
        "pk", flat=True
    )
    sample = {
        # One login shared by every simulated user: 50 password hashes at once took the first
        # 30 s of a run, and logging in is not what is measured.
        "cookies": cookies,
        "cadres": [pk for pk, _n, _i in cadres],
        "names": [name for _p, name, _i in cadres[:50]],
        "initials": sorted({initials for _p, _n, initials in cadres if initials})[:50],
        "institutions": list(institutions[:100]),
    }
    VAR.mkdir(exist_ok=True)
    path = VAR / "bench-load-sample.json"
    path.write_text(json.dumps(sample, ensure_ascii=False), "utf-8")
    return path


def run_locust(user_class: str, sample: Path) -> dict:
    prefix = VAR / f"load-{user_class}"
    before = load()
    subprocess.run(  # noqa: S603  our own locust with fixed arguments
        [
            str(Path(sys.executable).parent / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            f"--users={USERS}",
            "--spawn-rate=10",
            f"--run-time={SECONDS}s",
            f"--host=http://127.0.0.1:{PORT}",
            f"--csv={prefix}",
            "--only-summary",
            "--loglevel=WARNING",
            user_class,
        ],
        cwd=ROOT,
        env=os.environ | {"LOAD_SAMPLE": str(sample)},
        check=False,
        stdout=subprocess.DEVNULL,
    )
    rows = {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        for row in csv.DictReader(stats):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "p50_ms": float(row["50%"]),
                "p95_ms": float(row["95%"]),
                "req_s": round(float(row["Requests/s"]), 1),
            }
    return {"rows": rows, "load": [before, load()]}


def main() -> None:
    server = start_gunicorn()
    try:
        session = Session()
        session.login(PROVINCE_USER, settings.DEMO_PASSWORD)
        sample = write_sample(session.cookies)
        print(f"load average {load()}; {USERS} users for {SECONDS} s each, 2 gunicorn workers")
        hr = run_locust("HRUser", sample)
        bare = run_locust("BareUser", sample)
    finally:
        server.terminate()
        server.wait(timeout=30)
    bare_p50 = bare["rows"]["bare view"]["p50_ms"] or 1
    print(f"{'request':<24}{'n':>7}{'err':>5}{'p50 ms':>8}{'p95 ms':>8}{'req/s':>7}{'p50 × bare':>11}")
    for name, row in [*hr["rows"].items(), *bare["rows"].items()]:
        print(
            f"{name:<24}{row['requests']:>7}{row['errors']:>5}{row['p50_ms']:>8.0f}{row['p95_ms']:>8.0f}"
            f"{row['req_s']:>7}{row['p50_ms'] / bare_p50:>11.1f}"
        )
    print(f"load average: HR run {hr['load']}, bare run {bare['load']}")
    out = ROOT / "bench" / "results" / f"load-{datetime.datetime.now():%Y-%m-%d-%H%M%S}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"users": USERS, "seconds": SECONDS, "hr": hr, "bare": bare}, indent=2) + "\n")
    print(f"Written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
