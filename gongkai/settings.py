"""Django settings for gongkai.

Everything a deployment changes comes from the environment:

- ``GONGKAI_DATA_DIR``      where the SQLite database, uploads and generated keys live (default ``./gongkai-data``)
- ``DATABASE_URL``          PostgreSQL (``postgres://user:pass@host:5432/name``); SQLite in the data dir otherwise
- ``GONGKAI_SECRET_KEY``    the secret key; generated once into the data dir when unset
- ``GONGKAI_ALLOWED_HOSTS`` comma-separated host names (default: localhost names)
- ``GONGKAI_DEBUG``         ``1`` for development only
- ``GONGKAI_LOG_LEVEL``     ``DEBUG``, ``INFO`` (default), ``WARNING``, ``ERROR``
- ``GONGKAI_LOG_FORMAT``    ``text`` (default: ``key=value`` lines) or ``json`` (one object a line)
- ``GONGKAI_TRUSTED_PROXIES``, ``GONGKAI_MAX_REQUEST_BYTES``, ``GONGKAI_MAX_PUBLIC_REQUEST_BYTES``,
  ``GONGKAI_PORTAL_AGENCY_HOURLY_LIMIT``: the web edge (below, and docs/deployment.md)
- ``GONGKAI_2FA``           two-factor login: ``roles`` (default), ``required`` (all staff) or ``off``
- ``GONGKAI_2FA_ISSUER``    the name authenticator apps show beside the account (default ``gongkai``)
- ``GONGKAI_EMAIL_HOST``, ``_PORT``, ``_USER``, ``_PASSWORD``, ``_USE_TLS``, ``_USE_SSL``, ``_FROM``: the SMTP server
  for messages to citizens (gongkai.notify); ``GONGKAI_EMAIL_BACKEND``: ``smtp`` (default), ``file`` or ``console``
- ``GONGKAI_SMS_PROVIDER``  dotted path of the SMS provider class (default: log only, sends nothing)
- ``GONGKAI_BASE_URL``      the site's address as users reach it (``https://gongkai.example.gov.cn``), for links in
  messages: the notice of a new letter to an applicant, the officers' daily digest of ``gongkai tick``; default
  ``http://localhost:8000``
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent


def _env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DATA_DIR = Path(os.environ.get("GONGKAI_DATA_DIR", "gongkai-data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """The configured key, or one generated once and kept (mode 0600) in the data dir."""
    configured = os.environ.get("GONGKAI_SECRET_KEY")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_flag("GONGKAI_DEBUG")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_prose_editor",  # the body editor's Tiptap bundle, static files only (gongkai/disclosure/editor.py)
    "gongkai.core",
    "gongkai.audit",
    "gongkai.workcalendar",
    "gongkai.agencies",
    "gongkai.notify",
    "gongkai.foi",
    "gongkai.disclosure",
    "gongkai.portal",
    "gongkai.workspace",
    "gongkai.search",
    "gongkai.cases",
    "gongkai.reports",
    "gongkai.workplan",
    "gongkai.engagement",
    "gongkai.checker",
    "gongkai.regionaudit",
    "gongkai.twofactor",
    "gongkai.ops",
]

MIDDLEWARE = [
    # First: every response gets its X-Request-ID and its access line (gongkai.core.logs for what is logged).
    "gongkai.core.middleware.RequestLogMiddleware",
    # Second, so that every response has them: Content-Security-Policy; no-store on staff pages.
    "gongkai.core.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: django-otp's verified device, and the second step of the login (gongkai.twofactor).
    "gongkai.twofactor.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication: axes locks out by username + IP after repeated failures.
    "axes.middleware.AxesMiddleware",
    # Last, before any view reads the body: bodies over the cap (413), form bodies not in UTF-8 (400).
    "gongkai.core.middleware.RequestGuardMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.core.context_processors.law_periods",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------------------
SQLITE_PATH = DATA_DIR / "gongkai.sqlite3"
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                # WAL lets readers and one writer work at once; IMMEDIATE transactions plus a busy timeout make
                # concurrent writers from several gunicorn workers queue instead of failing with "database is locked".
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            "TEST": {"NAME": None},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2id (Django's own recommendation, memory-hard: 100 MiB, 2 passes) checks a password in about a third of the
# time 1,000,000 rounds of PBKDF2 take here (0.57 s vs 1.5 s on the shared 2-core machine: the whole of a login's
# 1.1–2.2 s, issue 14). Stored PBKDF2 hashes still verify, at Django's default rounds, and are rehashed with
# Argon2 at the next successful login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "workspace:login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "portal:home"

AXES_FAILURE_LIMIT = int(os.environ.get("GONGKAI_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "workspace/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- The web edge: client addresses, limits, request bodies, error pages (docs/deployment.md) -------------------
# Reverse proxies whose X-Forwarded-For entries are believed: comma-separated addresses or CIDR networks; none by
# default (then REMOTE_ADDR is the client). gongkai.core.clients.client_address is the one answer, for every limit.
try:
    GONGKAI_TRUSTED_PROXIES = [
        str(ipaddress.ip_network(entry.strip(), strict=False))
        for entry in os.environ.get("GONGKAI_TRUSTED_PROXIES", "").split(",")
        if entry.strip()
    ]
except ValueError as exc:
    raise ValueError(f"GONGKAI_TRUSTED_PROXIES must list IP addresses or CIDR networks: {exc}") from None
AXES_CLIENT_IP_CALLABLE = "gongkai.core.clients.client_address"
# Online requests one agency accepts per hour from all clients together (each client: 5 an hour, foi.services).
GONGKAI_PORTAL_AGENCY_HOURLY_LIMIT = int(os.environ.get("GONGKAI_PORTAL_AGENCY_HOURLY_LIMIT", "100"))
# Request bodies: refused (413) above these before a byte is read. Staff: the checker's 20 files of 10 MB;
# everyone else: the public form's 10 MB attachment (the largest anonymous upload) and its fields.
GONGKAI_MAX_REQUEST_BYTES = int(os.environ.get("GONGKAI_MAX_REQUEST_BYTES", str(201 * 1024 * 1024)))
GONGKAI_MAX_PUBLIC_REQUEST_BYTES = int(os.environ.get("GONGKAI_MAX_PUBLIC_REQUEST_BYTES", str(11 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB: the fields of a form (files not counted); Django's default
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB: larger uploaded files are streamed to a temporary file
CSRF_FAILURE_VIEW = "gongkai.core.views.csrf_failure"  # the Chinese 403 page, in the site's layout
# --- Two-factor login (gongkai.twofactor): TOTP authenticators (django-otp) and recovery codes -----------------
# roles: case officers, approvers, agency administrators and system administrators (they see applicants' personal
# data; GB/T 22239-2019 level 3, 身份鉴别); required: every staff account; off: nobody (a local demo, a test).
GONGKAI_2FA = os.environ.get("GONGKAI_2FA", "roles").strip().lower() or "roles"
if GONGKAI_2FA not in {"required", "roles", "off"}:
    raise ValueError(f"GONGKAI_2FA must be required, roles or off, not {GONGKAI_2FA!r}")
OTP_TOTP_ISSUER = os.environ.get("GONGKAI_2FA_ISSUER", "gongkai").strip() or "gongkai"
OTP_TOTP_THROTTLE_FACTOR = 1  # after n wrong codes in a row the next try waits 2^(n-1) seconds
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
AXES_SENSITIVE_PARAMETERS = ["otp_token"]  # wrong codes count toward the lockout; axes never stores them

# --- Messages to citizens (gongkai.notify): e-mail by SMTP, texts through a provider class -----------------------
EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",  # one file per message, in EMAIL_FILE_PATH
    "console": "django.core.mail.backends.console.EmailBackend",
}
_email_backend = os.environ.get("GONGKAI_EMAIL_BACKEND", "smtp").strip().lower() or "smtp"
if _email_backend not in EMAIL_BACKENDS:
    raise ValueError(f"GONGKAI_EMAIL_BACKEND must be smtp, file or console, not {_email_backend!r}")
EMAIL_BACKEND = EMAIL_BACKENDS[_email_backend]
EMAIL_FILE_PATH = DATA_DIR / "mail"  # the file backend's folder (`gongkai demo` uses it)
EMAIL_HOST = os.environ.get("GONGKAI_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("GONGKAI_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("GONGKAI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("GONGKAI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_flag("GONGKAI_EMAIL_USE_TLS")
EMAIL_USE_SSL = _env_flag("GONGKAI_EMAIL_USE_SSL")
EMAIL_TIMEOUT = 10  # seconds: a citizen waits for the page while the message goes out
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_EMAIL_FROM", "gongkai@localhost")
GONGKAI_SMS_PROVIDER = os.environ.get("GONGKAI_SMS_PROVIDER", "gongkai.notify.sms.LogOnlySmsProvider")
# links in messages (the new-letter notice to applicants, the daily digest): no web request to take the host from
GONGKAI_BASE_URL = os.environ.get("GONGKAI_BASE_URL", "http://localhost:8000").strip().rstrip("/")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
CSRF_COOKIE_HTTPONLY = True
# Behind an HTTPS reverse proxy set GONGKAI_HTTPS=1: secure cookies, HSTS and redirects to HTTPS.
HTTPS = _env_flag("GONGKAI_HTTPS")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
# HSTS for subdomains and the preload list are a decision for the domain's owner, made at the proxy, not here.
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Internationalisation: Chinese by default, English msgids -------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Logs: one line per service call and per request on stderr (gunicorn/systemd collect it) ----------------------
LOG_LEVEL = os.environ.get("GONGKAI_LOG_LEVEL", "INFO").strip().upper()
LOG_FORMAT = os.environ.get("GONGKAI_LOG_FORMAT", "text").strip().lower() or "text"
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ValueError(f"GONGKAI_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {LOG_LEVEL!r}")
if LOG_FORMAT not in {"text", "json"}:
    raise ValueError(f"GONGKAI_LOG_FORMAT must be text or json, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"()": "gongkai.core.logs.TextFormatter"},
        "json": {"()": "gongkai.core.logs.JsonFormatter"},
    },
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "level": LOG_LEVEL}},
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        # Django's records reach the root handler; its own console handler would print them twice under DEBUG.
        "django": {"handlers": [], "level": LOG_LEVEL},
        # SQL statements carry their parameters (applicants' data): never logged, whatever the level.
        "django.db.backends": {"level": "INFO"},
        # axes writes a line for every login at INFO (logins are in the audit log); lockouts are warnings.
        "axes": {"level": "WARNING"},
    },
}
