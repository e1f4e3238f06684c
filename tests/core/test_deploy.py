"""The production path: collectstatic, then gunicorn with the production settings behind an HTTPS proxy.

The proxy is played by the test: it sends the Host of ALLOWED_HOSTS and X-Forwarded-Proto: https,
as deploy/nginx/cadre.conf does. gunicorn runs with deploy/gunicorn.conf.py, as the systemd unit does.
"""

import gzip
import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.db import connection

from tests.subprocesses import ROOT, child_env, database_url, run_manage

pytestmark = pytest.mark.deploy

HOST = "cadre.example.edu.cn"
PASSWORD = "Deploy-test-" + secrets.token_urlsafe(12)
UNIT_NAME = "部署检查学院"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Proxy:
    """Requests as the reverse proxy forwards them, with the cookies a browser would keep."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method, path, *, body=None, headers=None, https=True):
        sent = {"Host": HOST, **({"X-Forwarded-Proto": "https"} if https else {}), **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            content = response.read()
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                assert morsel["secure"], f"cookie {name} is not Secure under HTTPS: {header}"
                self.cookies[name] = morsel.value
        return response, content


@pytest.fixture
def deploy_database(django_db_setup, django_db_blocker, tmp_path):
    """A copy of the migrated test database: what the children commit never reaches the other tests,
    and no flush afterwards removes the rows the data migrations wrote. pg_dump, not CREATE DATABASE
    ... TEMPLATE, which fails while any session (a browser test's, say) is still connected."""
    source = connection.settings_dict
    copy = {**source, "NAME": f"{source['NAME']}_deploy"}
    dump = tmp_path / "test-database.dump"
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{copy["NAME"]}"')
        cursor.execute(f'CREATE DATABASE "{copy["NAME"]}"')
    for command in (
        ["pg_dump", "--format=custom", f"--file={dump}", f"--dbname={database_url(source)}"],
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={database_url(copy)}", str(dump)],
    ):
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    # A transactional test with serialized_rollback flushes without post_migrate: the role groups
    # may be gone from the test database by now. migrate's post_migrate brings them back.
    migrated = run_manage(
        "migrate",
        "--noinput",
        env_overrides={"DATABASE_URL": database_url(copy)},
        settings_module="config.settings.test",
    )
    assert migrated.returncode == 0, migrated.stderr
    yield copy
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{copy["NAME"]}"')


@pytest.fixture
def production_env(tmp_path, deploy_database):
    return {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "FIELD_ENCRYPTION_KEYS": secrets.token_urlsafe(40),
        "FIELD_INDEX_KEYS": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database_url(deploy_database),
        "REDIS_URL": os.environ["REDIS_URL"],
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
    }


# An HR user of the test's own, made under the production settings (so with their password hasher).
CREATE_USER = f"""
from cadres.models import OrgUnitKind
from core.roles import HR
from tests.factories import OrgUnitFactory, UserFactory
root = OrgUnitFactory(code="DEPLOY", name="{UNIT_NAME}", kind=OrgUnitKind.INSTITUTION)
UserFactory(username="deploy-check", password="{PASSWORD}", role=HR, scope_unit=root)
"""


@pytest.fixture
def hr_user(production_env):
    made = run_manage(
        "shell",
        "--no-imports",
        "-c",
        CREATE_USER,
        env_overrides=production_env,
        settings_module="config.settings.production",
    )
    assert made.returncode == 0, made.stdout + made.stderr


# Brotli at its best quality takes most of collectstatic's minute; gzip alone proves the compressed
# manifest storage (a server with the brotli package gets both).
WITHOUT_BROTLI = (
    "import runpy, sys; sys.modules['brotli'] = None; "
    "sys.argv = ['manage.py', 'collectstatic', '--noinput']; runpy.run_path('manage.py', run_name='__main__')"
)


def collectstatic_without_brotli(env: dict):
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_BROTLI],
        cwd=ROOT,
        env=child_env("config.settings.production", env),
        capture_output=True,
        text=True,
        timeout=300,
    )


