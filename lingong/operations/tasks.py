"""Housekeeping of the run records (huey)."""

from __future__ import annotations

from .runs import scheduled_run_purge
from .schedules import scheduled_task


@scheduled_task()
def scheduled_run_purge_task(*, now) -> int:
    """Run records are needed for a day (the catch-up); keep a month for staff to look back."""
    return scheduled_run_purge(now=now)
