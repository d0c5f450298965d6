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
HTTPS          1 (the default when PUBLIC_URL starts with https:// and DEBUG is off): secure
               cookies, HSTS, redirect to HTTPS, and trust the proxy's X-Forwarded-Proto
HSTS_SECONDS, HSTS_INCLUDE_SUBDOMAINS, HSTS_PRELOAD  the Strict-Transport-Security header under
               HTTPS (31536000, 1, 0)
SESSION_IDLE_MINUTES  a signed-in session ends after this long without a request (30)
PASSWORD_MIN_LENGTH  the shortest password accepted (12)
TRUSTED_PROXIES  how many proxies in front of the app append to X-Forwarded-For (0: none, the
               client is REMOTE_ADDR); the sign-in lockout and the throttles count per client
LOGIN_FAILURE_LIMIT, LOGIN_LOCKOUT_MINUTES  wrong passwords for one user name from one client
               before sign-in is locked (5), and for how long (15)
THROTTLE_*     the other limits, "count/seconds" (docs/security.md lists them)
CACHE_URL      where the throttles count: unset, each process's memory; redis://host:6379/0
               or db://table_name (after `manage.py createcachetable`) to share the counts
TWO_FACTOR_REQUIRED_FOR_STAFF  1: staff must sign in with a TOTP code too (0: they may)
LOG_LEVEL      the least level logged to standard error as JSON lines (INFO)
EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT  seconds an SMTP exchange may take (default 30)
OUTBOX_MAX_ATTEMPTS, OUTBOX_RETRY_SECONDS, OUTBOX_RETRY_MAX_SECONDS, OUTBOX_LEASE_SECONDS
               the e-mail worker (send_outbox): attempts before a message is failed (10), the
               first retry delay, doubled each attempt (60) up to a cap (21600), the claim (300);
               OUTBOX_MESSAGE_ID_DOMAIN the Message-ID's domain (default: PUBLIC_URL's host);
               OUTBOX_BATCH_SIZE messages a worker claims at once (50)
STATIC_MANIFEST 1 after `collectstatic` (production): hashed, compressed static files from
               var/static; unset, the files are served from the apps' static folders
PAYMENTS_<JURISDICTION>_PROVIDER, _SECRET_KEY, _WEBHOOK_SECRET, _API_BASE  online payment for
               one jurisdiction (e.g. PAYMENTS_CLAYTON_MO_PROVIDER=stripe; docs/payments.md)
DIVISION_EMAIL_<JURISDICTION>  where applicants' messages on a case are e-mailed for a
               jurisdiction whose documents name no address (e.g. DIVISION_EMAIL_ST_CLAIR_COUNTY_IL;
               unset: its clerks; docs/email.md)
