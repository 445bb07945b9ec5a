"""Reads of the run records, with their access check."""

from __future__ import annotations

from datetime import datetime, timedelta

from lingong.accounts.models import Role

from .models import ScheduledRun, TaskFailure

FAILURES_SHOWN_FOR = timedelta(days=7)


def task_failure_list_recent(*, user, now: datetime, limit: int = 20) -> list[TaskFailure]:
    """Tasks that failed for good in the last week: district administrators only (others get nothing)."""
    if not getattr(user, "is_authenticated", False) or not (user.is_superuser or user.role == Role.DISTRICT_ADMIN):
        return []
    return list(TaskFailure.objects.filter(failed_at__gte=now - FAILURES_SHOWN_FOR)[:limit])


def consumer_last_run_at() -> datetime | None:
    """When the consumer last started a periodic run (one runs every minute): its heartbeat."""
    return ScheduledRun.objects.order_by("-started_at").values_list("started_at", flat=True).first()


def task_failure_count_since(*, since: datetime) -> int:
    return TaskFailure.objects.filter(failed_at__gte=since).count()
