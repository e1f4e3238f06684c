"""HR users as locust sees them: the roster, search, a record, the dashboard, the due list, an export.

Run by bench/load.py (which starts gunicorn and writes the sample file); by hand:

    LOAD_SAMPLE=var/bench-load-sample.json .venv/bin/locust -f bench/locustfile.py --headless \
        -u 50 -r 10 -t 60s --host http://127.0.0.1:8110 HRUser

`HRUser` uses the session bench/load.py opened for the `province` HR login and, between pauses of 1–3 s
(someone reading the page; `LOAD_PAUSE`), opens the HTML roster and the list API, searches by initials, a name
and a unit, opens a cadre's record page, the structure dashboard and the due list, and now and then
exports one institution's roster to Excel. `BareUser` requests only the bare view
(`bench/bare.py`) with the same pauses: the yardstick the HR figures are compared with.
"""

import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, task

SAMPLE = json.loads(Path(os.environ.get("LOAD_SAMPLE", "var/bench-load-sample.json")).read_text("utf-8"))
# Seconds between one user's requests, "low,high" (LOAD_PAUSE=0,0: as fast as the server answers).
PAUSE = tuple(float(x) for x in os.environ.get("LOAD_PAUSE", "1,3").split(","))


class LoggedIn(HttpUser):
    abstract = True
    wait_time = between(*PAUSE)

    def on_start(self):
        # The session bench/load.py logged in (sessions live in Redis: any worker reads them).
        for name, value in SAMPLE["cookies"].items():
            self.client.cookies.set(name, value)


class HRUser(LoggedIn):
    @task(6)
    def roster(self):
        self.client.get("/cadres/", name="roster (HTML)")

    @task(4)
    def roster_api(self):
        self.client.get("/api/v1/cadres/?page_size=20", name="list API, 20 rows")

    @task(3)
    def search_initials(self):
        self.client.get(
            f"/api/v1/cadres/?q={random.choice(SAMPLE['initials'])}&page_size=20", name="search: initials"
        )

    @task(3)
    def search_name(self):
        self.client.get(
            f"/api/v1/cadres/?q={random.choice(SAMPLE['names'])}&page_size=20", name="search: name"
        )

    @task(2)
    def search_unit(self):
        self.client.get("/cadres/?q=组织部", name="search: unit (HTML)")

    @task(5)
    def record(self):
        self.client.get(f"/cadres/{random.choice(SAMPLE['cadres'])}/", name="record page")

    @task(2)
    def dashboard(self):
        self.client.get("/dashboard/structure/", name="structure dashboard")

    @task(2)
    def due(self):
        self.client.get("/due/", name="due list")

    @task(1)
    def export(self):
        self.client.get(f"/cadres/export/?unit={random.choice(SAMPLE['institutions'])}", name="export (xlsx)")


class BareUser(LoggedIn):
    @task
    def bare(self):
        self.client.get("/bench/bare/", name="bare view")
