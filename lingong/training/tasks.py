"""The day-before reminders of training sessions, at 18:00 Asia/Shanghai (lingong/operations/schedules.py)."""

from lingong.operations.schedules import scheduled_task

from .services import training_remind


@scheduled_task()
def training_reminders_task(*, now) -> dict:
    return {"reminded": training_remind(now=now)}
