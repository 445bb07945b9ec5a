"""Retention (huey): purge what is due, daily (lingong/operations/schedules.py)."""

from lingong.operations.schedules import scheduled_task

from .services import privacy_retention_sweep


@scheduled_task()
def privacy_retention_task(*, now) -> int:
    """Anonymise deletions past their period; drop old codes, messages, sessions and access logs."""
    return sum(privacy_retention_sweep(now=now).values())
