"""Scheduled matching work (huey): the morning dispatch and fast-channel widening."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task
from django.utils import timezone

from lingong.jobs.models import Job

from .services import FAST_CHANNEL_WIDEN_MINUTES, dispatch_run, fast_channel_offer


@db_periodic_task(crontab(hour="23", minute="0"))  # 07:00 in Lhasa (huey runs crontabs in UTC)
def dispatch_morning_task() -> int:
    return dispatch_run(day=timezone.localdate(), actor=None).proposed


@db_task()
def fast_channel_offer_task(job_id: int, tier: int = 0) -> int:
    """Offer one tier now and, while places are left, schedule the next wider one."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return 0
    offered = fast_channel_offer(job=job, tier=tier)
    job.refresh_from_db()
    if tier < 2 and job.places_left > 0 and job.status == "open":
        fast_channel_offer_task.schedule((job_id, tier + 1), delay=FAST_CHANNEL_WIDEN_MINUTES * 60)
    return offered
