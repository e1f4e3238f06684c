"""Settings come from the environment and refuse bad values at start-up."""

import os
import secrets
import subprocess
import sys

import pytest

from tests.subprocesses import ROOT, child_env, database_url, run_manage


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
            "FIELD_ENCRYPTION_KEYS": secrets.token_urlsafe(40),
            "FIELD_INDEX_KEYS": secrets.token_urlsafe(40),
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


PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "FIELD_ENCRYPTION_KEYS": secrets.token_urlsafe(40),
    "FIELD_INDEX_KEYS": secrets.token_urlsafe(40),
    "ALLOWED_HOSTS": "cadre.example.edu.cn",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/cadre_settings_never_connected",
    "REDIS_URL": os.environ["REDIS_URL"],
}
POSTGRES = "django.db.backends.postgresql"


@pytest.mark.parametrize(
    ("requested", "engine", "driver", "expected"),
    [
        (True, POSTGRES, "psycopg", True),
        (False, POSTGRES, "psycopg", False),
        (False, POSTGRES, "psycopg2", False),
        (True, "django.db.backends.sqlite3", "psycopg2", False),
    ],
)
def test_database_pool_is_on_only_when_asked_for_on_psycopg3(requested, engine, driver, expected):
    from config.settings.base import database_pool

    assert database_pool(requested=requested, engine=engine, driver=driver, pool_installed=True) is expected


@pytest.mark.parametrize(
    ("driver", "pool_installed", "message"),
    [("psycopg2", True, "psycopg2 has no pool"), ("psycopg", False, "psycopg-pool package")],
)
def test_database_pool_asked_for_without_its_driver_stops_startup(driver, pool_installed, message):
    from django.core.exceptions import ImproperlyConfigured

    from config.settings.base import database_pool

    with pytest.raises(ImproperlyConfigured, match="DATABASE_POOL") as raised:
        database_pool(requested=True, engine=POSTGRES, driver=driver, pool_installed=pool_installed)
    assert message in str(raised.value)


def test_database_pool_connects_through_psycopg3_pool(db):
    from django.db import connection

    url = database_url(connection.settings_dict)
    pooled = {**PRODUCTION_ENV, "DATABASE_URL": url, "DATABASE_POOL": "true"}
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.db import connection; connection.ensure_connection(); "
        "print(type(connection.pool).__name__, connection.settings_dict['OPTIONS'])",
        env_overrides=pooled,
        settings_module="config.settings.production",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ConnectionPool {'pool': {'min_size': 1, 'max_size': 4}}"


# Django's backend falls back to psycopg2 when psycopg does not import: hide psycopg 3 and load the
# production settings alone (no driver at all is installed then, so Django itself cannot start).
WITHOUT_PSYCOPG3 = (
    "import sys; sys.modules['psycopg'] = None; from django.conf import settings; "
    "print(settings.DATABASES['default'].get('OPTIONS', {}))"
)


def load_settings_without_psycopg3(env_overrides):
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_PSYCOPG3],
        cwd=ROOT,
        env=child_env("config.settings.production", env_overrides),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_settings_load_without_psycopg3_and_leave_the_pool_off():
    result = load_settings_without_psycopg3(PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "{}"

    result = load_settings_without_psycopg3({**PRODUCTION_ENV, "DATABASE_POOL": "true"})
    assert result.returncode != 0
    assert "DATABASE_POOL=true needs psycopg 3, but the PostgreSQL driver here is missing" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DATABASE_URL", "sqlite:///cadre.sqlite3", "DATABASE_URL must point to PostgreSQL in production"),
        ("REDIS_URL", "", "REDIS_URL must be set in production"),
    ],
)
def test_production_requires_postgresql_and_redis(variable, value, message):
    broken = {**PRODUCTION_ENV, variable: value}
    result = run_manage("check", env_overrides=broken, settings_module="config.settings.production")
    assert result.returncode != 0
    assert message in result.stderr


def test_production_answers_json_only_and_local_keeps_the_browsable_api():
    code = (
        "from rest_framework.settings import api_settings as a; "
        "print([r.__name__ for r in a.DEFAULT_RENDERER_CLASSES])"
    )
    production = {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "FIELD_ENCRYPTION_KEYS": secrets.token_urlsafe(40),
        "FIELD_INDEX_KEYS": secrets.token_urlsafe(40),
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/cadre",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
    }
    result = run_manage(
        "shell", "-c", code, env_overrides=production, settings_module="config.settings.production"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "['JSONRenderer']"
    result = run_manage("shell", "-c", code, env_overrides={}, settings_module="config.settings.local")
    assert result.returncode == 0, result.stderr
    assert "BrowsableAPIRenderer" in result.stdout


def test_production_pools_connections_and_keeps_sessions_in_redis_by_default():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d.get('OPTIONS', {}).get('pool'), d['CONN_MAX_AGE'], settings.SESSION_ENGINE)",
        env_overrides={k: v for k, v in PRODUCTION_ENV.items() if k != "DATABASE_POOL"},
        settings_module="config.settings.production",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "{'min_size': 1, 'max_size': 4} 0 django.contrib.sessions.backends.cache"
    )


def test_production_without_the_pool_keeps_health_checked_connections():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d.get('OPTIONS', {}).get('pool'), d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])",
        env_overrides={**PRODUCTION_ENV, "DATABASE_POOL": "false"},
        settings_module="config.settings.production",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None 60 True"
