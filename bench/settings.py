"""Production settings with the benchmark's URLconf, for gunicorn on plain HTTP at 127.0.0.1."""

import os

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# The benchmark talks plain HTTP to gunicorn: no proxy in front to terminate TLS.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# The manifest as in production (the {% static %} lookups cost the same), without compressing every
# file at collectstatic: bench/http.py collects into a directory of its own.
STATIC_ROOT = BASE_DIR / "var" / "bench-static"  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

# To measure what the Redis sessions save: BENCH_SESSION_ENGINE=django.contrib.sessions.backends.db
SESSION_ENGINE = os.environ.get(
    "BENCH_SESSION_ENGINE", globals().get("SESSION_ENGINE", "django.contrib.sessions.backends.db")
)

# As production's database is set (README, "PostgreSQL: jit = off"): compiling took longer than
# the dashboard's queries.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"  # noqa: F405
