"""The production profile as real processes, for the journey test and the load test.

    env = production_environment(database_url=..., redis_url=..., field_key=..., var=tmp, gateway=gateway)
    with production_servers(env, port=port, log_path=tmp / "processes.log") as (web, consumer):
        ...   # gunicorn (deploy/gunicorn.conf.py) and one huey consumer, on the real clock

Both stop when the block ends: asked first (SIGTERM), killed after 30 s.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lingong.testing.aliyun_sms import TEMPLATES, FakeAliyunSms, gateway_settings

ROOT = Path(__file__).resolve().parent.parent.parent


def production_environment(
    *, database_url: str, redis_url: str, field_key: str, var: Path, gateway: FakeAliyunSms, instance: str
) -> dict[str, str]:
    """What an operator's environment file holds (deploy/lingong.env.example), for servers on this machine.

    Nothing of the caller's own Lingong or Django settings leaks in; the SMS gateway is the fake on loopback.
    """
    templates = var / "sms-templates.json"
    var.mkdir(parents=True, exist_ok=True)
    templates.write_text(json.dumps(TEMPLATES, ensure_ascii=False), encoding="utf-8")
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("LINGONG_", "DJANGO_", "SMS_", "ALIYUN_"))}
    return {
        **keep,
        **{name: str(value) for name, value in gateway_settings(gateway).items()},
        "DJANGO_SETTINGS_MODULE": "lingong.settings.production",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "LINGONG_INSTANCE": instance,  # keeps this run's queue and cache apart from others on the same Redis
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEY": field_key,
        "SMS_TEMPLATES_FILE": str(templates),
        "LINGONG_VAR_DIR": str(var / "var"),
        "STATIC_ROOT": str(var / "static"),
    }


@contextmanager
def production_servers(
    env: dict[str, str], *, port: int, log_path: Path, web_workers: int | None = None
) -> Iterator[tuple[subprocess.Popen, subprocess.Popen]]:
    """gunicorn on 127.0.0.1:`port` and one consumer, both writing to `log_path`; stopped on leaving."""
    web_env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    if web_workers is not None:
        web_env["WEB_CONCURRENCY"] = str(web_workers)
    with open(log_path, "a") as log:
        web = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "lingong.wsgi:application", "--config", "deploy/gunicorn.conf.py"],
            env=web_env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        consumer = subprocess.Popen(
            [sys.executable, "manage.py", "run_huey", "--disable-autoload"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield web, consumer
        finally:
            for process in (web, consumer):
                process.terminate()
            for process in (web, consumer):
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
