"""Settings come from the environment and refuse bad values at start-up."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_overrides, settings_module):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    env.update({"DJANGO_SETTINGS_MODULE": settings_module, **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_secret_key_required_when_debug_off():
    result = run_manage(
        "check", env_overrides={"DEBUG": "false"}, settings_module="config.settings.production"
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_malformed_boolean_stops_startup_naming_the_variable():
    result = run_manage("check", env_overrides={"DEBUG": "ture"}, settings_module="config.settings.local")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_quick_start_runs_on_sqlite_without_database_url():
    result = run_manage(
        "shell",
        "-c",
        "from django.db import connection; print(connection.vendor)",
        env_overrides={},
        settings_module="config.settings.local",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("sqlite")


def test_check_deploy_has_no_warnings_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "cadre.example.edu.cn",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/cadre",
        },
        settings_module="config.settings.production",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(("name", "expected"), [("TIME_ZONE", "Asia/Shanghai"), ("LANGUAGE_CODE", "zh-hans")])
def test_locale_settings(settings, name, expected):
    assert getattr(settings, name) == expected
    assert settings.USE_TZ is True
    assert "en" in dict(settings.LANGUAGES)
