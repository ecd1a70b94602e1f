"""Rangwan's one settings file, read from the environment.

SQLite under var/ is the default; set DATABASE_URL for PostgreSQL. Production sets
DEBUG=False, SECRET_KEY and ALLOWED_HOSTS (see README).
"""

import os
from pathlib import Path

import dj_database_url
import fontpkg_sarabun
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("RANGWAN_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # a fresh clone has none; SQLite needs it


def envbool(name: str, default: str) -> bool:
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "True")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-not-secret-rangwan"  # noqa: S105 - used only with DEBUG on

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    # django-ninja serves its Swagger UI from its own static files when installed.
    "ninja",
    "rangwan.core",
    "rangwan.accounts",
    "rangwan.directory",
    "rangwan.programmes",
    "rangwan.judging",
    "rangwan.nominations",
    "rangwan.results",
    "rangwan.learning",
    "rangwan.honours",
    "rangwan.documents",
    "rangwan.reports",
    "rangwan.audit",
    "rangwan.api",
    "rangwan.seed",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "rangwan.core.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "rangwan.core.middleware.IdleSessionMiddleware",
    # Axes must come last: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
            "builtins": ["rangwan.core.templatetags.thai"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'rangwan.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; the timeout waits out short locks.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "rangwan.accounts.backends.PasswordBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock a username from one address after repeated failures, for a quarter of an hour.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Behind a reverse proxy every request comes from the proxy's address: set
# TRUSTED_PROXY_COUNT=1 (the proxy must overwrite X-Forwarded-For) so that a lockout is
# per client, and a stranger cannot lock a named account out for everyone.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "rangwan.accounts.addresses.client_address"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# The Sarabun webfont comes from the fontpkg-sarabun package, not a copy in the repo.
STATICFILES_DIRS = [("fonts/sarabun", str(fontpkg_sarabun.ROOT / "files"))]
# Uploaded files go to object storage when S3_BUCKET is set (see docs/DEPLOY.md).
S3_BUCKET = os.environ.get("S3_BUCKET", "")


def private_storage(name: str) -> dict:
    """Uploaded and generated files: a folder under RANGWAN_VAR_DIR, or, when S3_BUCKET
    is set, S3-compatible object storage (AWS S3, MinIO, Ceph...) under the prefix
    `name/`. Either way no file gets a public URL: a view checks who asks, then streams
    it."""
    if not S3_BUCKET:
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(VAR_DIR / name), "base_url": "/no-public-url/"},
        }
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "location": name,
            # Unset: boto3's own chain (AWS_* variables, an instance role...).
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            # MinIO and most self-hosted stores want path-style addresses.
            "addressing_style": os.environ.get("S3_ADDRESSING_STYLE") or None,
            # Objects inherit the bucket's (private) policy; names are never reused.
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }


STORAGES = {
    "default": private_storage("media"),
    # Evidence (photos, PDFs, lesson photos) is only ever streamed by a view that checks
    # who asks.
    "evidence": private_storage("evidence"),
    # Generated files (certificate batches): private too, streamed by a checked view.
    "generated": private_storage("generated"),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if envbool("STATIC_MANIFEST", str(not DEBUG))
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Evidence uploads (photos and PDFs), in bytes and pixels.
EVIDENCE_MAX_FILE_BYTES = int(os.environ.get("EVIDENCE_MAX_FILE_MB", "20")) * 1024 * 1024
EVIDENCE_MAX_DOSSIER_BYTES = int(os.environ.get("EVIDENCE_MAX_DOSSIER_MB", "200")) * 1024 * 1024
EVIDENCE_MAX_PIXELS = int(os.environ.get("EVIDENCE_MAX_PIXELS", str(60_000_000)))
EVIDENCE_MAX_SIDE = int(os.environ.get("EVIDENCE_MAX_SIDE", "4096"))
EVIDENCE_THUMBNAIL_SIDE = 480
# Uploads above this go to a temporary file, not memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "False")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "rangwan@localhost")
# Where links in emails point; the address people open Rangwan at.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Days before a district deadline when reminders go out.
# Background work (certificate batches) goes through Django's task framework, stored in
# the database; `manage.py db_worker` runs it. TASKS_BACKEND=immediate runs tasks inline.
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[os.environ.get("TASKS_BACKEND", "database")],
    }
}

REMINDER_DAYS = [int(d) for d in envlist("REMINDER_DAYS", "7,1")]
# How long personal data is kept after a programme's results are final, before a person
# may be erased. 10 years: the Regulation of the Prime Minister's Office on Correspondence
# B.E. 2526, art. 57, keeps ordinary official files at least ten years.
PERSONAL_DATA_RETENTION_YEARS = int(os.environ.get("PERSONAL_DATA_RETENTION_YEARS", "10"))

# A session lasts at most SESSION_COOKIE_AGE (8 hours) from sign-in, and ends sooner
# after SESSION_IDLE_SECONDS (30 minutes) without a request.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_IDLE_SECONDS = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", str(not DEBUG))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", str(not DEBUG))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# No inline script anywhere: scripts come from our own static files. Styles too, so a
# page keeps its look; htmx's indicator style is switched off (meta htmx-config in base).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Evidence and lesson photos a user may upload an hour, counted in the database so the
# limit holds across gunicorn workers.
UPLOADS_PER_HOUR = int(os.environ.get("UPLOADS_PER_HOUR", "60"))
# Rows a page on long lists (tally, public results, screening, progress board).
LIST_PAGE_SIZE = int(os.environ.get("LIST_PAGE_SIZE", "50"))
# The tally page's tally is cached until the next audited write, and at most this long.
TALLY_CACHE_SECONDS = int(os.environ.get("TALLY_CACHE_SECONDS", "300"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
