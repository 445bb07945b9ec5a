"""Production: every secret comes from the environment (base refuses to
generate one under these settings), and cookies are secure."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403

DEBUG = False
_unfilled = sorted(name for name, value in os.environ.items() if value == "CHANGE-ME")
if _unfilled:  # deploy/lingong.env.example copied and not filled in
    raise ImproperlyConfigured(f"Fill in {', '.join(_unfilled)}: the example environment's CHANGE-ME is not a value.")
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must be set in the environment under production settings.")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":  # noqa: F405
    raise ImproperlyConfigured("Production settings need PostgreSQL: DATABASE_URL must be a postgres:// address.")
# Tasks, cache, rate limits and live updates are shared by every process through Redis: without it, two
# application servers would each keep their own SQLite queue and their own counts.
if not os.environ.get("REDIS_URL"):
    raise ImproperlyConfigured("REDIS_URL must be set in the environment under production settings.")
# One connection per thread, kept for a minute and checked before reuse (a restarted database is noticed).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# HTTPS only: the proxy in front terminates TLS and says so in X-Forwarded-Proto.
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
LINGONG_SECOND_FACTOR = True  # staff who reveal, move money or decide: password and authenticator app, always

# SMS: a real gateway only. The database backend stands in for phones and keeps
# codes in clear; the gateway's keys come from the environment (docs/operations.md).
SMS_BACKEND = os.environ.get("SMS_BACKEND", "lingong.notifications.aliyun.AliyunSmsBackend")
if SMS_BACKEND == "lingong.accounts.sms.DatabaseConsoleBackend":
    raise ImproperlyConfigured("Production settings refuse the database SMS backend: configure the SMS gateway.")
if SMS_BACKEND == "lingong.notifications.aliyun.AliyunSmsBackend":
    for _name in (
        "ALIYUN_SMS_ACCESS_KEY_ID",
        "ALIYUN_SMS_ACCESS_KEY_SECRET",
        "ALIYUN_SMS_SIGN_NAME",
        "SMS_TEMPLATES_FILE",
    ):
        if not os.environ.get(_name):
            raise ImproperlyConfigured(f"{_name} must be set in the environment under production settings.")
