"""Schedules in Asia/Shanghai, and the catch-up after a stop: once, not twice (clock moved with time_machine)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from lingong.operations.models import ScheduledRun
from lingong.operations.schedules import SCHEDULE_TZ, SCHEDULED_TASKS, SCHEDULES, scheduled_runs_catch_up

pytestmark = pytest.mark.django_db
DAILY = {"dispatch_morning_task", "wage_overdue_task", "scheduled_run_purge_task"}


def at(day, hour, minute=0, second=0):
    return datetime.combine(day, time(hour, minute, second), tzinfo=SCHEDULE_TZ)


def ran_before(day):
    """Each daily task ran on `day` (the consumer was up then)."""
    for name in DAILY:
        schedule = SCHEDULES[name]
        slot = at(day, int(schedule.hour), int(schedule.minute))
        ScheduledRun.objects.create(task=name, slot=slot, started_at=slot, finished_at=slot, status="done")


def runs(name):
    return list(ScheduledRun.objects.filter(task=name).order_by("slot").values_list("slot", "caught_up"))


def test_the_morning_dispatch_is_seven_in_shanghai_whatever_huey_uses():
    dispatch = SCHEDULES["dispatch_morning_task"]
    # huey hands the scheduler a naive UTC time: 23:00 UTC is 07:00 the next morning in Lhasa.
    assert dispatch.huey_validate(datetime(2026, 12, 4, 23, 0)) is True
    assert dispatch.huey_validate(datetime(2026, 12, 5, 7, 0)) is False
    assert dispatch.matches(datetime(2026, 12, 5, 7, 0, tzinfo=SCHEDULE_TZ)) is True
    assert SCHEDULES["wage_overdue_task"].huey_validate(datetime(2026, 12, 5, 1, 0)) is True
    now = datetime(2026, 12, 5, 6, 59, 59, tzinfo=SCHEDULE_TZ)
    assert dispatch.latest_slot(now) == datetime(2026, 12, 4, 7, 0, tzinfo=SCHEDULE_TZ)
    assert dispatch.latest_slot(now, within=timedelta(hours=5)) is None
    assert SCHEDULES["confirmation_reminders_task"].latest_slot(now) == datetime(2026, 12, 5, 6, 55, tzinfo=SCHEDULE_TZ)


def test_a_consumer_down_for_three_days_catches_up_each_daily_task_once():
    today = timezone.localdate()
    ran_before(today - timedelta(days=3))
    with time_machine.travel(at(today, 10), tick=False):
        assert sorted(scheduled_runs_catch_up()) == sorted(DAILY)  # immediate mode: they ran right away
    assert runs("dispatch_morning_task")[1:] == [(at(today, 7), True)]
    assert runs("wage_overdue_task")[1:] == [(at(today, 9), True)]
    assert runs("scheduled_run_purge_task")[1:] == [(at(today, 3, 30), True)]
    assert ScheduledRun.objects.exclude(status="done").count() == 0
    # A second start (or a second consumer) finds the slots taken: nothing runs twice.
    with time_machine.travel(at(today, 10, 5), tick=False):
        assert scheduled_runs_catch_up() == []
        assert SCHEDULED_TASKS["dispatch_morning_task"].call_local() is None
    assert ScheduledRun.objects.count() == 6


def test_the_morning_dispatch_is_not_caught_up_after_noon_but_the_wage_sweep_is():
    today = timezone.localdate()
    ran_before(today - timedelta(days=1))
    with time_machine.travel(at(today, 12, 1), tick=False):
        assert sorted(scheduled_runs_catch_up()) == ["scheduled_run_purge_task", "wage_overdue_task"]
    assert runs("dispatch_morning_task") == [(at(today - timedelta(days=1), 7), False)]


def test_a_slot_that_ran_on_time_is_not_caught_up():
    today = timezone.localdate()
    ran_before(today - timedelta(days=1))
    with time_machine.travel(at(today, 7, 0, 20), tick=False):
        assert SCHEDULED_TASKS["dispatch_morning_task"].call_local() == 0  # the 07:00 run, on time
    with time_machine.travel(at(today, 7, 30), tick=False):
        assert "dispatch_morning_task" not in scheduled_runs_catch_up()
    assert runs("dispatch_morning_task")[1:] == [(at(today, 7), False)]


def test_a_new_installation_starts_with_the_next_slot():
    with time_machine.travel(at(timezone.localdate(), 10), tick=False):
        assert scheduled_runs_catch_up() == []
    assert ScheduledRun.objects.count() == 0


def test_a_run_left_running_by_a_dead_consumer_is_taken_over_after_an_hour():
    today = timezone.localdate()
    slot = at(today, 9)
    ScheduledRun.objects.create(task="wage_overdue_task", slot=slot, started_at=slot.astimezone(UTC))
    with time_machine.travel(at(today, 9, 30), tick=False):
        assert SCHEDULED_TASKS["wage_overdue_task"].call_local() is None  # maybe still running elsewhere
    with time_machine.travel(at(today, 10, 5), tick=False):
        assert SCHEDULED_TASKS["wage_overdue_task"].call_local() == {
            "overdue": 0,
            "reminded": 0,
            "escalated": 0,
            "due_reminded": 0,
        }
    assert list(ScheduledRun.objects.values_list("status", flat=True)) == ["done"]
