"""Periodic credit work (huey): thin wrappers over services."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import appeal_escalate_overdue


@db_periodic_task(crontab(minute="*/30"))
def appeal_escalate_overdue_task() -> int:
    return appeal_escalate_overdue()
