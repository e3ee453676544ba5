"""DistrictDesk settings: one module, fed by the environment.

DISTRICTDESK_ENV chooses between the embedded default ("development": SQLite,
demo-friendly, plain HTTP on loopback) and "production" (every secret and host
from the environment, HTTPS enforced). Everything else is the same in both, so
nothing exists only in production. The variables are listed in the README.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from districtdesk.environment import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

ENVIRONMENT = env_choice("DISTRICTDESK_ENV", "development", ("development", "production"))
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DJANGO_DEBUG", default=not PRODUCTION)
if PRODUCTION:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])
    CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
else:
    # Only for the embedded default on loopback; production refuses to start without its own.
    SECRET_KEY = env_str(
        "DJANGO_SECRET_KEY", "development-only-key-never-used-in-production-7f3c9a1e5b2d"
    )
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
    CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_htmx",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "axes",
    "districtdesk.core",
    "districtdesk.activity",
    "districtdesk.service_requests",
    "districtdesk.inventory",
    "districtdesk.changes",
    "districtdesk.notifications",
    "districtdesk.mailbox",
    "districtdesk.acquisitions",
    "districtdesk.reports",
    "districtdesk.api",
    "districtdesk.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After both: a signed-in person reads pages in their own language (Person.language).
    "districtdesk.core.middleware.PersonLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "districtdesk.urls"
WSGI_APPLICATION = "districtdesk.wsgi.application"
ASGI_APPLICATION = "districtdesk.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "districtdesk" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "districtdesk.core.context_processors.navigation",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'districtdesk.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo's readers and its one writer work at once; IMMEDIATE
    # transactions take the write lock up front instead of failing mid-way.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- People and sign-in -----------------------------------------------------

AUTH_USER_MODEL = "core.Person"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# NIST SP 800-63B-4: length over composition rules, and no common passwords.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 15},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Campuses share one NAT address: lock out a username from an address, never a whole address.
AXES_VERBOSE = False
AXES_FAILURE_LIMIT = env_int("DISTRICTDESK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env_int("DISTRICTDESK_PROXY_COUNT", 0)

SESSION_COOKIE_AGE = 60 * 60 * 10  # a working day
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Web security -----------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
HTTPS = env_bool("DISTRICTDESK_HTTPS", default=PRODUCTION)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("DISTRICTDESK_BEHIND_PROXY", default=PRODUCTION):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

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

# --- Language and time ------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# The district's own timezone: business hours and due times are read in it.
TIME_ZONE = env_str("DISTRICTDESK_TIME_ZONE", "America/Chicago")

# --- Static files -----------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [
    BASE_DIR / "districtdesk" / "static",
    # Front-end packages come from package.json, installed by the set-up scripts.
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/echarts", BASE_DIR / "node_modules" / "echarts" / "dist"),
    # The audit's camera scanning reads codes with ZXing (pure JavaScript: no wasm, no worker).
    ("vendor/zxing", BASE_DIR / "node_modules" / "@zxing" / "library" / "umd"),
]
# Production collects, compresses and content-hashes the files at deploy time (far-future
# caching); the embedded default and the tests serve them straight from their sources.
STATIC_MANIFEST = env_bool("DISTRICTDESK_STATIC_MANIFEST", default=PRODUCTION)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
MEDIA_ROOT = BASE_DIR / "var" / "media"

# --- Attachments ------------------------------------------------------------

# What a request's files may be: the extension names the type and the content must agree
# (districtdesk/service_requests/file_types.py). SVG and HTML are never accepted: a browser
# runs the scripts inside them.
ATTACHMENT_MAX_BYTES = env_int("DISTRICTDESK_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
ATTACHMENT_MAX_FILES = env_int("DISTRICTDESK_ATTACHMENT_MAX_FILES", 5)
ATTACHMENT_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".eml": "message/rfc822",
    ".msg": "application/vnd.ms-outlook",
}

# --- Email ------------------------------------------------------------------

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
# For the file backend (the demo's default): one file per message, nothing sent.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "DistrictDesk <helpdesk@district.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)

# --- Notifications and the background engine (docs/notifications.md) ---------

# Links in email point here; production sets the site's public address.
DISTRICTDESK_BASE_URL = env_str("DISTRICTDESK_BASE_URL", "http://127.0.0.1:8000")
NOTIFICATIONS_MESSAGE_ID_DOMAIN = env_str("NOTIFICATIONS_MESSAGE_ID_DOMAIN", "")
NOTIFICATIONS_DIGEST_HOUR = env_int("NOTIFICATIONS_DIGEST_HOUR", 7)
# Retries double from the base up to the cap; 12 attempts span about half a day.
NOTIFICATIONS_MAX_ATTEMPTS = env_int("NOTIFICATIONS_MAX_ATTEMPTS", 12)
NOTIFICATIONS_RETRY_BASE_SECONDS = env_int("NOTIFICATIONS_RETRY_BASE_SECONDS", 120)
NOTIFICATIONS_RETRY_MAX_SECONDS = env_int("NOTIFICATIONS_RETRY_MAX_SECONDS", 2 * 60 * 60)
NOTIFICATIONS_TICK_SECONDS = env_int("NOTIFICATIONS_TICK_SECONDS", 30)
# A claimed email row is retried only after this lease: long enough for a slow relay to answer.
NOTIFICATIONS_CLAIM_LEASE_SECONDS = env_int("NOTIFICATIONS_CLAIM_LEASE_SECONDS", 300)
# Without Redis the development server runs the tick itself (notifications/ticker.py).
NOTIFICATIONS_IN_PROCESS = env_bool("NOTIFICATIONS_IN_PROCESS", default=not REDIS_URL)

# Celery (districtdesk/celery.py) reads the CELERY_* names; its schedule lives there.
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged after it ran, and re-queued if its worker dies: nothing is lost,
# and every task is idempotent, so a second run sends nothing twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- Email intake (docs/mailbox.md) -------------------------------------------

# The help desk mailbox, polled over IMAP; no host means no polling.
MAILBOX_IMAP_HOST = env_str("MAILBOX_IMAP_HOST", "")
MAILBOX_IMAP_SECURITY = env_choice("MAILBOX_IMAP_SECURITY", "ssl", ("ssl", "starttls", "none"))
MAILBOX_IMAP_PORT = env_int("MAILBOX_IMAP_PORT", 993 if MAILBOX_IMAP_SECURITY == "ssl" else 143)
MAILBOX_IMAP_USER = env_str("MAILBOX_IMAP_USER", "")
MAILBOX_IMAP_PASSWORD = env_str("MAILBOX_IMAP_PASSWORD", "")
MAILBOX_IMAP_FOLDER = env_str("MAILBOX_IMAP_FOLDER", "INBOX")
# Where handled messages are moved; empty leaves them in the folder, marked as read.
MAILBOX_IMAP_PROCESSED_FOLDER = env_str("MAILBOX_IMAP_PROCESSED_FOLDER", "")
MAILBOX_IMAP_TIMEOUT = env_int("MAILBOX_IMAP_TIMEOUT", 30)
MAILBOX_POLL_SECONDS = env_int("MAILBOX_POLL_SECONDS", 60)
# The inbound webhook (POST /mailbox/inbound/) answers 403 to everyone while this is empty.
MAILBOX_WEBHOOK_SECRET = env_str("MAILBOX_WEBHOOK_SECRET", "")
# A larger message is refused (IMAP) or answered 413 (webhook); smaller ones are kept whole.
MAILBOX_MAX_MESSAGE_BYTES = env_int("MAILBOX_MAX_MESSAGE_BYTES", 25 * 1024 * 1024)
# Addresses that are ours besides DEFAULT_FROM_EMAIL: mail from them is a loop.
MAILBOX_OWN_ADDRESSES = env_list("MAILBOX_OWN_ADDRESSES", [])

# --- API --------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an unauthenticated API call gets 401 with WWW-Authenticate.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "districtdesk.api.pagination.KeysetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # A DomainError (a workflow rule said no) answers 400 with field errors.
    "EXCEPTION_HANDLER": "districtdesk.api.errors.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "DistrictDesk API",
    "DESCRIPTION": "Service requests, change control, inventory and technology requests "
    "for a school district's technology department.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Deep links put a link inside each operation's toggle button, which screen readers
    # cannot use (nested interactive controls, WCAG 4.1.2).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "persistAuthorization": False},
    "REDOC_DIST": "SIDECAR",
    # Fields of the same name with different choices in two apps.
    "ENUM_NAME_OVERRIDES": {
        "ChangeDenialReasonEnum": "districtdesk.changes.models.ChangeRequest.DenialReason",
        "TechnologyDenialReasonEnum": (
            "districtdesk.acquisitions.models.TechnologyRequest.DenialReason"
        ),
        "TechnologyRequestKindEnum": "districtdesk.acquisitions.models.TechnologyRequest.Kind",
        "StandardItemKindEnum": "districtdesk.acquisitions.models.StandardItem.Kind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "districtdesk.api.schema.add_error_responses",
        "districtdesk.api.schema.add_idempotency_key",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DISTRICTDESK_LOG_LEVEL", "INFO")},
    # The barcode library announces at import that it draws no raster images; we draw SVG.
    "loggers": {"pyBarcode": {"level": "WARNING"}},
}
