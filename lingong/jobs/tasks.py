"""Periodic work on jobs (huey)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import job_expire_overdue, job_progress_sweep


@db_periodic_task(crontab(minute="*/15"))
def job_expire_overdue_task() -> int:
    return job_expire_overdue()


@db_periodic_task(crontab(minute="*/10"))
def job_progress_task() -> dict:
    return job_progress_sweep()
