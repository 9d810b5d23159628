"""Settings for the MHHS governance tracker, read from the environment (django-environ).

With no environment set the app runs on SQLite with Celery tasks executed eagerly, so a bare
machine can run it; DATABASE_URL and REDIS_URL switch it to PostgreSQL and a real Celery worker.
"""

import datetime
from pathlib import Path

import environ
import orjson
from celery.schedules import crontab
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Only a DEBUG run may fall back to a key. With DEBUG off, the web app and the worker refuse to start on a missing
# or published key, which would let anyone forge sessions and signed values (mhhs_governance/startup.py); commands
# that sign nothing (migrate, makemigrations) still run.
DEVELOPMENT_SECRET_KEY = "django-insecure-local-development-key-not-for-production"
PUBLISHED_SECRET_KEYS = {
    DEVELOPMENT_SECRET_KEY,
    # docker-compose.yml's former default.
    "change-me-to-a-long-random-string-before-deploying-anywhere",
}
SECRET_KEY = env("SECRET_KEY", default="") or (DEVELOPMENT_SECRET_KEY if DEBUG else "")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Full-text search on PostgreSQL (inert on SQLite).
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tables2",
    "django_htmx",
    "simple_history",
    "django_celery_beat",
    "axes",
    # Object-level permission rules: each app's rules.py is imported at start (who may act on which record).
    "rules.apps.AutodiscoverRulesConfig",
    # The kernel every app builds on (imports no app), then the apps bottom-up.
    "core",
    "programme",
    "changes",
    "raid",
    "milestones",
    "meetings",
    "dashboards",
    # Tells people what concerns them (inbox and email), from the events the services publish (core.events).
    "notifications",
    # The project wiring is an app too: the commands that compose every app (load_demo, benchmark, backup).
    "mhhs_governance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RejectNullCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks each request as a read for its user: a register read without .restrict(user) is caught.
    "core.restriction.RestrictionMiddleware",
    "core.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# An ungated read of a register while answering a request raises (the tests) or is logged as an error (production).
RESTRICTION_STRICT = env.bool("RESTRICTION_STRICT", default=False)

ROOT_URLCONF = "mhhs_governance.urls"
WSGI_APPLICATION = "mhhs_governance.wsgi.application"
ASGI_APPLICATION = "mhhs_governance.asgi.application"

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
                "dashboards.context_processors.latest_papers",
                "notifications.context_processors.inbox",
            ],
            "builtins": [
                "core.templatetags.governance",
                "raid.templatetags.raid_tags",
                "milestones.templatetags.milestone_tags",
                "changes.templatetags.change_tags",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compiling costs tens of milliseconds, and the planner reaches for it on the list queries whose
    # correlated subqueries it overestimates; these are short OLTP reads that never gain from it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# A user's permissions are kept in the cache only when every process shares it (Redis): with a cache per process,
# one worker would go on answering with roles another worker has just changed.
PERMISSIONS_CACHE = env.bool("PERMISSIONS_CACHE", default=bool(REDIS_URL))
# A rendered page is kept for the session that read it until anything is written (core.page_cache), likewise
# only with a shared cache; and for this long at most, for what moves with time alone (a vote closing).
PAGE_CACHE = env.bool("PAGE_CACHE", default=bool(REDIS_URL))
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)

# Content-Security-Policy (django-csp): everything from this origin only, with no inline script or style, so
# injected markup cannot run; pages, htmx and Bootstrap need nothing else. Images may be data: URIs (the SVG
# icons of Bootstrap's CSS). Frames are refused, as X-Frame-Options says too.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
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
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "core.backends.RoleBackend",
    # Object rules (django-rules): "this organisation's answer, while the window is open".
    "rules.permissions.ObjectPermissionBackend",
]
# Sign-in throttling: a username is locked after repeated failures from one address, so a whole office behind
# one address is not locked out together, and an attacker cannot lock a user out from elsewhere.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboards:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names in production; plain files while developing (no collectstatic needed).
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Email: EMAIL_URL such as smtp+tls://user:password@smtp.example.org:587; console by default.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="MHHS Governance Tracker <noreply@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
ADMINS = [("Admin", address) for address in env.list("ADMIN_EMAILS", default=[])]

