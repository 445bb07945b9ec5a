"""Run records of periodic tasks (claim a slot once), the catch-up at consumer start, failures."""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ScheduledRun, TaskFailure

logger = logging.getLogger("lingong.operations")

# A claim still "running" this long after it started belongs to a consumer that died mid-run.
STALE_AFTER = timedelta(hours=1)
KEEP_RUNS = timedelta(days=30)


def scheduled_run_claim(*, task: str, slot: datetime, now: datetime, caught_up: bool = False) -> ScheduledRun | None:
    """Take this slot of this task, or None when it already ran or runs elsewhere."""
    try:
        with transaction.atomic():
            return ScheduledRun.objects.create(task=task, slot=slot, started_at=now, caught_up=caught_up)
    except IntegrityError:
        pass
    # A run interrupted by a dead consumer is taken over (tasks are idempotent).
    taken = ScheduledRun.objects.filter(
        task=task, slot=slot, status=ScheduledRun.Status.RUNNING, started_at__lt=now - STALE_AFTER
    ).update(started_at=now, caught_up=caught_up)
    if taken:
        logger.warning("%s: taking over the run of %s interrupted since before %s", task, slot, now - STALE_AFTER)
        return ScheduledRun.objects.get(task=task, slot=slot)
    return None


def scheduled_run_finish(run: ScheduledRun, *, result) -> None:
    ScheduledRun.objects.filter(pk=run.pk).update(
        status=ScheduledRun.Status.DONE, finished_at=timezone.now(), result=str(result)[:200]
    )


def scheduled_run_release(run: ScheduledRun) -> None:
    """The run failed: give the slot back so a retry (or the next catch-up) can take it."""
    ScheduledRun.objects.filter(pk=run.pk, status=ScheduledRun.Status.RUNNING).delete()


def scheduled_run_purge(*, now: datetime) -> int:
    deleted, _ = ScheduledRun.objects.filter(slot__lt=now - KEEP_RUNS).delete()
    return deleted


_LONG_DIGITS = re.compile(r"\d{7,}")


def _args_summary(args, kwargs) -> str:
    """Numbers as they are (ids), everything else by type only: no personal data."""

    def one(value) -> str:
        if value is None or isinstance(value, (bool, int)):
            return repr(value)
        return type(value).__name__

    parts = [one(a) for a in args or ()] + [f"{k}={one(v)}" for k, v in sorted((kwargs or {}).items())]
    return ", ".join(parts)[:200]


def task_failure_record(*, task: str, task_id: str, args, kwargs, error: BaseException, retries: int) -> TaskFailure:
    """A task failed after its last retry: keep it for staff (admin, console day page)."""
    message = _LONG_DIGITS.sub("…", f"{type(error).__name__}: {error}")[:1000]
    return TaskFailure.objects.create(
        task=task,
        task_id=task_id or "",
        args=_args_summary(args, kwargs),
        error=message,
        retries=retries,
        failed_at=timezone.now(),
    )
