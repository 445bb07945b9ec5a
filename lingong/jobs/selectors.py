"""Reads of jobs, applications and placements, with their access checks."""

from __future__ import annotations

from django.db.models import QuerySet

from lingong.accounts.selectors import role_allows
from lingong.core.errors import NotFound

from .models import ACTIVE_APPLICATION_STATUSES, Application, Job, JobStatus, Placement, PlacementStatus


def job_list_open_public() -> QuerySet[Job]:
    """Open jobs anyone may see (no personal data on a job)."""
    return (
        Job.objects.filter(status=JobStatus.OPEN)
        .select_related("job_type", "employer", "station")
        .order_by("start_date", "start_time", "-id")
    )


def access_job(*, user, job_id: int) -> Job:
    """A job the user may see: open jobs for everyone, any job for its employer and staff."""
    job = Job.objects.select_related("job_type", "employer", "station").filter(pk=job_id).first()
    if job is None:
        raise NotFound()
    if job.status == JobStatus.OPEN:
        return job
    if getattr(user, "is_authenticated", False) and (user.pk == job.employer.user_id or role_allows(user, "job.view")):
        return job
    raise NotFound()


def application_list_for_worker(*, worker) -> QuerySet[Application]:
    return worker.applications.select_related("job", "job__job_type").order_by("-created_at")


def application_list_active_for_job(*, job: Job) -> QuerySet[Application]:
    return job.applications.filter(status__in=ACTIVE_APPLICATION_STATUSES).select_related("worker")


def placement_list_active_for_worker(*, worker) -> QuerySet[Placement]:
    return worker.placements.filter(status=PlacementStatus.ACTIVE).select_related("job", "job__job_type")