# Notifications (notifications app): emails link to records at SITE_URL; a failed send is tried up to
# NOTIFICATIONS_MAX_ATTEMPTS times, waiting NOTIFICATIONS_RETRY_BACKOFF seconds, then twice as long each time;
# an unsubscribe link works for NOTIFICATIONS_UNSUBSCRIBE_DAYS.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=5)
NOTIFICATIONS_RETRY_BACKOFF = env.int("NOTIFICATIONS_RETRY_BACKOFF", default=60)
NOTIFICATIONS_UNSUBSCRIBE_MAX_AGE = datetime.timedelta(days=env.int("NOTIFICATIONS_UNSUBSCRIBE_DAYS", default=90))

# Security. Secure by default outside DEBUG; SECURE_SSL_REDIRECT can be turned off where a TLS proxy
# already redirects, and SECURE_PROXY_SSL_HEADER trusts that proxy's X-Forwarded-Proto.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    # Token first, so an anonymous call answers 401 with a WWW-Authenticate challenge.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.permissions.RolePermissions"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.StandardPagination",
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.GovernanceAutoSchema",
    "EXCEPTION_HANDLER": "core.api.exceptions.exception_handler",
    # JSON written by orjson (~10× DRF's encoder: 3–4 ms of a 500-record list); keys that are not text (a list's
    # errors by row number) written as text, as the standard encoder does.
    "ORJSON_RENDERER_OPTIONS": [orjson.OPT_NON_STR_KEYS],
    "DEFAULT_RENDERER_CLASSES": [
        "drf_orjson_renderer.renderers.ORJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "MHHS Governance Tracker API",
    "DESCRIPTION": "Change requests, RAID, milestones and meetings of the MHHS programme. "
    "Records are addressed by their ref or code.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set, where several fields share it (rag and rag_override).
    "ENUM_NAME_OVERRIDES": {"RagEnum": "milestones.choices.Rag"},
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"

# Change reasons name their source ("Loaded from PSG #36 papers, ...", "Rejected because CR018 was approved"),
# longer than simple-history's default 100 characters.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Milestone RAG rules (DESIGN §4): how far a forecast may slip past its baseline before it is Red, how close an
# unstarted milestone's baseline may come before it is Amber, and the weekly reporting cycle.
RAG_TOLERANCE_WORKING_DAYS = env.int("RAG_TOLERANCE_WORKING_DAYS", default=10)
RAG_LOOKAHEAD_WORKING_DAYS = env.int("RAG_LOOKAHEAD_WORKING_DAYS", default=10)
RAG_REPORTING_INTERVAL_DAYS = env.int("RAG_REPORTING_INTERVAL_DAYS", default=7)

# Celery: no REDIS_URL means no broker, so tasks run eagerly in-process.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# Not losing work: a task is acknowledged only once it finished, is requeued if its worker dies, and a
# worker holds one message at a time. Redis redelivers an unacknowledged message after the visibility
# timeout, which must outlast the longest task or it would run twice concurrently.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=540)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=600)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT * 6}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = CELERY_BROKER_TRANSPORT_OPTIONS
CELERY_RESULT_EXTENDED = True
CELERY_RESULT_EXPIRES = 7 * 24 * 3600
CELERY_TASK_TRACK_STARTED = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# A task whose message comes back more often than this killed its worker each time: mark it failed.
CELERY_MAX_DELIVERIES = env.int("CELERY_MAX_DELIVERIES", default=3)
# Dates move even when records don't: every milestone's stored RAG is recomputed each night. django-celery-beat
# copies this into its database schedule, where PMO can see and change it in the admin.
CELERY_BEAT_SCHEDULE = {
    "recompute-rag-daily": {"task": "milestones.tasks.recompute_rag", "schedule": crontab(hour=2, minute=0)},
    # Notifications: reminders are written first, then the digests that carry them go out.
    "notifications-ia-closing-daily": {
        "task": "notifications.tasks.remind_ia_closing",
        "schedule": crontab(hour=6, minute=30),
    },
    "notifications-actions-due-weekly": {
        "task": "notifications.tasks.remind_actions_due",
        "schedule": crontab(hour=6, minute=30, day_of_week="mon"),
    },
    "notifications-daily-digest": {
        "task": "notifications.tasks.send_digests",
        "schedule": crontab(hour=7, minute=0),
        "args": ("daily",),
    },
    "notifications-weekly-digest": {
        "task": "notifications.tasks.send_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
        "args": ("weekly",),
    },
    "notifications-send-stalled": {"task": "notifications.tasks.send_stalled", "schedule": crontab(minute="*/10")},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every layout step at INFO.
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
