"""Settings shared by every environment, read from the environment through one `env`.

The real environment beats `.env`; a malformed or missing required value stops start-up
with a message that names it.
"""

import datetime
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def env_bool(name: str, default: bool) -> bool:
    """Accept only true/false (and 1/0, yes/no): a typo must not silently mean False."""
    raw = env.str(name, default="").strip().lower()
    if not raw:
        return default
    if raw in {"true", "1", "yes", "on"}:
        return True
    if raw in {"false", "0", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, got {raw!r}")


DEBUG = env_bool("DEBUG", False)
# config.settings.production sets it; seed_demo refuses to run under it without --allow-production.
PRODUCTION = False
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105

# Complaint reporters' identities (oversight.fields) are encrypted with keys of their own, never
# SECRET_KEY: the first key encrypts, every key decrypts (rotation: README "Reporter encryption").
# config.settings.production requires them; elsewhere a fixed development key stands in.
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])
if not FIELD_ENCRYPTION_KEYS:
    FIELD_ENCRYPTION_KEYS = ["insecure-development-field-key-only-for-tests"]
    FIELD_ENCRYPTION_KEYS_DEFAULTED = True
else:
    FIELD_ENCRYPTION_KEYS_DEFAULTED = False
SALT_KEY = env.list("FIELD_ENCRYPTION_SALT", default=["cadre-oversight-reporter"])
# The same keys encrypt cadres' ID numbers and family members (core.fields). `fernet` (AES) or
# `sm4` (商用密码); either cipher's rows stay readable after a switch (README "Encryption at rest").
FIELD_ENCRYPTION_CIPHER = env.str("FIELD_ENCRYPTION_CIPHER", default="fernet")
if FIELD_ENCRYPTION_CIPHER not in ("fernet", "sm4"):
    raise ImproperlyConfigured("FIELD_ENCRYPTION_CIPHER must be fernet or sm4")
# The HMAC keys of the blind indexes (an encrypted ID number's exact-match and unique column), apart
# from both SECRET_KEY and the encryption keys; newest first, rotated by `rotate_field_keys`.
FIELD_INDEX_KEYS = env.list("FIELD_INDEX_KEYS", default=[])
if not FIELD_INDEX_KEYS:
    FIELD_INDEX_KEYS = ["insecure-development-index-key-only-for-tests"]
    FIELD_INDEX_KEYS_DEFAULTED = True
else:
    FIELD_INDEX_KEYS_DEFAULTED = False

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "simple_history",
    "rules",
    "import_export",
    "django_htmx",
    "axes",
    "dbbackup",
    "core",
    "cadres",
    "appraisal",
    "oversight",
    "training",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.middleware.PrivateResponseMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout flagged during the request into its answer.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (Django's own middleware): scripts and styles from our static files only,
# no 'unsafe-inline'; the two print pages' <style> blocks carry the request's nonce (the PDF renderer
# reads only inline CSS). Bootstrap's CSS draws some icons as data: images. README "Headers".
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
                "django.template.context_processors.csp",
            ],
        },
    },
]


def postgres_driver() -> str | None:
    """The driver Django's PostgreSQL backend loads: psycopg (3) when it imports, else psycopg2."""
    for name in ("psycopg", "psycopg2"):
        try:
            import_module(name)
        except ImportError:
            continue
        return name
    return None


def database_pool(*, requested: bool, engine: str, driver: str | None, pool_installed: bool) -> bool:
    """Whether to use psycopg 3's connection pool; a site that must stay on psycopg2 runs without one."""
    if not requested or engine != "django.db.backends.postgresql":
        return False
    if driver != "psycopg":
        raise ImproperlyConfigured(
            f"DATABASE_POOL=true needs psycopg 3, but the PostgreSQL driver here is {driver or 'missing'}: "
            "psycopg2 has no pool, so unset DATABASE_POOL (or install psycopg[pool])"
        )
    if not pool_installed:
        raise ImproperlyConfigured("DATABASE_POOL=true needs the psycopg-pool package (psycopg[pool])")
    return True


DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A sync gunicorn worker or a Celery process runs one request or task at a time; psycopg_pool's
# default of four open connections per process would multiply by every process on every host.
POOL_OPTIONS = {"min_size": 1, "max_size": 4}
_pool_requested = env_bool("DATABASE_POOL", False)
if database_pool(
    requested=_pool_requested,
    engine=DATABASES["default"]["ENGINE"],
    driver=postgres_driver() if _pool_requested else None,
    pool_installed=find_spec("psycopg_pool") is not None,
):
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = POOL_OPTIONS
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # ModelBackend with the scope unit joined and the permissions cached (core.authcache).
    "core.authcache.CachedModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"

# django-axes: after AXES_FAILURE_LIMIT wrong passwords for one username from one address, that
# pair is refused (even with the right password) for the cool-off; another user on the same
# address, or the same user elsewhere, may still log in. A success before the limit resets the count.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = datetime.timedelta(hours=env.float("AXES_COOLOFF_HOURS", default=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.lockout.lockout_response"
# No start-up banner on every manage.py command; failures and lockouts are still logged.
AXES_VERBOSE = False
# The client's address behind our reverse proxy, read through axes' AXES_CLIENT_IP_CALLABLE:
# deploy/nginx appends the address it saw to X-Forwarded-For, so the entry TRUSTED_PROXY_COUNT from
# the right is the one a client cannot choose (core.lockout.client_ip); 0 reads REMOTE_ADDR only.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
AXES_CLIENT_IP_CALLABLE = "core.lockout.client_ip"
# An API token stops working this long after it was issued (POST /api/v1/auth/token/ again).
API_TOKEN_TTL_HOURS = env.int("API_TOKEN_TTL_HOURS", default=24)
# Sensitive reads are kept at least six months (网络安全法 article 21); the monthly purge drops older ones.
READ_LOG_RETENTION_DAYS = env.int("READ_LOG_RETENTION_DAYS", default=190)
if READ_LOG_RETENTION_DAYS < 183:
    raise ImproperlyConfigured(
        f"READ_LOG_RETENTION_DAYS must be at least 183 (six months), got {READ_LOG_RETENTION_DAYS}"
    )
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Source maps are half the bytes and only developer tools fetch them: compressing them (brotli at
# its best, then gzip) took half of collectstatic's minute.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")

# Backups (django-dbbackup): `dbbackup` / `mediabackup` write here, `dbrestore` / `mediarestore`
# read from here. PostgreSQL dumps use pg_dump's custom format, restored by pg_restore.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "var" / "backups")
STORAGES["dbbackup"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(BACKUP_DIR)},
}
DBBACKUP_CONNECTOR_MAPPING = {"django.db.backends.postgresql": "dbbackup.db.postgresql.PgDumpBinaryConnector"}
DBBACKUP_SEND_EMAIL = False
DBBACKUP_CLEANUP_KEEP = env.int("BACKUP_KEEP", default=30)
DBBACKUP_CLEANUP_KEEP_MEDIA = DBBACKUP_CLEANUP_KEEP

# Redis serves as cache and Celery broker; without it the quick start uses a broker that
# needs no server (kombu's filesystem transport).
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
CELERY_BROKER_FOLDER = BASE_DIR / "var" / "celery"
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_FOLDER / "queue"),
        "data_folder_out": str(CELERY_BROKER_FOLDER / "queue"),
        "processed_folder": str(CELERY_BROKER_FOLDER / "processed"),
        "control_folder": str(CELERY_BROKER_FOLDER / "control"),
        "store_processed": False,
    }
    # kombu creates none of them, and web, worker and beat must all find the same folders.
    for _folder in ("queue", "processed", "control"):
        (CELERY_BROKER_FOLDER / _folder).mkdir(parents=True, exist_ok=True)
