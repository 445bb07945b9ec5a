"""Delivery of the outbox (huey): one task per message, and a sweep for leftovers."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .services import MAX_ATTEMPTS, RETRY_DELAY_SECONDS, notification_deliver, notification_sweep


@db_task(retries=MAX_ATTEMPTS - 1, retry_delay=RETRY_DELAY_SECONDS)
def notification_deliver_task(notification_id: int) -> str:
    """Raises while the backend fails and attempts are left, so huey retries."""
    return notification_deliver(notification_id=notification_id)


@db_periodic_task(crontab(minute="*"))
def notification_sweep_task() -> dict:
    """Every minute: deliver rows whose task was lost (the process died after commit)."""
    return notification_sweep()
