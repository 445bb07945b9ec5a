"""Every scheduled piece of work, in one place, in Asia/Shanghai time.

A periodic task is declared with `@scheduled_task()` in its app's tasks.py
and gets its schedule from SCHEDULES by its function name. Times below
are Beijing time (Asia/Shanghai, UTC+8, no daylight saving), whatever the
server's clock or huey's UTC: `Schedule.matches` converts before comparing.
docs/operations.md describes the same table for people.

Each run of a periodic task claims its slot (`ScheduledRun`, unique per
task and slot) before working, so a slot runs once even when the
scheduler, a catch-up and a second consumer all try. Tasks with
`catch_up` set run a slot missed while the consumer was down once, at
the next consumer start, if that slot is no older than `catch_up`.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .models import ScheduledRun
from .runs import scheduled_run_claim, scheduled_run_finish, scheduled_run_release

logger = logging.getLogger("lingong.operations")

SCHEDULE_TZ = ZoneInfo("Asia/Shanghai")
RETRIES = 2  # a periodic run that fails is tried again twice, a minute apart
RETRY_DELAY_SECONDS = 60


@dataclass(frozen=True)
class Schedule:
    """A crontab in Asia/Shanghai time."""

    minute: str = "*"
    hour: str = "*"
    day: str = "*"
    month: str = "*"
    day_of_week: str = "*"
    catch_up: timedelta | None = None  # run a slot missed while stopped, once, if no older than this

    @functools.cached_property
    def _test(self):
        return crontab(
            minute=self.minute,
            hour=self.hour,
            day=self.day,
            month=self.month,
            day_of_week=self.day_of_week,
            strict=True,
        )

    def matches(self, moment: datetime) -> bool:
        """Whether the minute of an aware moment is a slot of this schedule."""
        return self._test(moment.astimezone(SCHEDULE_TZ))

    def huey_validate(self, timestamp: datetime) -> bool:
        """huey's periodic check: it passes a naive UTC timestamp (huey runs with utc=True)."""
        return self.matches(timestamp.replace(tzinfo=UTC))

    def latest_slot(self, now: datetime, *, within: timedelta = timedelta(days=8)) -> datetime | None:
        """The last slot at or before `now` (Asia/Shanghai, whole minute), or None within `within`."""
        moment = now.astimezone(SCHEDULE_TZ).replace(second=0, microsecond=0)
        for _ in range(int(within.total_seconds() // 60) + 1):
            if self._test(moment):
                return moment
            moment -= timedelta(minutes=1)
        return None


# Task function name → when it runs (Asia/Shanghai). Keep docs/operations.md in step.
SCHEDULES: dict[str, Schedule] = {
    # daily
    "dispatch_morning_task": Schedule(minute="0", hour="7", catch_up=timedelta(hours=5)),
    "acceptance_model_train_task": Schedule(minute="0", hour="3", catch_up=timedelta(days=1)),
    "wage_overdue_task": Schedule(minute="0", hour="9", catch_up=timedelta(days=1)),
    "scheduled_run_purge_task": Schedule(minute="30", hour="3", catch_up=timedelta(days=1)),
    "privacy_retention_task": Schedule(minute="50", hour="3", catch_up=timedelta(days=1)),
    "stats_rollup_nightly_task": Schedule(minute="10", hour="4", catch_up=timedelta(days=1)),
    "training_reminders_task": Schedule(minute="0", hour="18", catch_up=timedelta(hours=5)),
    # through the day: a missed run is simply done by the next one (they sweep what is due)
    "notification_sweep_task": Schedule(minute="*"),
    "confirmation_reminders_task": Schedule(minute="*/5"),
    "stats_rollup_task": Schedule(minute="*/5"),
    "notification_receipts_task": Schedule(minute="*/5"),
    "confirmation_deadline_task": Schedule(minute="*/5"),
    "dispatch_answer_deadline_task": Schedule(minute="*/5"),
    "attendance_no_show_task": Schedule(minute="*/10"),
    "job_progress_task": Schedule(minute="*/10"),
    "job_expire_overdue_task": Schedule(minute="*/15"),
    "appeal_escalate_overdue_task": Schedule(minute="*/30"),
    "import_sources_task": Schedule(
        minute="20", catch_up=timedelta(hours=1)
    ),  # the platforms' feeds (lingong/aggregation)
    "attendance_hours_settle_task": Schedule(minute="7"),
    "idempotency_purge_task": Schedule(minute="17"),
}

# Filled by `scheduled_task`: function name → huey TaskWrapper.
SCHEDULED_TASKS: dict = {}


def scheduled_task(*, retries: int = RETRIES, retry_delay: int = RETRY_DELAY_SECONDS):
    """Declare a periodic task; its schedule comes from SCHEDULES by the function's name.

    The function takes `now` (keyword) and returns a small summary. It runs
    at most once per slot; a failure gives the slot back so a retry can run it.
    """

    def decorator(fn):
        name = fn.__name__
        schedule = SCHEDULES[name]  # a periodic task missing from the table is an error at import

        @functools.wraps(fn)
        def run(*, caught_up: bool = False):

            now = timezone.now()
            slot = schedule.latest_slot(now)
            claim = scheduled_run_claim(task=name, slot=slot, now=now, caught_up=caught_up)
            if claim is None:
                return None  # this slot already ran (or is running elsewhere)
            try:
                result = fn(now=now)
            except BaseException:
                scheduled_run_release(claim)
                raise
            scheduled_run_finish(claim, result=result)
            return result

        wrapper = db_periodic_task(schedule.huey_validate, retries=retries, retry_delay=retry_delay)(run)
        wrapper.schedule_entry = schedule
        SCHEDULED_TASKS[name] = wrapper
        return wrapper

    return decorator


def scheduled_runs_catch_up(*, now: datetime | None = None) -> list[str]:
    """At consumer start: enqueue each daily task whose latest slot passed without a run.

    Only the latest slot counts (a consumer down for three days runs the
    morning dispatch once, not three times), and only within the task's
    `catch_up` window. A task that never ran here before (a new installation,
    a fresh demo) starts with its next slot: nothing was missed. Returns the
    names enqueued.
    """

    now = now or timezone.now()
    enqueued = []
    for name, schedule in SCHEDULES.items():
        if schedule.catch_up is None or name not in SCHEDULED_TASKS:
            continue
        slot = schedule.latest_slot(now, within=schedule.catch_up)
        if slot is None or ScheduledRun.objects.filter(task=name, slot=slot).exists():
            continue
        if not ScheduledRun.objects.filter(task=name, slot__lt=slot).exists():
            continue  # never ran here: nothing was missed
        logger.info("catching up %s for its slot %s", name, slot.isoformat())
        SCHEDULED_TASKS[name](caught_up=True)
        enqueued.append(name)
    return enqueued
