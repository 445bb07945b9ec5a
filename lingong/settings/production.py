"""Production: every secret comes from the environment (base refuses to
generate one under these settings), and cookies are secure."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403

DEBUG = False
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must be set in the environment under production settings.")
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
