"""Test settings: tasks run at once, fixed keys, fast password hashing."""

from .base import *  # noqa: F401,F403

SECRET_KEY = "test-secret-key-not-for-production"
FIELD_ENCRYPTION_KEY = "dGVzdC1maWVsZC1lbmNyeXB0aW9uLWtleS0zMmJ5dGU="
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
HUEY = {**HUEY, "immediate": True}
MATCHING_REFRESH_SECONDS = 0.0  # every query sees the test's latest writes

# A file, not the shared in-memory database: concurrency tests need real
# SQLite locking between connections (busy timeout, IMMEDIATE transactions).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

# The database cache even where REDIS_URL is set: each test's counts roll back with its transaction.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE}}
# Sessions in the table alone, as on SQLite; the tests of cached sessions (accounts/tests/test_sign_out_everywhere.py)
# turn the cache on.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# The screens poll, as on SQLite, even where REDIS_URL is set: a test's changes are never committed, so nothing
# would be published. The tests of the Redis path (lingong/boards/tests/test_live.py) turn it on.
LIVE_PUBSUB_URL = ""
# Tests sign staff in with force_login; the second factor's own tests (accounts/tests/test_second_factor.py)
# and the browser walk of the console's sign-in turn it on.
LINGONG_SECOND_FACTOR = False
# Tests find static files in the source tree (nothing is collected).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
LOGGING["handlers"]["console"]["formatter"] = "text"  # noqa: F405  pytest shows it to a person
# whitenoise would scan the collected static files each time a test client starts (0.4 s a client): look up
# on request instead, as under DEBUG.
WHITENOISE_AUTOREFRESH = True
