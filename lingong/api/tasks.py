"""Housekeeping of the API (huey)."""

from lingong.operations.schedules import scheduled_task

from .services import idempotency_purge_expired


@scheduled_task()
def idempotency_purge_task(*, now) -> int:
    """Idempotency keys live 24 hours; forget older ones every hour."""
    return idempotency_purge_expired(now=now)
