"""Housekeeping (huey): run records, idempotency keys."""

from __future__ import annotations

from lingong.core.idempotency import idempotency_purge_expired

from .runs import scheduled_run_purge
from .schedules import scheduled_task


@scheduled_task()
def scheduled_run_purge_task(*, now) -> int:
    """Run records are needed for a day (the catch-up); keep a month for staff to look back."""
    return scheduled_run_purge(now=now)


@scheduled_task()
def idempotency_purge_task(*, now) -> int:
    """Forget idempotency keys past their lifetime (the app's: 24 hours; forms': 30 days), every hour."""
    return idempotency_purge_expired(now=now)