def start_gunicorn(env: dict, port: int, log_path):
    log = open(log_path, "wb")  # noqa: SIM115  closed by stop_gunicorn
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn"),
            *("--config", "deploy/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "--workers", "2"),
            # gunicorn would itself take X-Forwarded-Proto from 127.0.0.1; trusting only an address
            # that is not ours leaves it to Django's SECURE_PROXY_SSL_HEADER, as behind a remote proxy.
            *("--forwarded-allow-ips", "192.0.2.1"),
            "config.wsgi",
        ],
        cwd=ROOT,
        env=child_env("config.settings.production", env),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return process, log


def stop_gunicorn(process, log):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    log.close()


def wait_for_health(proxy: Proxy, process, describe) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, f"gunicorn exited with {process.returncode}\n{describe()}"
        try:
            response, content = proxy.request("GET", "/healthz")
        except OSError:
            time.sleep(0.3)
            continue
        assert response.status == 200, f"/healthz answered {response.status}: {content!r}\n{describe()}"
        return json.loads(content)
    raise AssertionError(f"gunicorn did not answer /healthz within 60 s\n{describe()}")


def log_in(proxy: Proxy, describe):
    response, content = proxy.request("GET", "/accounts/login/")
    assert response.status == 200, describe()
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1).decode()
    assert "csrftoken" in proxy.cookies
    # A browser sends Origin with a form POST; Django checks it against Host under HTTPS.
    response, _ = proxy.request(
        "POST",
        "/accounts/login/",
        body=urlencode({"csrfmiddlewaretoken": token, "username": "deploy-check", "password": PASSWORD}),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": f"https://{HOST}"},
    )
    assert response.status == 302, f"login answered {response.status}\n{describe()}"
    assert response.getheader("Location") == "/"
    assert "sessionid" in proxy.cookies


def test_gunicorn_serves_the_app_and_its_static_files_behind_an_https_proxy(
    production_env, hr_user, tmp_path
):
    collected = collectstatic_without_brotli(production_env)
    assert collected.returncode == 0, collected.stdout + collected.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]

    port = free_port()
    log_path = tmp_path / "gunicorn.log"
    process, log = start_gunicorn(production_env, port, log_path)

    def describe():
        return "gunicorn log (last 40 lines):\n" + "\n".join(log_path.read_text().splitlines()[-40:])

    proxy = Proxy(port)
    try:
        health = wait_for_health(proxy, process, describe)
        assert health["database"] == {"ok": True, "vendor": "postgresql"}
        assert health["broker"]["transport"] == "redis"

        # Without the proxy's header the request is plain HTTP: redirected, except the health probe.
        response, _ = proxy.request("GET", "/", https=False)
        assert (response.status, response.getheader("Location")) == (301, f"https://{HOST}/")
        response, _ = proxy.request("GET", "/healthz", https=False)
        assert response.status == 200, describe()

        response, _ = proxy.request("GET", "/")
        assert response.status == 302
        assert response.getheader("Location") == "/accounts/login/?next=/"
        assert "max-age=31536000" in response.getheader("Strict-Transport-Security")

        log_in(proxy, describe)
        response, content = proxy.request("GET", "/")
        assert response.status == 200, describe()
        page = content.decode()
        assert UNIT_NAME in page
        assert "deploy-check" in page

        hashed = manifest["css/app.css"]
        assert f'href="/static/{hashed}"' in page
        response, content = proxy.request("GET", f"/static/{hashed}", headers={"Accept-Encoding": "gzip"})
        assert response.status == 200, describe()
        assert response.getheader("Content-Encoding") == "gzip"
        assert "immutable" in response.getheader("Cache-Control")
        assert gzip.decompress(content) == (ROOT / "static" / "css" / "app.css").read_bytes()
    finally:
        stop_gunicorn(process, log)
