"""Production settings with the benchmark's URLconf, for gunicorn on plain HTTP at 127.0.0.1."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# The benchmark talks plain HTTP to gunicorn: no proxy in front to terminate TLS.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
