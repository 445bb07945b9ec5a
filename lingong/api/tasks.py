"""Housekeeping of the API (huey)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import idempotency_purge_expired


@db_periodic_task(crontab(minute="17"))
def idempotency_purge_task() -> int:
    """Idempotency keys live 24 hours; forget older ones every hour."""
    return idempotency_purge_expired()
