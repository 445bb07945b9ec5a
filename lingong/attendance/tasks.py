"""Periodic work on confirmations and attendance (huey): thin wrappers over services taking `now`.

Schedules (Asia/Shanghai) are in lingong/operations/schedules.py.
"""

from lingong.operations.schedules import scheduled_task

from .services import (
    attendance_hours_settle,
    attendance_no_show_sweep,
    confirmation_deadline_sweep,
    confirmation_reminders_send,
)


@scheduled_task()
def confirmation_reminders_task(*, now) -> int:
    return confirmation_reminders_send(now=now)


@scheduled_task()
def confirmation_deadline_task(*, now) -> int:
    return len(confirmation_deadline_sweep(now=now))


@scheduled_task()
def attendance_no_show_task(*, now) -> int:
    return attendance_no_show_sweep(now=now)


@scheduled_task()
def attendance_hours_settle_task(*, now) -> int:
    return attendance_hours_settle(now=now)
