"""The one configuration of jtai, read from the environment.

Production is the default: DJANGO_DEBUG must be set to run in debug mode, and production
refuses to start without DJANGO_SECRET_KEY. See the configuration table in README.md.
"""

import base64
import hashlib
import urllib.parse
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue

from . import logs
from .env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)
DEMO_MODE = env_bool("JTAI_DEMO", False)

SECRET_KEY = env_secret("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Production mode refuses to start without it "
            "(set DJANGO_DEBUG=1 for local development)."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"  # noqa: S105

# The site's own address, for the links in emails (sent by workers, with no request to ask).
SITE_URL = env_str("JTAI_SITE_URL").strip().rstrip("/")
if not SITE_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "JTAI_SITE_URL is not set. Production mode refuses to start without it: emails "
            "link to the site (for example JTAI_SITE_URL=https://jtai.example.gov.uk)."
        )
    SITE_URL = "http://127.0.0.1:8000"
if not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        f"JTAI_SITE_URL must start with https:// or http://; got {SITE_URL!r}"
    )

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
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "jtai",
    "agencies",
    "inspections",
    "reports",
]

MIDDLEWARE = [
    # First: the request id, the request's log line and its metrics (jtai/middleware.py).
    "jtai.middleware.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "inspections.information.middleware.AreaContactBoundary",
]

ROOT_URLCONF = "jtai.urls"
WSGI_APPLICATION = "jtai.wsgi.application"

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
                "jtai.context_processors.service",
            ],
            # {% table_region %}: every data table scrolls inside its own region on a phone.
            "builtins": ["jtai.templatetags.regions"],
        },
    }
]

# Database: PostgreSQL from DATABASE_URL, or the embedded SQLite default.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    # The password may come apart from the URL, as a container secret (DATABASE_PASSWORD_FILE).
    if DATABASE_PASSWORD := env_secret("DATABASE_PASSWORD"):
        DATABASES["default"]["PASSWORD"] = DATABASE_PASSWORD
else:
    # The embedded default must hold a handful of people writing at once. SQLite allows one
    # writer: transactions take the write lock when they begin (IMMEDIATE), so a transaction
    # that reads then writes never fails on a lock upgrade; a writer waits up to `timeout`
    # seconds for the lock instead of failing; WAL lets readers carry on while one writes.
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("JTAI_SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Each web worker's memory: Django's default cache, and the pages rendered once per state of
# the data (jtai.page_cache; entries are keyed by the data's stamp, so a write retires them).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "jtai-pages",
        "OPTIONS": {"MAX_ENTRIES": env_int("JTAI_PAGE_CACHE_ENTRIES", 300)},
    },
}
JTAI_PAGE_CACHE = env_bool("JTAI_PAGE_CACHE", True)

AUTH_USER_MODEL = "agencies.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # The user with their inspectorate in one query; sessions begun before it keep using
    # Django's own backend until they end.
    "agencies.backends.UserWithInspectorateBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
