"""Settings shared by every environment; values come from the environment.

Every variable read here is documented in README.md ("Configuration").
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("LINGONG_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, under FORM_RENDERER below
    "huey.contrib.djhuey",
    "lingong.accounts.third_party_apps.AxesConfig",  # axes (label `axes`): wrong staff passwords lock the account a while
    "django_otp",  # the staff's second factor (lingong/accounts/second_factor.py)
    "lingong.accounts.third_party_apps.TOTPConfig",  # django_otp.plugins.otp_totp (label `otp_totp`), translated names
    # domain
    "lingong.core",
    "lingong.accounts",
    "lingong.stations",
    "lingong.trades",
    "lingong.workers",
    "lingong.employers",
    "lingong.jobs",
    "lingong.calls",
    "lingong.attendance",
    "lingong.agreements",
    "lingong.wages",
    "lingong.rights",
    "lingong.followups",
    "lingong.credit",
    "lingong.aggregation",  # postings gathered from other platforms (docs/aggregation.md)
    "lingong.matching",
    "lingong.training",  # skills training: courses, sessions, bookings, certificates (docs/training.md)
    "lingong.policy",  # policy articles and the consultation log (docs/policy.md)
    "lingong.privacy",  # people's rights over their data: a copy, deletion, consent withdrawn; retention
    "lingong.stats",  # the district's figures: daily rollups and their selectors (docs/figures.md)
    "lingong.lifecycle",  # the life of a placement: connects each step to what follows (lifecycle/placement.py)
    "lingong.operations",  # the task registry, schedules, run records (see docs/operations.md)
    "lingong.notifications",
    # surfaces
    "lingong.portal",
    "lingong.kiosk",
    "lingong.boards",  # the stations' screens: job board and live hires (public, nothing personal)
    "lingong.console",
    "lingong.api",
    "lingong.monitoring",  # /healthz, /metrics, request ids and the request log
    # top: the demo district (seed_demo and its routine)
    "lingong.demo",
]

MIDDLEWARE = [
    "lingong.monitoring.requests.RequestMiddleware",  # first: a request id for every log line, the whole time
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # /static/ from STATIC_ROOT: compressed, cached forever by hash
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy: our own scripts and styles only (CONTENT_SECURITY_POLICY)
    "lingong.core.middleware.RequestSizeMiddleware",  # 413 for a body larger than DATA_UPLOAD_MAX_MEMORY_SIZE
    "lingong.core.client.ClientAddressMiddleware",  # per-client rate limits (lingong/core/client.py)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lingong.accounts.sessions.SessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): the second factor of this session
    "lingong.accounts.second_factor.SecondFactorMiddleware",  # staff who owe it see only its pages
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lingong.core.middleware.ApplicationErrorMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Widgets render through TEMPLATES (cached loader), so lingong/templates/django/forms/ may override a widget.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

ROOT_URLCONF = "lingong.urls"
WSGI_APPLICATION = "lingong.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lingong" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["lingong.core.templatetags.kept_url"],  # {% url %}, each answer kept for the process
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- database -------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'lingong.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock
    # at BEGIN so two writers queue on the busy timeout instead of deadlocking.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;PRAGMA synchronous=FULL;PRAGMA foreign_keys=ON;PRAGMA busy_timeout=20000;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# A back-office user has the admin permissions of their role (lingong/accounts/roles.py).
# Axes first: it counts wrong staff passwords and locks the account (not the station's address) for a while.
AUTHENTICATION_BACKENDS = [
    "lingong.accounts.backends.LockoutBackend",
    "lingong.accounts.backends.RolePermissionBackend",
]
AXES_LOCKOUT_PARAMETERS = ["username"]
# Not by address: a station's clerks sign in behind one address, and one mistyping clerk must not lock
# out the others. Guessing many accounts from one address meets the password rules instead.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # its start-up banner would print on every command
AXES_LOCKOUT_TEMPLATE = "console/locked_out.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sessions end on the server: staff after 30 idle minutes or 12 hours; a worker at a kiosk after 120 s.
SESSION_COOKIE_AGE = 14 * 24 * 3600  # the doors on people's own phones
LINGONG_STAFF_IDLE = timedelta(minutes=30)
LINGONG_STAFF_ABSOLUTE = timedelta(hours=12)
# A second factor (TOTP) for roles that reveal personal data, move money or decide cases (off only in tests).
LINGONG_SECOND_FACTOR = True
OTP_TOTP_ISSUER = "Lingong 零工"
OTP_TOTP_THROTTLE_FACTOR = 1  # wrong codes double the wait: 1 s, 2 s, 4 s, …
LINGONG_KIOSK_IDLE = timedelta(seconds=120)

# --- the posting checks (lingong/jobs/rules.py, docs/posting-checks.md) -------
# Tibet's minimum wage, as the region publishes it; the bureau changes these lines (or the environment)
# when a new standard takes effect. Monthly for full-time work, hourly for part-time and day work.
LINGONG_MINIMUM_WAGE = {
    "region": "西藏自治区",
    "monthly_fen": int(os.environ.get("LINGONG_MINIMUM_WAGE_MONTHLY_FEN", "210000")),
    "hourly_fen": int(os.environ.get("LINGONG_MINIMUM_WAGE_HOURLY_FEN", "2000")),
    "source": os.environ.get(
        "LINGONG_MINIMUM_WAGE_SOURCE",
        "人力资源社会保障部《全国各地区最低工资标准情况》: 西藏自治区 月最低工资 2100 元, 小时最低工资 20 元",
    ),
    "as_of": os.environ.get("LINGONG_MINIMUM_WAGE_AS_OF", "2025-04-01"),
}
# Chengguan district (540102) as a box around its built-up valley: a job outside is held for staff to look at.
LINGONG_DISTRICT_BOX = ((29.55, 29.90), (90.95, 91.45))
# Pay this many times above a trade's typical day pay is a scam sign (held for review).
LINGONG_PAY_ABOVE_RANGE_FACTOR = 3


# --- secrets ----------------------------------------------------------------
def _secret_from_env_or_file(env_name: str, file_name: str, *, generate: bool) -> str:
    """Read a secret from the environment, or (embedded default) from var/.

    Under production settings `generate` is False and a missing secret stops
    the start: a key made up on one server would not decrypt on another.
    """
    value = os.environ.get(env_name)
    if value:
        return value
    path = VAR_DIR / file_name
    if path.exists():
        return path.read_text().strip()
    if not generate:
        raise ImproperlyConfigured(f"{env_name} must be set in the environment under production settings.")
    value = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    path.write_text(value)
    path.chmod(0o600)
    return value


# Production settings never invent a key: it would not decrypt elsewhere.
GENERATE_SECRETS = os.environ.get("DJANGO_SETTINGS_MODULE") != "lingong.settings.production"
SECRET_KEY = _secret_from_env_or_file("SECRET_KEY", "secret_key", generate=GENERATE_SECRETS)
FIELD_ENCRYPTION_KEY = _secret_from_env_or_file(
    "FIELD_ENCRYPTION_KEY", "field_encryption_key", generate=GENERATE_SECRETS
)
# Rotating FIELD_ENCRYPTION_KEY: the old one stays here (comma-separated) so sealed values still open until
# `manage.py field_key_rotate` has re-sealed them, and until the backups sealed with it have aged out.
FIELD_ENCRYPTION_KEY_FALLBACKS = [k for k in os.environ.get("FIELD_ENCRYPTION_KEY_FALLBACKS", "").split(",") if k]
# Rotating SECRET_KEY: the old one stays here (comma-separated) until sessions and signed links made with it expire.
SECRET_KEY_FALLBACKS = [k for k in os.environ.get("SECRET_KEY_FALLBACKS", "").split(",") if k]

# --- Content-Security-Policy (django-csp): nothing inline, nothing from elsewhere ---------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- cache: rate limits shared by every process ------------------------------
# The database by default (its table is made by a migration, lingong/core); Redis when set.
CACHE_TABLE = "lingong_cache"
# Behind a reverse proxy that sets X-Forwarded-For, the client is its first address.
LINGONG_TRUSTED_PROXY = os.environ.get("LINGONG_TRUSTED_PROXY", "") == "1"
# SMS codes: per client address an hour (any purpose), and in all a day (the bureau pays for each).
SMS_CODES_PER_ADDRESS_HOUR = int(os.environ.get("SMS_CODES_PER_ADDRESS_HOUR", "10"))
SMS_DAILY_CAP = int(os.environ.get("SMS_DAILY_CAP", "5000"))
# Two deployments (or a test run) sharing one Redis keep apart by name: LINGONG_INSTANCE prefixes keys and the queue.
LINGONG_INSTANCE = os.environ.get("LINGONG_INSTANCE", "lingong")
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": LINGONG_INSTANCE,
        }
    }
    # Each request reads its session from Redis, not PostgreSQL (0.08 ms against 0.46 ms of CPU, and one query
    # fewer); the table stays the record. Ending sessions goes through the store (accounts/sessions.py).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE}}

# --- tasks (huey) -----------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.PriorityRedisHuey",
        "name": LINGONG_INSTANCE,
        "url": REDIS_URL,
        "immediate": False,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }
else:
    # An idle worker polls the SQLite queue at least every 2 s (huey's default
    # backs off to 10 s): fast-channel offers go out within seconds.
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "lingong",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": False,
        "consumer": {"workers": 2, "worker_type": "thread", "max_delay": 2.0},
    }

# --- SMS ----------------------------------------------------------------------
# The embedded default keeps messages in the database (the demo reads its codes
# there); production sends through Alibaba Cloud SMS (docs/operations.md, "SMS gateway").
SMS_BACKEND = os.environ.get("SMS_BACKEND", "lingong.accounts.sms.DatabaseConsoleBackend")
ALIYUN_SMS_ACCESS_KEY_ID = os.environ.get("ALIYUN_SMS_ACCESS_KEY_ID", "")
ALIYUN_SMS_ACCESS_KEY_SECRET = os.environ.get("ALIYUN_SMS_ACCESS_KEY_SECRET", "")
ALIYUN_SMS_SIGN_NAME = os.environ.get("ALIYUN_SMS_SIGN_NAME", "")
ALIYUN_SMS_ENDPOINT = os.environ.get("ALIYUN_SMS_ENDPOINT", "https://dysmsapi.aliyuncs.com/")
ALIYUN_SMS_REGION = os.environ.get("ALIYUN_SMS_REGION", "cn-hangzhou")
ALIYUN_SMS_TIMEOUT = float(os.environ.get("ALIYUN_SMS_TIMEOUT", "10"))


def _json_file(env_name: str) -> dict:
    """The JSON object in the file an environment variable names ({} when unset)."""
    path = os.environ.get(env_name, "")
    if not path:
        return {}
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ImproperlyConfigured(f"{env_name}: cannot read {path}: {error}") from error


# Message kind (or code purpose) -> approved template code and parameters (lingong/notifications/sms_templates.py).
SMS_TEMPLATES = _json_file("SMS_TEMPLATES_FILE")

# --- i18n -------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "中文"),
    ("bo", "བོད་ཡིག"),
]
# Our catalogue first (it wins); then Tibetan for Django's own strings, which Django
# does not ship (docs/translation.md). makemessages writes only into the first.
LOCALE_PATHS = [BASE_DIR / "lingong" / "locale", BASE_DIR / "lingong" / "locale_django"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"
LANGUAGE_COOKIE_NAME = "lingong_language"
# Django has no Tibetan formats; ours live in lingong/formats/bo/.
FORMAT_MODULE_PATH = ["lingong.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
# Fonts come from the npm registry at install time (`npm ci`), never a CDN.
STATICFILES_DIRS = [
    BASE_DIR / "lingong" / "static",
    ("fonts/noto-sans-sc", BASE_DIR / "node_modules" / "@fontsource" / "noto-sans-sc"),
    ("fonts/noto-serif-tibetan", BASE_DIR / "node_modules" / "@fontsource" / "noto-serif-tibetan"),
]
STATICFILES_FINDERS = [
    "lingong.core.staticfiles.UsedFontsFinder",  # the font packages' weights that the pages use, not all nine
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# Collected by `make run` / the deploy (collectstatic); names carry a content hash, so browsers cache them forever.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

LOGIN_URL = "admin:login"

# Matching: each process refreshes its index from the database when older
# than this (seconds), and rebuilds it whole after MATCHING_REBUILD_SECONDS.
MATCHING_REFRESH_SECONDS = float(os.environ.get("MATCHING_REFRESH_SECONDS", "2"))
MATCHING_REBUILD_SECONDS = float(os.environ.get("MATCHING_REBUILD_SECONDS", "600"))

# Bodies larger than DATA_UPLOAD_MAX_MEMORY_SIZE are refused with 413, except on these paths (a phone's photo
# of the station's news; the service refuses a photo over 8 MB in words).
LARGE_BODY_PATHS = {"/console/notices/": 10 * 1024 * 1024}

# Station boards (lingong/boards): each screen's event stream ends after BOARD_STREAM_SECONDS (the browser
# reconnects at once), so no server thread is held for ever. Where Redis is (LIVE_PUBSUB_URL; LIVE_PUBSUB=0 turns
# it off), a change is published after its commit and each web process's one subscription wakes its streams
# (lingong/core/live.py, lingong/boards/live.py); they also look every BOARD_SAFETY_SECONDS for a change nobody
# announced. Without Redis, or while it is away, each stream checks every BOARD_CHECK_SECONDS.
LIVE_PUBSUB_URL = REDIS_URL if os.environ.get("LIVE_PUBSUB", "1") == "1" else ""
BOARD_CHECK_SECONDS = float(os.environ.get("BOARD_CHECK_SECONDS", "0.5"))
BOARD_SAFETY_SECONDS = float(os.environ.get("BOARD_SAFETY_SECONDS", "5"))
BOARD_STREAM_SECONDS = float(os.environ.get("BOARD_STREAM_SECONDS", "300"))

# Fast channel: offers widen to the next tier of workers after this wait.
FAST_CHANNEL_WIDEN_MINUTES = float(os.environ.get("FAST_CHANNEL_WIDEN_MINUTES", "15"))

# Staff calls from kiosks: if nobody takes one within this many minutes, the
# kiosk says so and shows the window's phone. The console polls every few seconds.
STAFF_CALL_ANSWER_MINUTES = int(os.environ.get("STAFF_CALL_ANSWER_MINUTES", "3"))
STAFF_CALL_POLL_SECONDS = int(os.environ.get("STAFF_CALL_POLL_SECONDS", "5"))

# The version of the personal-data notice shown at registration; a consent
# record keeps the version the person actually saw.
CONSENT_NOTICE_VERSION = os.environ.get("CONSENT_NOTICE_VERSION", "2026-11")

# How long personal data is kept (days); docs/privacy.md says why. The bureau may set
# each by environment (LINGONG_RETENTION_<NAME>_DAYS, e.g. LINGONG_RETENTION_AFTER_DELETION_DAYS).
_RETENTION_DEFAULTS = {
    "after_deletion": 730,  # wage records are kept two years (工资支付暂行规定 第六条); disputes need them
    "sms_codes": 1,
    "sms_outbox": 30,
    "messages": 180,
    "access_logs": 1095,
    "exposures": 180,  # what matching showed and what came of it: the acceptance model learns from 60 days
}
LINGONG_RETENTION_DAYS = {
    name: int(os.environ.get(f"LINGONG_RETENTION_{name.upper()}_DAYS", days))
    for name, days in _RETENTION_DEFAULTS.items()
}

# One JSON object a line (LOG_FORMAT=json, the default under gunicorn), each with the request's id; text
# for a person reading a terminal (LOG_FORMAT=text: tests, make dev).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "lingong.monitoring.logs.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # The request log is ours (lingong.request); Django's own would say the same again for 4xx and 5xx.
    # huey's consumer adds a plain-text handler of its own unless its logger has one: it gets ours.
    "loggers": {
        "django.request": {"level": "ERROR"},
        "huey": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # WeasyPrint tells every step of every PDF at INFO, fontTools every subset: a line each, per document.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
# /metrics: with a token, only `Authorization: Bearer <token>`; without, direct requests from this machine.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")

# Django ships no Tibetan locale: declare it (one plural form, as in the .po header).
from django.conf import locale as _django_locale  # noqa: E402

_django_locale.LANG_INFO.setdefault("bo", {"bidi": False, "code": "bo", "name": "Tibetan", "name_local": "བོད་ཡིག"})
