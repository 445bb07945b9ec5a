"""Matching work (huey): the morning dispatch (07:00 Asia/Shanghai, lingong/operations/schedules.py),
the nightly training of the acceptance model (03:00), the answer deadline of dispatch proposals with their
standby lists, and fast-channel widening."""

from django.utils import timezone
from huey.contrib.djhuey import db_task

from lingong.jobs.models import Job, JobStatus
from lingong.jobs.services import application_expire_unanswered
from lingong.operations.schedules import scheduled_task

from .learning import acceptance_model_train
from .services import (
    FAST_CHANNEL_WIDEN_MINUTES,
    dispatch_run,
    fast_channel_offer,
    fast_channel_tier_offered,
    standby_promote,
    standby_sweep,
)

FAST_CHANNEL_TIERS = 3


@scheduled_task()
def dispatch_morning_task(*, now) -> int:
    return dispatch_run(day=timezone.localdate(now), actor=None, now=now).proposed


@scheduled_task()
def dispatch_answer_deadline_task(*, now) -> dict:
    """Every 5 minutes: dispatch proposals not answered in time expire (each place goes to the next standby),
    then the standby lists are tidied (see `standby_sweep`)."""
    expired = application_expire_unanswered(now=now)
    return {"expired": len(expired), **standby_sweep(now=now)}


@scheduled_task()
def acceptance_model_train_task(*, now) -> str:
    """The version in use after the run (a new one when enough answers came: docs/matching.md)."""
    version = acceptance_model_train(now=now)
    return version.version if version is not None else "declared"


@db_task(retries=3, retry_delay=10)
def standby_promote_task(job_id: int) -> int:
    """A dispatch proposal ended without a hire: propose its place to the next worker in line. In the consumer,
    so the worker who declined never waits for it (nor sees its failure); promoting twice proposes no more
    than the places left."""
    job = Job.objects.filter(pk=job_id).first()
    return 0 if job is None else len(standby_promote(job=job))


@db_task(retries=3, retry_delay=10)
def fast_channel_offer_task(job_id: int, tier: int = 0) -> int:
    """Offer one tier now and, while places are left, schedule the next wider one.

    A tier already offered is not offered again (a retry or a duplicate
    message changes nothing), and then it does not schedule the next tier twice.
    """
    job = Job.objects.filter(pk=job_id).first()
    if job is None or fast_channel_tier_offered(job=job, tier=tier):
        return 0
    offered = fast_channel_offer(job=job, tier=tier)
    job.refresh_from_db()
    if tier + 1 < FAST_CHANNEL_TIERS and job.places_left > 0 and job.status == JobStatus.OPEN:
        fast_channel_offer_task.schedule((job_id, tier + 1), delay=round(FAST_CHANNEL_WIDEN_MINUTES * 60))
    return offered
