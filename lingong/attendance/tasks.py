"""Periodic work on confirmations and attendance (huey): thin wrappers over services taking `now`."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import (
    attendance_hours_settle,
    attendance_no_show_sweep,
    confirmation_deadline_sweep,
    confirmation_reminders_send,
)


@db_periodic_task(crontab(minute="*/5"))
def confirmation_reminders_task() -> int:
    return confirmation_reminders_send(now=timezone.now())


@db_periodic_task(crontab(minute="*/5"))
def confirmation_deadline_task() -> int:
    return len(confirmation_deadline_sweep(now=timezone.now()))


@db_periodic_task(crontab(minute="*/10"))
def attendance_no_show_task() -> int:
    return attendance_no_show_sweep(now=timezone.now())


@db_periodic_task(crontab(minute="7"))
def attendance_hours_settle_task() -> int:
    return attendance_hours_settle(now=timezone.now())
