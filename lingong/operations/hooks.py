"""huey hooks: catch up missed daily slots at consumer start; keep tasks that failed for good."""

from __future__ import annotations

import logging
import threading

from django.db import close_old_connections
from huey.contrib.djhuey import HUEY
from huey.signals import SIGNAL_ERROR

from .runs import task_failure_record
from .schedules import scheduled_runs_catch_up

logger = logging.getLogger("lingong.operations")
_started = threading.Lock()
_caught_up = False


def consumer_started() -> None:
    """Each worker thread calls this at start; the first one catches up."""
    global _caught_up
    with _started:
        if _caught_up:
            return
        _caught_up = True

    try:
        scheduled_runs_catch_up()
    finally:
        close_old_connections()


def task_errored(signal, task, exc=None) -> None:
    """huey's SIGNAL_ERROR: when no retry is left, record the failure for staff."""
    if task.retries:
        return  # huey will try again

    name = HUEY._registry.task_to_string(type(task))
    try:
        task_failure_record(
            task=name, task_id=task.id, args=task.args, kwargs=task.kwargs, error=exc, retries=task.default_retries
        )
    except Exception:  # recording must never hide the task's own error
        logger.exception("could not record the failure of %s", name)
    finally:
        if not HUEY.immediate:  # in immediate mode this is the caller's connection
            close_old_connections()


def hooks_connect() -> None:

    HUEY.on_startup("lingong_catch_up")(consumer_started)
    if task_errored not in HUEY._signal.receivers.get(SIGNAL_ERROR, []):
        HUEY.signal(SIGNAL_ERROR)(task_errored)
