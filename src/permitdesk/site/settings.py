"""Django settings, from the environment.

DATABASE_URL   a database URL; unset, an SQLite file under var/ (the embedded default)
SECRET_KEY     set it in production; unset, a random key is kept in var/secret_key
DEBUG          1 to turn debugging on (off by default)
ALLOWED_HOSTS  comma-separated host names (default: localhost, 127.0.0.1)
DB_CONN_MAX_AGE  seconds a database connection is kept for the next request (default 60)
DB_HEALTH_CHECKS  1 (default while connections are kept): check a kept connection with a
               round trip before each request uses it; 0 saves the round trip, and a request
               that meets a connection the server dropped (a restart) fails once per process.
               The API's hand-written reads skip it either way: their statement is the check,
               and they run again on a new connection if it finds the old one broken
DB_PREPARED_STATEMENTS  PostgreSQL: 1 (default) binds parameters on the server and prepares a
               statement run 5 times on a connection, so it is planned once; 0 behind a pooler
               in transaction mode that cannot keep prepared statements (PgBouncer < 1.21)
CSRF_TRUSTED_ORIGINS  comma-separated origins behind an HTTPS proxy, e.g. https://permits.example.gov
SECURE_COOKIES 1 behind HTTPS: secure session and CSRF cookies, and trust X-Forwarded-Proto
EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT  seconds an SMTP exchange may take (default 30)
OUTBOX_MAX_ATTEMPTS, OUTBOX_RETRY_SECONDS, OUTBOX_RETRY_MAX_SECONDS, OUTBOX_LEASE_SECONDS
               the e-mail worker (send_outbox): attempts before a message is failed (10), the
               first retry delay, doubled each attempt (60) up to a cap (21600), the claim (300);
               OUTBOX_MESSAGE_ID_DOMAIN the Message-ID's domain (default: PUBLIC_URL's host)
STATIC_MANIFEST 1 after `collectstatic` (production): hashed, compressed static files from
               var/static; unset, the files are served from the apps' static folders
PUBLIC_URL     the address the public reaches this site at (QR codes, links in e-mails),
               default http://127.0.0.1:8000
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
import django_stubs_ext

# Lets ModelAdmin[Model] and QuerySet[Model] be written at run time as the type checker sees them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parents[3]  # the repository (or the install's root)
VAR_DIR = Path(os.environ.get("PERMITDESK_VAR_DIR", BASE_DIR / "var"))


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes"}


DEBUG = _flag("DEBUG")


def _secret_key() -> str:
    """SECRET_KEY from the environment; unset, a random key kept in var/ (one per install)."""
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
    if h.strip()
]

CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
if _flag("SECURE_COOKIES"):
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "permitdesk.accounts",
    "permitdesk.records",
    "permitdesk.cases",
    "permitdesk.audit",
    "permitdesk.demo",
    "permitdesk.web",
    "permitdesk.documents",
    "permitdesk.notices",
    "permitdesk.sweeps",
    "permitdesk.exports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "permitdesk.site.urls"
WSGI_APPLICATION = "permitdesk.site.wsgi.application"
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
                "permitdesk.web.nav.navigation",
            ]
        },
    }
]


def _database() -> dict[str, object]:
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:  # unset or empty: the embedded default
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{VAR_DIR / 'permitdesk.sqlite3'}"
    # Persistent connections: opening one per request costs ~9 ms on PostgreSQL (bench/api.py).
    age = int(os.environ.get("DB_CONN_MAX_AGE", "60"))
    checks = age > 0 and _flag("DB_HEALTH_CHECKS", default=True)
    database = dict(dj_database_url.parse(url, conn_max_age=age, conn_health_checks=checks))
    postgresql = database["ENGINE"] == "django.db.backends.postgresql"
    if postgresql and _flag("DB_PREPARED_STATEMENTS", default=True):
        # Planning a case's joins costs more than running them (0.65 of 0.75 ms for the case
        # file; bench/api.py): prepared statements are planned once per connection.
        database["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}
    return database


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/Chicago"  # the jurisdictions' own zones come from their packs
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"  # uploaded violation photos
MEDIA_URL = "media/"
_STATIC_MANIFEST = _flag("STATIC_MANIFEST")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # The manifest storage needs `collectstatic` first (make serve runs it); without it the
    # files are served by whitenoise straight from the apps' static folders.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if _STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not _STATIC_MANIFEST
if not _STATIC_MANIFEST:  # whitenoise also looks in STATIC_ROOT and warns when it is missing
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_FAILURE_VIEW = "permitdesk.web.errors.csrf_failure"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",  # 8 characters
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
AUTHENTICATION_BACKENDS = ["permitdesk.accounts.backends.EmailOrUsernameBackend"]
LOGIN_URL = "web:sign-in"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"
# Public permit verification (API and page): lookups per client per window (decision 0007,
# permitdesk.api.rate_limit); CLIENT_IP_HEADER names the header a proxy puts the client in.
VERIFY_RATE_LIMIT = int(os.environ.get("VERIFY_RATE_LIMIT", "30"))
VERIFY_RATE_WINDOW = int(os.environ.get("VERIFY_RATE_WINDOW", "60"))
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _flag("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "permits@permitdesk.invalid")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
# The outbox worker (permitdesk.notices.outbox): retries back off exponentially; the lease a
# worker holds on a message it is sending must outlast a send (several EMAIL_TIMEOUTs).
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "10"))
OUTBOX_RETRY_SECONDS = int(os.environ.get("OUTBOX_RETRY_SECONDS", "60"))
OUTBOX_RETRY_MAX_SECONDS = int(os.environ.get("OUTBOX_RETRY_MAX_SECONDS", "21600"))
OUTBOX_LEASE_SECONDS = int(os.environ.get("OUTBOX_LEASE_SECONDS", "300"))
# The domain of each message's Message-ID (<key@domain>); unset, PUBLIC_URL's host.
OUTBOX_MESSAGE_ID_DOMAIN = os.environ.get("OUTBOX_MESSAGE_ID_DOMAIN", "")
