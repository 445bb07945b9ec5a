"""The one list of task modules: every process imports these at start.

The web process enqueues and the consumer runs; both must know the same
tasks, or the consumer answers "… not found in TaskRegistry" and the work
is lost. `OperationsConfig.ready()` imports this list in every process, and
`manage.py serve` starts the consumer with huey's own autoload switched off,
so this list alone decides. A test starts the real consumer and fails when
a `lingong/*/tasks.py` is missing here.
"""

from __future__ import annotations

import importlib
import sys

from huey.contrib.djhuey import HUEY

TASK_MODULES: tuple[str, ...] = (
    "lingong.aggregation.tasks",
    "lingong.attendance.tasks",
    "lingong.credit.tasks",
    "lingong.demo.tasks",  # the demo routine, registered only where settings.LINGONG_DEMO is on
    "lingong.jobs.tasks",
    "lingong.matching.tasks",
    "lingong.notifications.tasks",
    "lingong.operations.tasks",
    "lingong.privacy.tasks",
    "lingong.stats.tasks",
    "lingong.training.tasks",
    "lingong.wages.tasks",
)


def task_modules_import() -> None:
    for name in TASK_MODULES:
        importlib.import_module(name)


def consumer_argv() -> list[str]:
    """How `manage.py serve` (and the tests) start the consumer: the list above, nothing else."""
    return [sys.executable, "manage.py", "run_huey", "--disable-autoload"]


def registered_task_names() -> list[str]:
    return sorted(HUEY._registry._registry)
