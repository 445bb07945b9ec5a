"""Daily wage sweep (huey): overdue, reminders, escalation. 09:00 Beijing time = 01:00 UTC."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import wage_overdue_sweep


@db_periodic_task(crontab(hour="1", minute="0"))
def wage_overdue_task() -> dict:
    return wage_overdue_sweep(now=timezone.now())