CSRF_FAILURE_VIEW = "jtai.views.csrf_failure"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Lockout after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = env_int("JTAI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "jtai.lockout.lockout_username"
# Behind a reverse proxy, the lockout and the API's throttling key on the client's address, not
# the proxy's: JTAI_TRUSTED_PROXY_COUNT proxies of ours append to X-Forwarded-For (0: none, the
# connection's address counts and the header is ignored). See jtai/client_ip.py.
TRUSTED_PROXY_COUNT = env_int("JTAI_TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "jtai.client_ip.client_ip"
# API tokens expire this many hours after they are issued (jtai/authentication.py).
API_TOKEN_HOURS = env_int("JTAI_API_TOKEN_HOURS", 12)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static" / "dist"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Media on S3-compatible object storage (django-storages) when JTAI_S3_BUCKET is set, so the
# web replicas and workers on several hosts share it; local files under JTAI_MEDIA_ROOT (and
# JTAI_PRIVATE_ROOT) otherwise. Files about children are sealed before they leave the process
# (jtai/storage.py) and every download goes through a permission-checked view that streams it:
# the bucket is private, and no link to it is ever handed out.
JTAI_S3_BUCKET = env_str("JTAI_S3_BUCKET")
JTAI_S3_ENDPOINT_URL = env_str("JTAI_S3_ENDPOINT_URL")
JTAI_S3_REGION = env_str("JTAI_S3_REGION")
JTAI_S3_ACCESS_KEY_ID = env_str("JTAI_S3_ACCESS_KEY_ID")
JTAI_S3_SECRET_ACCESS_KEY = env_secret("JTAI_S3_SECRET_ACCESS_KEY")
JTAI_S3_URL_SECONDS = env_int("JTAI_S3_URL_SECONDS", 30)
if JTAI_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": JTAI_S3_BUCKET,
            "endpoint_url": JTAI_S3_ENDPOINT_URL or None,
            "region_name": JTAI_S3_REGION or None,
            "access_key": JTAI_S3_ACCESS_KEY_ID or None,
            "secret_key": JTAI_S3_SECRET_ACCESS_KEY or None,
            "location": "public",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": JTAI_S3_URL_SECONDS,
            "file_overwrite": False,
        },
    }
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("JTAI_MEDIA_ROOT", str(BASE_DIR / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# The area's uploads for the request for information. A file larger than this is refused
# from its declared size, before it is read; bodies larger than FILE_UPLOAD_MAX_MEMORY_SIZE
# stream to a temporary file, never into memory. Files are stored under
# JTAI_PRIVATE_ROOT, which is never served: the team downloads through a checked view.
JTAI_UPLOAD_MAX_BYTES = env_int("JTAI_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
JTAI_PRIVATE_ROOT = Path(env_str("JTAI_PRIVATE_ROOT", str(BASE_DIR / "private")))
# Files about children are sealed at rest (jtai/storage.py) with Fernet keys: the first of
# JTAI_FILE_KEYS seals, all open; `manage.py rotate_file_keys` re-seals with the first. Debug
# mode derives a key from SECRET_KEY; production refuses to start without one.
JTAI_FILE_KEYS = [k.strip() for k in env_secret("JTAI_FILE_KEYS").split(",") if k.strip()]
if not JTAI_FILE_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "JTAI_FILE_KEYS is not set. Production mode refuses to start without a key to "
            "encrypt uploaded files (make one with: python -c 'from cryptography.fernet "
            "import Fernet; print(Fernet.generate_key().decode())')."
        )
    # The same derivation as jtai.storage.development_key, kept here so settings import
    # nothing from the application.
    JTAI_FILE_KEYS = [
        base64.urlsafe_b64encode(
            hashlib.sha256(f"jtai-file-encryption:{SECRET_KEY}".encode()).digest()
        ).decode()
    ]
# The virus scan: ClamAV's clamd on a Unix socket, or on a host and port; unset, no scan.
JTAI_CLAMD_SOCKET = env_str("JTAI_CLAMD_SOCKET")
JTAI_CLAMD_HOST = env_str("JTAI_CLAMD_HOST")
JTAI_CLAMD_PORT = env_int("JTAI_CLAMD_PORT", 3310)
JTAI_CLAMD_TIMEOUT = env_int("JTAI_CLAMD_TIMEOUT", 30)
TEMPLATES[0]["OPTIONS"]["libraries"] = {"information": "inspections.information.templatetags"}

# Email: console by default; SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "jtai <noreply@jtai.localhost>")

# Celery: Redis when REDIS_URL is set; otherwise tasks run in-process, eagerly.
REDIS_URL = env_str("REDIS_URL")
# Redis's password may come apart from the URL, as a container secret (REDIS_PASSWORD_FILE).
if REDIS_URL and (REDIS_PASSWORD := env_secret("REDIS_PASSWORD")):
    _redis = urllib.parse.urlsplit(REDIS_URL)
    _netloc = f":{urllib.parse.quote(REDIS_PASSWORD, safe='')}@{_redis.hostname}" + (
        f":{_redis.port}" if _redis.port else ""
    )
    REDIS_URL = urllib.parse.urlunsplit(_redis._replace(netloc=_netloc))
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("JTAI_WORKER_MAX_TASKS_PER_CHILD", 20)
# A pool process holding more than this many KiB is replaced after its task (0: no limit).
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("JTAI_WORKER_MAX_MEMORY_PER_CHILD", 0) or None
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("JTAI_VISIBILITY_TIMEOUT", 3600)}
CELERY_TIMEZONE = TIME_ZONE
# One queue per kind of work, so a national programme's solver run never holds up a report
# render, and neither holds up an email; each has its own workers in docker-compose.yml. A
# worker started without -Q takes every queue (as `make run` and the tests do). The beat's
# house-keeping goes to the default queue.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = [
    Queue(name, routing_key=name) for name in ("celery", "reports", "planning", "email")
]
CELERY_TASK_ROUTES = {
    "reports.tasks.render_report_version": {"queue": "reports"},
    "reports.tasks.render_published_edition": {"queue": "reports"},
    "inspections.planning.tasks.*": {"queue": "planning"},
    "reports.tasks.send_factual_accuracy_emails": {"queue": "email"},
    "inspections.tasks.send_notification_emails": {"queue": "email"},
    "inspections.tasks.send_arrival_emails": {"queue": "email"},
    "inspections.information.tasks.send_request_emails": {"queue": "email"},
    "inspections.recording.tasks.notify_shared_judgement_changed": {"queue": "email"},
    "jtai.tasks.email_notifications": {"queue": "email"},
    "jtai.tasks.send_notification_digests": {"queue": "email"},
}
# Task events, for `celery events` and monitors: started, succeeded, failed, and sent.
CELERY_WORKER_SEND_TASK_EVENTS = True
CELERY_TASK_SEND_SENT_EVENT = True
# The workers log through LOGGING below (JSON lines with the request id), not Celery's format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE = {
    "start-due-fieldwork": {"task": "inspections.tasks.start_due_fieldwork", "schedule": 3600.0},
    # Work owed by changes that committed while the broker was away (jtai.queue's outbox).
    "flush-outbox": {
        "task": "jtai.tasks.flush_outbox",
        "schedule": 30.0,
        "options": {"expires": 25.0},
    },
}
# Reports: a rendering job stamps a heartbeat every REPORT_JOB_HEARTBEAT_SECONDS; the beat task
# hands on a job whose heartbeat is older than REPORT_JOB_STALE_SECONDS (its worker died) and
# sends the jobs (and factual-accuracy emails) recorded while the broker was unreachable.
REPORT_JOB_HEARTBEAT_SECONDS = env_int("JTAI_REPORT_JOB_HEARTBEAT_SECONDS", 10)
REPORT_JOB_STALE_SECONDS = env_int("JTAI_REPORT_JOB_STALE_SECONDS", 60)
CELERY_BEAT_SCHEDULE["recover-report-jobs"] = {
    "task": "reports.tasks.recover_report_jobs",
    "schedule": 30.0,
    "options": {"expires": 25.0},  # a run stuck behind renders is dropped, the next one runs
}
CELERY_BEAT_SCHEDULE["send-waiting-factual-accuracy-emails"] = {
    "task": "reports.tasks.send_waiting_factual_accuracy_emails",
    "schedule": 60.0,
    "options": {"expires": 55.0},
}
# Notifications: the daily digest for people who chose one, early in the working day.
CELERY_BEAT_SCHEDULE["send-notification-digests"] = {
    "task": "jtai.tasks.send_notification_digests",
    "schedule": crontab(hour=7, minute=0),
    "options": {"expires": 3 * 3600.0},
}
# An embargoed report's statement of action is asked for once the report is public.
CELERY_BEAT_SCHEDULE["ask-for-due-action-plans"] = {
    "task": "reports.tasks.ask_for_due_action_plans",
    "schedule": 300.0,
    "options": {"expires": 290.0},
}
# The pre-publication copy to the director of children's services, on its due day.
CELERY_BEAT_SCHEDULE["send-due-pre-publication-copies"] = {
    "task": "reports.tasks.send_due_pre_publication_copies",
    "schedule": crontab(hour=7, minute=0),
    "options": {"expires": 6 * 3600.0},
}
# The retention schedule (inspections.retention): once a day, at night.
CELERY_BEAT_SCHEDULE["apply-retention-schedule"] = {
    "task": "inspections.retention.tasks.apply_retention_schedule",
    "schedule": crontab(hour=2, minute=30),
    "options": {"expires": 6 * 3600.0},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an unauthenticated request then gets 401 with a WWW-Authenticate
        # header (DRF answers 403 when the first class sends no challenge).
        "jtai.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # The token endpoint's scope: guessing passwords, or spraying one over many usernames, is
    # slowed per client address (as the lockout sees it: NUM_PROXIES is the same count).
    "DEFAULT_THROTTLE_RATES": {"auth-token": env_str("JTAI_TOKEN_RATE", "10/min")},
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "jtai.api.Pagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "jtai.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "jtai.api.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_PARSER_CLASSES": [
        "jtai.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "jtai API",
    "DESCRIPTION": "Joint targeted area inspections of children's services in England.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Inputs are `...Request` components, outputs plain names (see jtai/openapi.py).
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI's files are served from our own static files: no CDN, CSP holds.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per shared choice set, so the schema (and `check --deploy`) has no warnings.
    "ENUM_NAME_OVERRIDES": {
        "IlacsGradeEnum": "agencies.models.Grade",
        "InspectionStatusEnum": "inspections.models.Status",
        "JudgementStatusEnum": "inspections.models.JudgementStatus",
        "CaseKindEnum": "inspections.models.CaseKind",
        "ProgrammeStatusEnum": "inspections.planning.models.ProgrammeStatus",
        "PlanningRunStatusEnum": "inspections.planning.models.RunStatus",
        "ReportVersionKindEnum": "reports.models.VersionKind",
        "ReportJobStatusEnum": "reports.models.JobStatus",
        "ActionPlanStatusEnum": "reports.models.ActionPlanStatus",
    },
}

# Security headers. CSP forbids inline scripts everywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # Health checks come from inside the container or the load balancer, over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SILENCED_SYSTEM_CHECKS = []

# Logs: JSON lines (time, level, logger, request id, user, inspection, task) in production,
# plain text in debug (`make run`); URL secrets redacted either way (jtai/logs.py).
LOG_FORMAT = env_str("JTAI_LOG_FORMAT", "plain" if DEBUG else "json")
LOGGING = logs.logging_config(fmt=LOG_FORMAT, level=env_str("JTAI_LOG_LEVEL", "INFO"))
logs.configure_structlog()

# Error reporting, when SENTRY_DSN is set: no personal data, the same redaction as the logs.
SENTRY_DSN = env_secret("SENTRY_DSN")
if SENTRY_DSN:
    logs.init_sentry(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "development" if DEBUG else "production"),
        release=env_str("JTAI_RELEASE"),
        traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0") or 0),
    )

# /metrics (jtai/metrics.py): a scraper sends `Authorization: Bearer <JTAI_METRICS_TOKEN>`;
# without the token set, only a signed-in admin can read it.
METRICS_TOKEN = env_secret("JTAI_METRICS_TOKEN")

SERVICE_NAME = "Joint targeted area inspections"
