"""Periodic work on jobs (huey)."""

from lingong.operations.schedules import scheduled_task

from .services import job_expire_overdue, job_progress_sweep


@scheduled_task()
def job_expire_overdue_task(*, now) -> int:
    return job_expire_overdue(now=now)


@scheduled_task()
def job_progress_task(*, now) -> dict:
    return job_progress_sweep(now=now)