DIRECTIONS_PROVIDER  the maps the inspector's directions links open: google (default), apple,
               openstreetmap or geo (a geo: URI for the phone's own map app)
PUBLIC_URL     the address the public reaches this site at (QR codes, links in e-mails),
               default http://127.0.0.1:8000
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url
import django_stubs_ext

from permitdesk.site.environment import caches, division_emails, payment_providers, rate
from permitdesk.site.logs import logging_config

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
PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Its OpClass in index expressions (the search's trigram indexes, cases.postgres_indexes);
    # harmless on SQLite.
    "django.contrib.postgres",
    "django_htmx",
    # django-ninja's own copy of Swagger UI for /api/docs: with the app installed, the docs page
    # loads it from our static files instead of a CDN, so it works offline and under the CSP.
    "ninja",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
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
    "permitdesk.imports",
    "permitdesk.api",
    "permitdesk.payments",
    "permitdesk.correspondence",
    "permitdesk.filings",
    "permitdesk.discovery",
]

MIDDLEWARE = [
    "permitdesk.site.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "permitdesk.site.headers.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "permitdesk.accounts.idle.SessionIdleMiddleware",  # after messages: it leaves one
    "permitdesk.accounts.two_factor.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last: it answers a locked-out sign-in (429) from the exception its backend raises.
    "axes.middleware.AxesMiddleware",
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
CSRF_FAILURE_VIEW = "permitdesk.web.errors.csrf_failure"
PASSWORD_MIN_LENGTH = int(os.environ.get("PASSWORD_MIN_LENGTH", "12"))
_VALIDATION = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATION}.UserAttributeSimilarityValidator"},
    {
        "NAME": f"{_VALIDATION}.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": f"{_VALIDATION}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATION}.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: it refuses a locked-out user name and client before any password is checked.
    "permitdesk.accounts.backends.LockoutBackend",
    "permitdesk.accounts.backends.EmailOrUsernameBackend",
]
LOGIN_URL = "web:sign-in"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"
# Public permit verification (API and page): lookups per client per window (decision 0007,
# permitdesk.accounts.rate_limit); CLIENT_IP_HEADER names the header a proxy puts the client in.
VERIFY_RATE_LIMIT = int(os.environ.get("VERIFY_RATE_LIMIT", "30"))
VERIFY_RATE_WINDOW = int(os.environ.get("VERIFY_RATE_WINDOW", "60"))
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Documents sent with a case's messages (permitdesk.correspondence): the largest accepted, and
# how long their files are kept (`manage.py purge_attachments` removes older ones, audited).
CORRESPONDENCE_MAX_UPLOAD_BYTES = int(os.environ.get("CORRESPONDENCE_MAX_UPLOAD_BYTES", "5242880"))
CORRESPONDENCE_RETENTION_DAYS = int(os.environ.get("CORRESPONDENCE_RETENTION_DAYS", "1095"))

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
# Messages claimed, and recorded sent, together: fewer commits, a wider re-send window if a
# worker dies mid-batch (permitdesk.notices.outbox).
OUTBOX_BATCH_SIZE = int(os.environ.get("OUTBOX_BATCH_SIZE", "50"))
# The domain of each message's Message-ID (<key@domain>); unset, PUBLIC_URL's host.
OUTBOX_MESSAGE_ID_DOMAIN = os.environ.get("OUTBOX_MESSAGE_ID_DOMAIN", "")

# Behind HTTPS (docs/security.md). The proxy terminates TLS and says so in X-Forwarded-Proto;
# only then may the app trust it (a client could send the header itself to a bare app).
HTTPS = _flag("HTTPS", default=PUBLIC_URL.startswith("https://") and not DEBUG)
if HTTPS:
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = _flag("HSTS_PRELOAD")
SESSION_COOKIE_HTTPONLY = True
# Preloading commits the whole registrable domain (example.gov, not permits.example.gov) to
# HTTPS in every browser for good: the domain's owner decides it (HSTS_PRELOAD=1), not us.
SILENCED_SYSTEM_CHECKS = [] if _flag("HSTS_PRELOAD") else ["security.W021"]

# Content Security Policy: the portal serves every script, style, font and image itself, and
# has no inline script or style (the admin and the API docs neither). data: images are the
# icons USWDS's stylesheet carries inline; the favicon is data: too.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Features no page uses, refused to every frame (permitdesk.site.headers).
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)
# A signed-in session ends after this long without a request (permitdesk.site.idle).
SESSION_IDLE_SECONDS = 60 * int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_MAX_AGE_HOURS", "12")) * 3600

# Second factor (django-otp's TOTP): staff may enrol one; with this on, staff must (a staff
# session without its code reaches only the second factor's page and sign-out).
TWO_FACTOR_REQUIRED_FOR_STAFF = _flag("TWO_FACTOR_REQUIRED_FOR_STAFF")
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "PermitDesk")

# How many proxies append to X-Forwarded-For (permitdesk.accounts.clients).
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))

# Sign-in lockout (django-axes): wrong passwords for one user name from one client.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "permitdesk.accounts.clients.client_address"
AXES_LOCKOUT_CALLABLE = "permitdesk.web.accounts.refusals.locked_out"
AXES_VERBOSE = False  # our audit trail and logs record lockouts (permitdesk.accounts.lockout)


PAYMENT_PROVIDERS = payment_providers()
DIVISION_EMAILS = division_emails()
# The maps the directions links of the inspector's day sheet and inspection open
# (permitdesk.web.staff.directions): google, apple, openstreetmap or geo.
DIRECTIONS_PROVIDER = os.environ.get("DIRECTIONS_PROVIDER", "google").strip() or "google"

# Throttles: "count/seconds" per client (or per address), counted in the cache.
THROTTLES = {
    "sign-in": rate("THROTTLE_SIGN_IN", "30/900"),  # any user names, one client
    "sign-up": rate("THROTTLE_SIGN_UP", "10/3600"),
    "password-reset": rate("THROTTLE_PASSWORD_RESET", "10/3600"),  # one client
    "password-reset-address": rate("THROTTLE_PASSWORD_RESET_ADDRESS", "3/3600"),
    "api-token": rate("THROTTLE_API_TOKEN", "10/900"),  # bad tokens from one client
    "two-factor": rate("THROTTLE_TWO_FACTOR", "10/900"),  # codes given by one user
    "payment-webhook": rate("THROTTLE_PAYMENT_WEBHOOK", "600/60"),  # one client's deliveries
    "report": rate("THROTTLE_REPORT", "10/3600"),  # reports sent from one client's address
    "open311": rate("THROTTLE_OPEN311", "600/60"),  # one 311 system's (or address's) calls
}


CACHES = caches()

LOGGING = logging_config(os.environ.get("LOG_LEVEL", "INFO").upper())
