"""Run manage.py in a child process, with settings of its own, against the database pytest made."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
# Variables a child must not inherit from the test run unless a test gives them.
SCRUBBED = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}


def child_env(settings_module: str, overrides: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    return {**env, "DJANGO_SETTINGS_MODULE": settings_module, **overrides}


def run_manage(*args, env_overrides, settings_module, timeout=120):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=child_env(settings_module, env_overrides),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def database_url(settings_dict: dict) -> str:
    """DATABASE_URL of a connection's database, e.g. the test database pytest-django created."""
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    auth = f"{user}:{password}@" if password else f"{user}@" if user else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or "5432"
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"
