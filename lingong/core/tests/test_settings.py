"""Production settings refuse to start without their secrets; the embedded
default generates them once into var/."""

import os
import subprocess
import sys

from django.conf import settings


def run_settings(module: str, env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "FIELD_ENCRYPTION_KEY", "DATABASE_URL")}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        ],
        env={**clean, "DJANGO_SETTINGS_MODULE": module, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_secrets(tmp_path):
    run = run_settings("lingong.settings.production", {"LINGONG_VAR_DIR": str(tmp_path)})
    assert run.returncode != 0 and "must be set in the environment" in run.stderr
    assert list(tmp_path.iterdir()) == []  # and it invented no key


def test_production_starts_with_secrets(tmp_path):
    # the SMS templates' completeness is a system check's (notifications)
    run = run_settings("lingong.settings.production", _production_env(tmp_path))
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "django.db.backends.postgresql"


def test_embedded_default_generates_keys_once(tmp_path):
    first = run_settings("lingong.settings.dev", {"LINGONG_VAR_DIR": str(tmp_path)})
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "django.db.backends.sqlite3"
    key = (tmp_path / "field_encryption_key").read_text()
    run_settings("lingong.settings.dev", {"LINGONG_VAR_DIR": str(tmp_path)})
    assert (tmp_path / "field_encryption_key").read_text() == key
    assert oct((tmp_path / "field_encryption_key").stat().st_mode & 0o777) == "0o600"


def _production_env(tmp_path, **overrides) -> dict:
    (tmp_path / "sms-templates.json").write_text("{}")
    env = {
        "LINGONG_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "s" * 50,
        "FIELD_ENCRYPTION_KEY": "dGVzdC1maWVsZC1lbmNyeXB0aW9uLWtleS0zMmJ5dGU=",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "ALIYUN_SMS_ACCESS_KEY_ID": "key-id",
        "ALIYUN_SMS_ACCESS_KEY_SECRET": "key-secret",
        "ALIYUN_SMS_SIGN_NAME": "零工",
        "SMS_TEMPLATES_FILE": str(tmp_path / "sms-templates.json"),
    }
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def test_production_needs_postgresql_and_redis(tmp_path):
    sqlite = run_settings("lingong.settings.production", _production_env(tmp_path, DATABASE_URL="sqlite:///x.db"))
    assert sqlite.returncode != 0 and "need PostgreSQL" in sqlite.stderr
    clean = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    no_redis = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "lingong.settings.production", **_production_env(tmp_path)}
        | {"REDIS_URL": ""},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert no_redis.returncode != 0 and "REDIS_URL must be set" in no_redis.stderr


def test_production_keeps_connections_with_health_checks(tmp_path):
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; d = settings.DATABASES['default'];"
            " print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], settings.HUEY['huey_class'],"
            " settings.CACHES['default']['BACKEND'])",
        ],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "lingong.settings.production", **_production_env(tmp_path)},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["60", "True", "huey.PriorityRedisHuey", "django.core.cache.backends.redis.RedisCache"]
