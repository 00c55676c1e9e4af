"""Settings for the LSC Belonging Portal, all read from the environment.

Development (`make run`) sets DEBUG=1 and gets SQLite, the console email backend and
development keys. Production leaves DEBUG unset and must provide SECRET_KEY,
PSEUDONYMISATION_KEY, ALLOWED_HOSTS and DATABASE_URL; anything missing stops start-up
rather than falling back to a guessable value.
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_secret(name: str, development_value: str) -> str:
    value = os.environ.get(name, "")
    if value:
        return value
    if DEBUG:
        return development_value
    raise ImproperlyConfigured(f"{name} must be set when DEBUG is off.")


DEBUG = env_flag("DEBUG")

SECRET_KEY = env_secret("SECRET_KEY", "development-only-secret-key-not-for-production-use-0123456789")

# Employee and assignment numbers are stored only as HMAC-SHA256 digests keyed with this
# secret; without it the digests cannot be linked back to ESR. Keep it out of the database.
PSEUDONYMISATION_KEY = env_secret("PSEUDONYMISATION_KEY", "development-only-pseudonymisation-key")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "import_export",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "jobs",
    "organisations",
    "workforce",
    "objectives",
    "reports",
    "demo",
    "lsc_belonging",
]

MIDDLEWARE = [
    # First, so its duration covers every other middleware and it logs redirects and refusals too.
    "lsc_belonging.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "lsc_belonging.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must come last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lsc_belonging.urls"

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
                "lsc_belonging.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "lsc_belonging.wsgi.application"

if not os.environ.get("DATABASE_URL"):
    (BASE_DIR / "var").mkdir(exist_ok=True)  # home of the embedded SQLite database

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers wait for each other instead of failing with "database is locked": WAL lets
    # readers go on while one writes, IMMEDIATE takes the write lock when a transaction starts (so a
    # reader never has to upgrade mid-transaction), and busy_timeout / timeout set how long to wait.
    SQLITE_BUSY_SECONDS = int(os.environ.get("SQLITE_BUSY_SECONDS", "20"))
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": SQLITE_BUSY_SECONDS,
        "init_command": (
            f"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000};"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock an account out from one address after repeated failures; a success resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_IPWARE_PROXY_COUNT", "0")) or None
# Password spraying: one address may fail this many times across all usernames before it is locked
# out too (lsc_belonging/lockout.py), and a lockout answers 429 with the time to try again.
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "10"))
AXES_HANDLER = "lsc_belonging.lockout.AddressAndAccountHandler"
AXES_LOCKOUT_CALLABLE = "lsc_belonging.lockout.locked_out"

# Single sign-on with OpenID Connect (NHSmail / Microsoft Entra ID), see lsc_belonging/sso.py. On when a
# client id and the provider are set: either its discovery address (for Entra ID
# https://login.microsoftonline.com/<tenant id>/v2.0/.well-known/openid-configuration) or its issuer and
# endpoints one by one. People are matched by verified email address to accounts an admin created.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_DISCOVERY_URL = os.environ.get("OIDC_OP_DISCOVERY_URL", "")
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
# Entra ID sends no email_verified claim; set this when the issuer only issues addresses it owns (one tenant).
OIDC_TRUST_EMAIL = env_flag("OIDC_TRUST_EMAIL")
# Password sign-in stays for partners without NHS accounts; set to 0 once everyone signs in through SSO.
PASSWORD_LOGIN_ENABLED = env_flag("PASSWORD_LOGIN_ENABLED", default=True)
if not PASSWORD_LOGIN_ENABLED and not (OIDC_RP_CLIENT_ID and (OIDC_OP_DISCOVERY_URL or OIDC_OP_ISSUER)):
    raise ImproperlyConfigured("PASSWORD_LOGIN_ENABLED=0 needs single sign-on (OIDC_RP_CLIENT_ID and the provider).")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_flag("PLAIN_STATIC_STORAGE")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploaded evidence lives outside the web root and has no MEDIA_URL: files are served only
# through a view that checks the signed-in user may see them.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "uploads"))
FILE_UPLOAD_PERMISSIONS = 0o640
# An uploaded ESR extract that is checked but never confirmed is removed after this many hours
# (by the next upload, or by `manage.py expire_uploads`).
ESR_UPLOAD_EXPIRY_HOURS = float(os.environ.get("ESR_UPLOAD_EXPIRY_HOURS", "24"))
# Largest evidence file a lead may upload (objectives/evidence.py lists the accepted types).
EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_MB", "10")) * 1024 * 1024

# Upload limits, checked before an upload is stored (README "Uploads and limits"). A full LSC extract
# (93,840 assignments) is about 20 MB; the row cap is what the upload form promises.
ESR_UPLOAD_MAX_BYTES = int(os.environ.get("ESR_UPLOAD_MAX_MB", "40")) * 1024 * 1024
ESR_UPLOAD_MAX_ROWS = int(os.environ.get("ESR_UPLOAD_MAX_ROWS", "120000"))
FIGURES_UPLOAD_MAX_BYTES = int(os.environ.get("FIGURES_UPLOAD_MAX_MB", "1")) * 1024 * 1024
# Django spools uploads over 2.5 MB to a temporary file while the request lasts: keep it in a private
# folder beside the ESR uploads rather than in the shared /tmp.
FILE_UPLOAD_TEMP_DIR = MEDIA_ROOT / "request-uploads"
FILE_UPLOAD_TEMP_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
DATA_UPLOAD_MAX_NUMBER_FILES = 10

CRISPY_ALLOWED_TEMPLATE_PACKS = ("nhsuk",)
CRISPY_TEMPLATE_PACK = "nhsuk"

# Any count of people from 1 to this number is shown as "*" (NHS England's small-number rule).
SUPPRESSION_THRESHOLD = int(os.environ.get("SUPPRESSION_THRESHOLD", "7"))

PORTAL_NAME = "LSC Belonging Portal"
# The portal's public address, for links in emails sent outside a request (reminders).
PORTAL_URL = os.environ.get("PORTAL_URL", "http://127.0.0.1:8000").rstrip("/")

# Extra ESR header names, as JSON: {"employee_number": ["Pay Number"]}. Field names are those of
# workforce/esr/columns.py; headers are matched ignoring case, spaces and punctuation.
ESR_COLUMN_ALIASES = json.loads(os.environ.get("ESR_COLUMN_ALIASES", "") or "{}")

# Synthetic ESR assignments per year that `setup_demo` loads. A quarter of the LSC workforce
# (93,840) keeps `make run` quick on SQLite (about 20 s); 93840 takes about a minute.
DEMO_ESR_ROWS = int(os.environ.get("DEMO_ESR_ROWS", "23460"))

# --- Shared cache and background work ----------------------------------------------------------------
# With REDIS_URL (redis://host:6379/0) every worker and host shares one cache, so a change seen by one is
# seen by all at once; without it each process keeps its own (enough for `make run`'s single process).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "lsc"),
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Background tasks (django-tasks): queued in the portal's own database and run by `manage.py db_worker`,
# so no server is needed beyond the database. TASKS_IMMEDIATE=1 runs each task at once in the process
# that queues it (the test suite does; a deployment without a worker could, at the cost of slow clicks).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_flag("TASKS_IMMEDIATE")
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}
# Board packs are rebuilt in the background this many seconds after the last change to the figures or
# the plan (changes in a burst, such as an import, give one build); 0 turns the prebuilding off.
BOARD_PACK_BUILD_DELAY = float(os.environ.get("BOARD_PACK_BUILD_DELAY", "5"))

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "LSC Belonging Portal <no-reply@localhost>")

# Security headers. Development on http://127.0.0.1 cannot use secure cookies or HTTPS
# redirects; everywhere else they are on unless explicitly turned off (tests do that).
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_flag("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# A load balancer probes /healthz over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_flag("BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Every script is served from static/ or carries the per-request nonce; nothing from a CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Logs go to standard error (journald under systemd), one JSON object a line (LOG_FORMAT=json, the default
# when DEBUG is off) or plain text for reading in a terminal (LOG_FORMAT=text, the default with DEBUG).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "lsc_belonging.request_log.JsonLineFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every layout step of a board pack at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