# A task's return value (the daily review's counts, say) is kept where there is Redis.
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL) or None
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ACKS_LATE = True

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = bool(_email.get("EMAIL_USE_TLS", False))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="cadre@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header makes unauthenticated requests 401.
        "core.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.permissions.RolePermission"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "core.filters.FilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exceptions.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "干部管理信息系统 API",
    "DESCRIPTION": "Cadre management information system: org units, posts, quotas and more.",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # core.api.schema.AutoSchema tags each operation with its system.
    "TAGS": [
        {
            "name": "cadres",
            "description": gettext_lazy("Cadre selection and appointment: org, cadres, selection"),
        },
        {"name": "appraisal", "description": gettext_lazy("Appraisal and incentives")},
        {"name": "oversight", "description": gettext_lazy("Conduct and discipline")},
        {
            "name": "training",
            "description": gettext_lazy("Political study, training hours, secondments, rule library"),
        },
        {"name": "system", "description": gettext_lazy("System: login, the current user, notifications")},
    ],
    "ENUM_NAME_OVERRIDES": {
        "AppealKindEnum": "appraisal.choices.AppealKind",
        "EducationEnum": "cadres.models.cadre.Education",
        "DegreeEnum": "cadres.models.cadre.Degree",
        "OrgUnitKindEnum": "cadres.models.org.OrgUnitKind",
        "AppointmentKindEnum": "cadres.models.appointment.AppointmentKind",
        "CadreStatusEnum": "cadres.models.cadre.CadreStatus",
        "ReserveStatusEnum": "cadres.models.selection.ReserveStatus",
        "CheckResultEnum": "cadres.models.selection.CheckResult",
        "ProbationVerdictEnum": ["confirmed", "reversed"],
        "SanctionKindEnum": "oversight.choices.SanctionKind",
        "ComplaintChannelEnum": "oversight.choices.ComplaintChannel",
        "ComplaintCategoryEnum": "oversight.choices.ComplaintCategory",
        "ComplaintStateEnum": "oversight.choices.ComplaintState",
        "ComplaintResultEnum": "oversight.choices.ComplaintResult",
        "DisposalWayEnum": "oversight.choices.DisposalWay",
        "CaseStateEnum": "oversight.choices.CaseState",
        "CaseOutcomeEnum": "oversight.choices.CaseOutcome",
        "FourFormEnum": "oversight.choices.FourForm",
        "OpinionStateEnum": "oversight.choices.OpinionState",
        "OpinionVerdictEnum": "oversight.choices.OpinionVerdict",
        "LetterTierEnum": "oversight.choices.LetterTier",
        "LetterStateEnum": "oversight.choices.LetterState",
        "LetterGapEnum": "oversight.choices.LetterGap",
        "DutyReportStateEnum": "oversight.choices.DutyReportState",
        "DutyReportGradeEnum": "oversight.choices.DutyReportGrade",
        "RiskLevelEnum": "oversight.choices.RiskLevel",
        "ReviewOutcomeEnum": "oversight.choices.ReviewOutcome",
        "MeetingKindEnum": "oversight.choices.MeetingKind",
        "TaskStateEnum": "oversight.choices.TaskState",
        "ProgressKindEnum": "oversight.choices.ProgressKind",
        "CheckStateEnum": ["clear", "open"],
        "SelectionStateEnum": "cadres.models.selection.SelectionState",
        "GradeEnum": "appraisal.choices.Grade",
        "CycleStateEnum": "appraisal.choices.CycleState",
        "ConsequenceOutcomeEnum": "appraisal.choices.ConsequenceOutcome",
        # 凡提四必's choice sets, whose fields (item, kind, result, finding) other sets share.
        "FileItemEnum": "oversight.choices.FileItem",
        "FileFindingEnum": "oversight.choices.FileFinding",
        "MattersItemKindEnum": "oversight.choices.MattersItemKind",
        "MattersCheckKindEnum": "oversight.choices.MattersCheckKind",
        "MattersResultEnum": "oversight.choices.MattersResult",
    },
}

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="Cadre@2026")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
