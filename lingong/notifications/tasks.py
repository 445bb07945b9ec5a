"""Delivery of the outbox (huey): one task per message, a sweep for leftovers
every minute, and the gateway's delivery receipts every 5 minutes
(lingong/operations/schedules.py)."""

from huey.contrib.djhuey import db_task

from lingong.operations.schedules import scheduled_task

from .services import (
    MAX_ATTEMPTS,
    RETRY_DELAY_SECONDS,
    notification_deliver,
    notification_receipts_pull,
    notification_sweep,
)


@db_task(retries=MAX_ATTEMPTS - 1, retry_delay=RETRY_DELAY_SECONDS)
def notification_deliver_task(notification_id: int) -> str:
    """Raises while the backend fails and attempts are left, so huey retries."""
    return notification_deliver(notification_id=notification_id)


@scheduled_task()
def notification_sweep_task(*, now) -> dict:
    """Deliver rows whose task was lost (the process died after commit)."""
    return notification_sweep(now=now)


@scheduled_task()
def notification_receipts_task(*, now) -> dict:
    """Read the gateway's delivery receipts back onto the outbox rows."""
    return notification_receipts_pull(now=now)
