"""A real huey consumer for tests: a subprocess started as `manage.py serve` starts it.

    with consumer_running(tmp_path) as consumer:       # SQLite queue in tmp_path
        ...                                             # tasks enqueued here run over there
    with consumer_running(tmp_path, redis_url=url):     # the same on Redis
    with consumer_running(tmp_path, travel_to=moment):  # its clock starts at `moment` and ticks
    with consumer_running(tmp_path, extra_tasks=("lingong.testing.failing_tasks",)):  # test-only tasks too

The consumer works on the test's database, so use it from transactional
tests (`@pytest.mark.django_db(transaction=True)`), and mark the test
`@pytest.mark.xdist_group("consumer")`. `queue_of(consumer)` makes this
process enqueue into the consumer's queue instead of running tasks at once.

Run as a module, this file is the launcher that moves the clock first:
    LINGONG_TRAVEL_TO=2026-12-05T07:00:05+08:00 python -m lingong.testing.consumer run_huey …
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

STARTED = "The following commands are available:"
START_TIMEOUT = 30.0


@dataclass
class Consumer:
    process: subprocess.Popen
    log_path: Path
    huey_file: Path | None
    redis_url: str | None
    huey_name: str

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def registered(self) -> set[str]:
        """The task names the consumer listed at start (huey logs its whole registry)."""
        text = self.log()
        listing = text[text.index(STARTED) :]
        return set(re.findall(r"^\+ (\S+)$", listing, flags=re.MULTILINE))


def wait_for(condition, *, timeout: float = 20.0, interval: float = 0.2, what: str = "condition"):
    """Poll `condition()` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


@contextmanager
def consumer_running(
    tmp_path: Path,
    *,
    redis_url: str | None = None,
    travel_to: datetime | None = None,
    extra_tasks: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
):
    from django.conf import settings
    from django.db import connection

    from lingong.operations.registry import consumer_argv

    huey_name = f"lingong-test-{os.getpid()}-{time.monotonic_ns()}"
    environment = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "lingong.settings.consumer_subprocess",
            "LINGONG_TEST_DB_NAME": str(connection.settings_dict["NAME"]),
            "LINGONG_HUEY_NAME": huey_name,
            "PYTHONUNBUFFERED": "1",
        }
    )
    huey_file = None
    if redis_url:
        environment["REDIS_URL"] = redis_url
    else:
        huey_file = tmp_path / "huey.sqlite3"
        environment["LINGONG_HUEY_FILE"] = str(huey_file)
    argv = consumer_argv()
    if travel_to is not None or extra_tasks:
        if travel_to is not None:
            environment["LINGONG_TRAVEL_TO"] = travel_to.isoformat()
        environment["LINGONG_EXTRA_TASKS"] = ",".join(extra_tasks)
        argv = [sys.executable, "-m", "lingong.testing.consumer", *argv[2:]]
    environment.update(env or {})
    log_path = tmp_path / f"consumer-{huey_name}.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(argv, cwd=settings.BASE_DIR, env=environment, stdout=log, stderr=subprocess.STDOUT)
    consumer = Consumer(process, log_path, huey_file, redis_url, huey_name)
    try:
        wait_for(
            lambda: process.poll() is not None or STARTED in consumer.log(),
            timeout=START_TIMEOUT,
            what="the consumer to start",
        )
        assert process.poll() is None, f"the consumer stopped:\n{consumer.log()}"
        yield consumer
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if redis_url:
            _redis_forget(redis_url, huey_name)


def _redis_forget(url: str, name: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match=f"*{name}*"):
        client.delete(key)


@contextmanager
def queue_of(consumer: Consumer):
    """Tasks enqueued in this process go to the consumer's queue (not run at once) while inside."""
    from huey.contrib.djhuey import HUEY
    from huey.storage import PriorityRedisStorage, SqliteStorage

    saved = HUEY._immediate, HUEY.storage, HUEY.name
    if consumer.redis_url:
        storage = PriorityRedisStorage(consumer.huey_name, url=consumer.redis_url)
    else:
        storage = SqliteStorage(consumer.huey_name, filename=str(consumer.huey_file))
    HUEY._immediate, HUEY.storage, HUEY.name = False, storage, consumer.huey_name
    try:
        yield HUEY
    finally:
        HUEY._immediate, HUEY.storage, HUEY.name = saved


def _launch() -> None:
    """Move the clock to LINGONG_TRAVEL_TO (ticking on from there), import the test-only task
    modules of LINGONG_EXTRA_TASKS (comma-separated), then run manage.py."""
    from contextlib import nullcontext

    import django
    import time_machine

    travel_to = os.environ.get("LINGONG_TRAVEL_TO")
    clock = time_machine.travel(datetime.fromisoformat(travel_to), tick=True) if travel_to else nullcontext()
    with clock:
        django.setup()
        for module in filter(None, os.environ.get("LINGONG_EXTRA_TASKS", "").split(",")):
            __import__(module)
        from django.core.management import execute_from_command_line

        execute_from_command_line(["manage.py", *sys.argv[1:]])


if __name__ == "__main__":
    _launch()
