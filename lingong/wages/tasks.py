"""Daily wage sweep (huey): pay-day reminders, overdue, reminders, escalation, at 09:00 Asia/Shanghai
(lingong/operations/schedules.py)."""

from lingong.operations.schedules import scheduled_task

from .services import wage_due_remind, wage_overdue_sweep


@scheduled_task()
def wage_overdue_task(*, now) -> dict:
    return {**wage_overdue_sweep(now=now), "due_reminded": wage_due_remind(now=now)}
