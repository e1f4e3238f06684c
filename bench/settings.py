"""Production settings with the benchmark's URLconf, for gunicorn on plain HTTP at 127.0.0.1."""

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
