"""Daily wage sweep (huey): pay-day reminders, overdue, reminders, escalation. 09:00 Beijing time = 01:00 UTC."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import wage_due_remind, wage_overdue_sweep


@db_periodic_task(crontab(hour="1", minute="0"))
def wage_overdue_task() -> dict:
    now = timezone.now()
    return {**wage_overdue_sweep(now=now), "due_reminded": wage_due_remind(now=now)}
