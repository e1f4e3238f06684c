"""Production: DEBUG off, a real SECRET_KEY required, HTTPS settings on, PostgreSQL and Redis required."""

import os
from importlib.util import find_spec

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    DATABASES,
    FIELD_ENCRYPTION_KEYS_DEFAULTED,
    FIELD_INDEX_KEYS_DEFAULTED,
    POOL_OPTIONS,
    REDIS_URL,
    REST_FRAMEWORK,
    env,
    env_bool,
    postgres_driver,
)

PRODUCTION = True

# The one-seat rule is a PostgreSQL exclusion constraint, and a SQLite file or a per-process cache
# would be state that a second process or host cannot see (uploads wait in the cache for their import).
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL in production, e.g. postgres://…")
if FIELD_ENCRYPTION_KEYS_DEFAULTED:
    raise ImproperlyConfigured(
        "FIELD_ENCRYPTION_KEYS must be set in production: the keys of complaint reporters' identities"
    )
if FIELD_INDEX_KEYS_DEFAULTED:
    raise ImproperlyConfigured(
        "FIELD_INDEX_KEYS must be set in production: the keys of the ID numbers' blind index"
    )
if not REDIS_URL:
    raise ImproperlyConfigured("REDIS_URL must be set in production: the cache and the Celery broker")

# Sessions in Redis: the session read and the last-activity write on every request leave the
# database (two queries a request). Redis is required above; a flush of it signs everyone out.
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
# Unless DATABASE_POOL says otherwise, psycopg 3's pool where it is installed: a new PostgreSQL
# connection per request (the server forks a backend and authenticates) cost 2-4 ms of each.
if "DATABASE_POOL" not in os.environ and postgres_driver() == "psycopg" and find_spec("psycopg_pool"):
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = POOL_OPTIONS
if "pool" not in DATABASES["default"].get("OPTIONS", {}):
    # Without the pool (DATABASE_POOL=false): keep connections, checked before each request.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# The reverse proxy terminates TLS and must overwrite this header (nginx: $scheme); gunicorn must be
# reachable by the proxy alone, or a client could claim HTTPS itself.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# A monitor or the proxy's health probe may ask the app server directly over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# JSON only: the browsable API's pages and filter forms are a developer's tool (local, test).
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}
