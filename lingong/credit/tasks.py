"""Periodic credit work (huey): thin wrappers over services."""

from lingong.operations.schedules import scheduled_task

from .services import appeal_escalate_overdue


@scheduled_task()
def appeal_escalate_overdue_task(*, now) -> int:
    return appeal_escalate_overdue(now=now)
