"""Lindung settings: one module, driven by environment variables (see docs/operations.md)."""

from __future__ import annotations

import ipaddress
import secrets
import sys
from pathlib import Path
from typing import Any

import dj_database_url

from lindung.conf import env_bool
from lindung.conf import env_int
from lindung.conf import env_list
from lindung.conf import env_str

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("LINDUNG_VAR_DIR", str(Path.cwd() / "var"))).resolve()
TESTING = "pytest" in sys.modules or env_bool("LINDUNG_TESTING")

DEBUG = env_bool("LINDUNG_DEBUG", False)
# HTTPS is the default; only a local demo on http://127.0.0.1 turns it off.
HTTPS = env_bool("LINDUNG_HTTPS", not TESTING)


def _secret_key() -> str:
    key = env_str("LINDUNG_SECRET_KEY")
    if key:
        return key
    # One machine, no key given: keep a generated key under var/ so sessions survive restarts.
    # Several app servers must share LINDUNG_SECRET_KEY from the environment instead.
    path = VAR_DIR / "secret.key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
# Roots being rotated out, newest first (docs/security.md, "Key compromise"): Django's
# signatures and sessions, and every key of lindung.common.keys, still accept them.
SECRET_KEY_FALLBACKS = env_list("LINDUNG_SECRET_KEY_FALLBACKS")
# Fernet keys for identity numbers at rest (comma-separated, newest first, for rotation).
# Derived from SECRET_KEY when not given.
FIELD_ENCRYPTION_KEYS = env_list("LINDUNG_FIELD_KEYS")

ALLOWED_HOSTS = env_list("LINDUNG_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("LINDUNG_CSRF_TRUSTED_ORIGINS")
# A refused form is a styled page that says why, never a bare 403 (site/errors.py).
CSRF_FAILURE_VIEW = "lindung.site.errors.csrf_failure"
# Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges, none by
# default): the client address for rate limits is then the right-most untrusted hop
# (lindung.common.client). Behind nginx on the same machine: 127.0.0.1,::1.
TRUSTED_PROXIES = env_list("LINDUNG_TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:  # a mistyped entry stops the start, it is not ignored
    ipaddress.ip_network(_proxy, strict=False)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "huey.contrib.djhuey",
    "ninja",
    "lindung.common",
    "lindung.core",
    "lindung.regions",
    "lindung.directory",
    "lindung.accounts",
    "lindung.people",
    "lindung.screening",
    "lindung.reports",
    "lindung.prevention",
    "lindung.ltsa",
    "lindung.villages",
    "lindung.coordination",
    "lindung.stats",
    "lindung.site",
    "lindung.api",
    "lindung.ops",
]

MIDDLEWARE = [
    "lindung.ops.middleware.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lindung.core.locale.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "lindung.common.bodylimit.BodyLimitMiddleware",
    "lindung.common.nul.NulRefusalMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lindung.common.formatting.PostTimeZoneMiddleware",
    "lindung.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "lindung.common.views.ConfirmationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lindung.core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "lindung.urls"
WSGI_APPLICATION = "lindung.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:staff_home"

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],  # every template lives in its app (common: the page shell and partials)
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lindung.core.context.site_context",
            ],
        },
    }
]

FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# SQLite (WAL) under var/ by default; DATABASE_URL selects PostgreSQL.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("LINDUNG_CONN_MAX_AGE", 60), conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Short queries only: PostgreSQL's JIT compiles the plans of the matching lookups
        # (large IN lists look costly to the planner) for more time than they take to run.
        # Random reads cost little more than sequential ones on SSDs (the default 4.0 is for
        # spinning disks): with it, looking up 18,000 people or 6,000 key counts by key went
        # to a parallel scan of the whole table, 1.3-3x slower than the index and taking the
        # other core (bench/screening_speed.py, docs/matching.md).
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
            "-c jit=off -c random_page_cost=1.1")
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "lindung.sqlite3"),
            # Reusing the connection saves about 8 ms per request (measured, bench/ltsa_*).
            "CONN_MAX_AGE": env_int("LINDUNG_CONN_MAX_AGE", 60),
            "OPTIONS": {
                # mmap_size: pages are read from the mapped file instead of a read() call
                # and a copy each (up to SQLite's limit of 2 GiB): screening a manifest
                # against 1,000,000 people, which looks up ~40 people a passenger at random
                # places, takes 14% less CPU (bench/screening_speed.py, docs/matching.md).
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON; "
                    "PRAGMA mmap_size=2147418112;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    # A cache that degrades to misses while Redis is down (lindung.common.cache).
    CACHES = {"default": {"BACKEND": "lindung.common.cache.ResilientRedisCache",
                          "LOCATION": REDIS_URL,
                          "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2}}}
else:
    # Shared by every process on the machine (throttles, rate limits): never in-process only.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": "lindung_cache"}}

# Background tasks: Huey on SQLite (one machine) or Redis (several workers).
HUEY: dict[str, Any]
if REDIS_URL:
    # Queuing that logs and counts, not fails, while Redis is down (lindung.ops.queue).
    HUEY = {"huey_class": "lindung.ops.queue.ResilientRedisHuey", "name": "lindung",
            "url": REDIS_URL, "immediate": TESTING}
else:
    HUEY = {"huey_class": "huey.SqliteHuey", "name": "lindung",
            "filename": str(VAR_DIR / "tasks.sqlite3"), "immediate": TESTING}
HUEY["consumer"] = {"workers": env_int("LINDUNG_TASK_WORKERS", 2), "worker_type": "thread"}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_FAILURE_LIMIT = env_int("LINDUNG_LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_SECONDS = env_int("LINDUNG_LOGIN_LOCKOUT_SECONDS", 900)

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("LINDUNG_MEDIA_ROOT", str(VAR_DIR / "media")))
_static_backend = (
    "django.contrib.staticfiles.storage.StaticFilesStorage"
    if DEBUG or TESTING or env_bool("LINDUNG_STATIC_NO_MANIFEST")
    else "whitenoise.storage.CompressedManifestStaticFilesStorage"
)
STORAGES: dict[str, Any] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": _static_backend},
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Uploads stay in memory whatever their size, within the route's body cap: never a clear
# temporary file on disk during the request (lindung.common.bodylimit).
FILE_UPLOAD_HANDLERS = ["lindung.common.bodylimit.InMemoryUploadHandler"]
# Uploaded files with personal data (census sheets, manifests) are kept sealed at most this
# long after their last change, for the reports that still need them (common/sealed.py).
UPLOAD_RETENTION_DAYS = env_int("LINDUNG_UPLOAD_RETENTION_DAYS", 7)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Request bodies are capped before anything reads them (lindung.common.bodylimit): by the
# view's own @body_limit, else the first matching prefix below, else this default (a form
# or a JSON body: Django reads no more than DATA_UPLOAD_MAX_MEMORY_SIZE of those anyway).
MAX_REQUEST_BODY_BYTES = env_int("LINDUNG_MAX_BODY_BYTES", 11 * 1024 * 1024)
# The upload operations of the API (an operation cannot carry @body_limit): census sheets
# (POST /villages/{id}/imports) and passenger manifests (the web pages have the same caps).
REQUEST_BODY_LIMITS: dict[str, int] = {
    "/api/v1/villages/villages/": 51 * 1024 * 1024,
    "/api/v1/screening/manifests": 21 * 1024 * 1024,
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("LINDUNG_SESSION_SECONDS", 8 * 3600)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and not TESTING
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SAMESITE = "Lax"

EMAIL_BACKEND = env_str("LINDUNG_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("LINDUNG_FROM_EMAIL", "lindung@localhost")
# SMS leaves through the outbox; with no gateway configured messages wait (and say why).
LINDUNG_SMS_GATEWAY = env_str("LINDUNG_SMS_GATEWAY")
# The address of this instance for links sent by e-mail and SMS (account invitations and
# password resets); when empty, links are built from the request of the administrator.
LINDUNG_PUBLIC_URL = env_str("LINDUNG_PUBLIC_URL")

# Logs carry no personal data: no request bodies, no query strings, no client addresses.
# One JSON object a line (lindung.common.jsonlog) unless LINDUNG_LOG_FORMAT=text.
LOG_FORMAT = env_str("LINDUNG_LOG_FORMAT", "json")
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "lindung.common.jsonlog.JsonFormatter"},
                   "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler",
                             "formatter": "text" if LOG_FORMAT == "text" else "json"}},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "lindung": {"handlers": ["console"], "level": env_str("LINDUNG_LOG_LEVEL", "INFO")},
        "huey": {"handlers": ["console"], "level": "INFO"},
    },
}
# Requests slower than this are logged (route, status, time); /metrics has them all.
LINDUNG_SLOW_REQUEST_MS = env_int("LINDUNG_SLOW_REQUEST_MS", 1000)
# When set, /metrics asks for "Authorization: Bearer <token>".
LINDUNG_METRICS_TOKEN = env_str("LINDUNG_METRICS_TOKEN")

NINJA_PAGINATION_PER_PAGE = 50
