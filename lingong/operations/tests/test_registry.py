"""Every task defined in the code is registered in the real consumer, on SQLite and on Redis."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest
from django.conf import settings
from huey.api import TaskWrapper

from lingong.operations.registry import TASK_MODULES
from lingong.operations.schedules import SCHEDULED_TASKS, SCHEDULES
from lingong.testing.consumer import consumer_running

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/13"  # db 13: the tests' own


def task_modules_in_code() -> set[str]:
    root = Path(settings.BASE_DIR) / "lingong"
    return {f"lingong.{path.parent.name}.tasks" for path in root.glob("*/tasks.py")}


def tasks_defined_in_code() -> set[str]:
    """Every huey task defined in a lingong/*/tasks.py, by the name the consumer knows it by."""
    names = set()
    for module_name in sorted(task_modules_in_code()):
        module = importlib.import_module(module_name)
        for value in vars(module).values():
            if isinstance(value, TaskWrapper) and value.task_class.__module__ == module_name:
                names.add(value.huey._registry.task_to_string(value.task_class))
    return names


def test_the_registry_lists_every_tasks_module():
    assert set(TASK_MODULES) == task_modules_in_code()
    assert len(TASK_MODULES) == len(set(TASK_MODULES))


def test_every_periodic_task_has_its_schedule_and_every_schedule_a_task():
    assert set(SCHEDULED_TASKS) == set(SCHEDULES)
    # Enqueued by services and hooks, not on a clock.
    on_demand = {"fast_channel_offer_task", "notification_deliver_task", "standby_promote_task"}
    periodic = {name.rsplit(".", 1)[1] for name in tasks_defined_in_code()} - on_demand
    assert periodic == set(SCHEDULES)


def test_docs_operations_lists_every_schedule():
    text = (Path(settings.BASE_DIR) / "docs" / "operations.md").read_text()
    assert [name for name in SCHEDULES if f"`{name}`" not in text] == []


def redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.mark.xdist_group("consumer")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("queue", ["sqlite", "redis"])
def test_the_real_consumer_registers_every_task_defined_in_the_code(queue, tmp_path):
    if queue == "redis" and not redis_reachable(REDIS_URL):
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    expected = tasks_defined_in_code()
    assert "lingong.matching.tasks.fast_channel_offer_task" in expected  # the one that was missing
    with consumer_running(tmp_path, redis_url=REDIS_URL if queue == "redis" else None) as consumer:
        assert consumer.registered() == expected
