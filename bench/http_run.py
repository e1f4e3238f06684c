"""Time the pages as users get them: gunicorn, production settings, the province data, logged in.

    DATABASE_URL=postgres://…/cadre_bench REDIS_URL=redis://…/4 .venv/bin/python bench/http_run.py

Starts gunicorn (2 sync workers, `bench.settings`: production plus the bare view at /bench/bare/)
on BENCH_PORT (default 8110), logs in as the `province` user, then for each request runs
BENCH_ROUNDS interleaved rounds (default 3) of BENCH_REQUESTS sequential requests (default 30)
and reports the median of the rounds' medians, its ratio to the bare view measured in the same
rounds, and p95. Then BENCH_CLIENTS clients (default 10) request the bare view, the list API and
the HTML list for BENCH_SECONDS each (default 15): requests per second and the share of the bare
view's. "dashboard, cold" retires the cached figures before each request. Writes
bench/results/http-<date>.json; the load average is printed with every phase (other work on the
machine skews times, the ratios less).
"""

# Not bench/http.py: run as a script, its folder comes first on sys.path, and a file named http.py
# there would shadow the standard library's http package for every script in bench/.
import datetime
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", "bench-only-field-encryption-key-0123456789")
os.environ.setdefault("FIELD_INDEX_KEYS", "bench-only-field-index-key-0123456789")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from cadres.demo.province import PROVINCE_USER  # noqa: E402
from cadres.models import Cadre  # noqa: E402
from cadres.signals import figures_changed  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", "8110"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "30"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "10"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "15"))
BARE = "bare view"
# BENCH_USER=national (after `seed_demo --scale national`): the same requests over 300,000 cadres.
USER = os.environ.get("BENCH_USER", PROVINCE_USER)

REQUESTS_TIMED = [
    (BARE, "/bench/bare/", {}),
    ("cadres API, 20 rows", "/api/v1/cadres/", {"page_size": 20}),
    ("cadres API, 50 rows", "/api/v1/cadres/", {}),
    ("cadre list page (HTML)", "/cadres/", {}),
    ("search 'sz'", "/api/v1/cadres/", {"q": "sz", "page_size": 20}),
    ("search by name", "/api/v1/cadres/", {"q": None, "page_size": 20}),  # a name from the data
    ("search by unit", "/api/v1/cadres/", {"q": "组织部", "page_size": 20}),
    ("structure dashboard", "/dashboard/structure/", {}),
]
CONCURRENT = [BARE, "cadres API, 20 rows", "cadre list page (HTML)"]


def load() -> float:
    return round(os.getloadavg()[0], 2)


class Session:
    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers={"Cookie": cookie, **(headers or {})})
        response = connection.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response.status, data

    def login(self, username: str, password: str) -> None:
        status, page = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        body = urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        status, _ = self.request("POST", "/accounts/login/", body, headers)
        if status != 302 or "sessionid" not in self.cookies:
            sys.exit(f"bench: logging in as {username!r} failed ({status})")


def url(path: str, params: dict) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def timed(session: Session, target: str, *, cold: bool = False) -> float:
    if cold:
        figures_changed()
    started = time.perf_counter()
    status, _ = session.request("GET", target)
    elapsed = (time.perf_counter() - started) * 1000
    if status != 200:
        sys.exit(f"bench: GET {target} answered {status}")
    return elapsed


def sequential(session: Session) -> dict[str, dict]:
    requests = [*REQUESTS_TIMED, ("structure dashboard, cold", "/dashboard/structure/", {})]
    rounds: dict[str, list[list[float]]] = {label: [] for label, _p, _q in requests}
    loads = []
    for _round in range(ROUNDS):
        loads.append(load())
        for label, path, params in requests:
            target = url(path, params)
            cold = label.endswith("cold")
            timed(session, target, cold=cold)  # a warm-up in each round
            rounds[label].append(sorted(timed(session, target, cold=cold) for _ in range(REQUESTS)))
    bare = statistics.median(statistics.median(r) for r in rounds[BARE])
    results = {}
    for label, samples in rounds.items():
        median = statistics.median(statistics.median(r) for r in samples)
        every = sorted(t for r in samples for t in r)
        results[label] = {
            "median_ms": round(median, 1),
            "p95_ms": round(every[int(0.95 * (len(every) - 1))], 1),
            "ratio": round(median / bare, 1),
        }
    results["_load"] = loads
    return results


def throughput(session: Session, target: str) -> float:
    done = []
    deadline = time.perf_counter() + SECONDS

    def client():
        mine = Session()
        mine.cookies = dict(session.cookies)
        count = 0
        while time.perf_counter() < deadline:
            mine.request("GET", target)
            count += 1
        done.append(count)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return round(sum(done) / SECONDS, 1)


def start_gunicorn() -> subprocess.Popen:
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        print("bench: collecting static files (once)…")
        call_command("collectstatic", interactive=False, verbosity=0)
    server = subprocess.Popen(  # noqa: S603  our own gunicorn with fixed arguments
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--workers=2",
            f"--bind=127.0.0.1:{PORT}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/healthz")
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("bench: gunicorn did not start")


def main() -> None:
    name = Cadre.objects.order_by("id").values_list("name", flat=True)[15000]
    for _label, _path, params in REQUESTS_TIMED:
        if params.get("q", "") is None:
            params["q"] = name
    server = start_gunicorn()
    try:
        session = Session()
        session.login(USER, settings.DEMO_PASSWORD)
        print(f"load average {load()}; {ROUNDS} rounds × {REQUESTS} requests, 2 gunicorn workers, as {USER}")
        results = sequential(session)
        print(f"{'request':<28}{'median ms':>10}{'p95 ms':>9}{'× bare':>8}")
        for label, row in results.items():
            if not label.startswith("_"):
                print(f"{label:<28}{row['median_ms']:>10}{row['p95_ms']:>9}{row['ratio']:>8}")
        print(f"load average per round: {results['_load']}")
        rates = {}
        for label in CONCURRENT:
            path, params = next((p, q) for lbl, p, q in REQUESTS_TIMED if lbl == label)
            rates[label] = {"load": load(), "req_s": throughput(session, url(path, params))}
        bare = rates[BARE]["req_s"]
        print(f"\n{CLIENTS} clients for {SECONDS:.0f} s each:")
        for label, rate in rates.items():
            share = round(100 * rate["req_s"] / bare) if bare else 0
            print(f"{label:<28}{rate['req_s']:>8} req/s {share:>4} % of bare   (load {rate['load']})")
        out = ROOT / "bench" / "results" / f"http-{datetime.datetime.now():%Y-%m-%d-%H%M%S}.json"
        out.parent.mkdir(exist_ok=True)
        record = {
            "date": datetime.datetime.now().isoformat(timespec="seconds"),
            "user": USER,
            "sequential": results,
        }
        out.write_text(json.dumps(record | {"concurrent": rates}, ensure_ascii=False, indent=2) + "\n")
        print(f"Written to {out.relative_to(ROOT)}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
