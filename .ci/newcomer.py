#!/usr/bin/env python3
"""Start the main job the way a newcomer does, and fail loudly if it does not serve.

From a fresh `git clone` of this repository into a temporary folder, with no DATABASE_URL
or REDIS_URL, run `make run` on a free port; wait for /healthz; log in with a demo login
through the API and through the HTML login form; load the roster page, the structure
dashboard and a static file; then stop everything that was started. On failure print the
tail of the log. Standard library only: it runs before any virtualenv exists.

Usage: python3 .ci/newcomer.py [--keep]   (--keep leaves the clone for a look)
"""

import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
START_TIMEOUT = 900  # a first `make run` creates the venv, installs, migrates and seeds
LOGIN, PASSWORD = "hr", "Cadre@2026"
APP_TITLE = "干部管理信息系统"
# The variables a newcomer's shell would not have: the job must choose its embedded defaults.
UNSET = (
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "DJANGO_SETTINGS_MODULE",
    "DEMO_PASSWORD",
    "DEBUG",
    "SECRET_KEY",
    "VIRTUAL_ENV",
    "MAKEFLAGS",
    "MFLAGS",
    "MAKELEVEL",
)


class SmokeFailure(Exception):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """A cookie-keeping client that reads Django's CSRF cookie like a browser's form would."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def request(self, path: str, *, data: dict | None = None, headers: dict | None = None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        try:
            with self.opener.open(req, timeout=30) as resp:
                return resp.status, resp.geturl(), resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.geturl(), exc.read().decode("utf-8", "replace")

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.cookies if c.name == name), "")


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def title_of(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    return match.group(1).strip() if match else ""


def wait_for_health(base: str, proc: subprocess.Popen) -> dict:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SmokeFailure(f"`make run` exited with status {proc.returncode} before serving")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=5) as resp:
                return json.loads(resp.read())
        except urllib.error.HTTPError as exc:
            raise SmokeFailure(f"/healthz answered {exc.code}: {exc.read()[:300]!r}") from exc
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(2)
    raise SmokeFailure(f"/healthz did not answer within {START_TIMEOUT} s")


def check_api_login(base: str) -> None:
    client = Browser(base)
    status, _url, body = client.request("/api/v1/auth/token/", data={"username": LOGIN, "password": PASSWORD})
    expect(status == 200, f"token login answered {status}: {body[:300]}")
    token = json.loads(body)["token"]
    status, _url, body = client.request("/api/v1/me/", headers={"Authorization": f"Token {token}"})
    expect(status == 200 and LOGIN in body, f"/api/v1/me/ with the token answered {status}: {body[:300]}")


def check_pages(base: str) -> list[str]:
    client = Browser(base)
    status, _url, html = client.request("/accounts/login/")
    expect(status == 200, f"login page answered {status}")
    expect(APP_TITLE in title_of(html), f"login page title is {title_of(html)!r}")
    status, url, html = client.request(
        "/accounts/login/",
        data={"username": LOGIN, "password": PASSWORD, "csrfmiddlewaretoken": client.cookie("csrftoken")},
        headers={"Referer": base + "/accounts/login/"},
    )
    expect(status == 200 and "/accounts/login/" not in url, f"form login ended at {url} with {status}")
    seen = []
    for path, title in (("/cadres/", "干部花名册"), ("/dashboard/structure/", "干部队伍结构")):
        status, _url, html = client.request(path)
        expect(status == 200, f"{path} answered {status}")
        expect(title in title_of(html) and APP_TITLE in title_of(html), f"{path} title is {title_of(html)!r}")
        seen.append(f"{path} 200 «{title_of(html)}»")
    static = re.search(r'href="(/static/[^"]+\.css)"', html)
    expect(static is not None, "the dashboard links no stylesheet")
    status, _url, _css = client.request(static.group(1))
    expect(status == 200, f"{static.group(1)} answered {status}")
    seen.append(f"{static.group(1)} 200")
    return seen


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def main() -> int:
    keep = "--keep" in sys.argv
    workdir = Path(tempfile.mkdtemp(prefix="cadre-newcomer-"))
    clone = workdir / "app"
    log_path = workdir / "make-run.log"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    print(f"newcomer: `make run` in a fresh clone ({clone}) on port {port}", flush=True)
    started = time.monotonic()
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            ["make", "run", f"PORT={port}"],
            cwd=clone,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        health = wait_for_health(base, proc)
        print(f"newcomer: /healthz after {time.monotonic() - started:.0f} s: {health}", flush=True)
        expect(health.get("status") == "ok", f"/healthz says {health}")
        expect(
            health["database"].get("vendor") == "sqlite", "the job did not use the embedded SQLite default"
        )
        expect(health["broker"].get("transport") == "filesystem", "the job did not use the serverless broker")
        check_api_login(base)
        print("newcomer: API token login as hr: ok", flush=True)
        for line in check_pages(base):
            print(f"newcomer: {line}", flush=True)
    except SmokeFailure as exc:
        stop(proc)
        tail = log_path.read_text(errors="replace").splitlines()[-60:]
        print(f"newcomer: FAILED: {exc}\n---- last lines of `make run` ----", file=sys.stderr)
        print("\n".join(tail), file=sys.stderr)
        return 1
    finally:
        stop(proc)
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print("newcomer: passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
