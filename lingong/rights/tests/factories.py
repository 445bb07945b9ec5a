"""Test helpers shared by rights, follow-ups and credit: a real placement made through the services."""

from __future__ import annotations

from lingong.jobs.models import Placement, PlacementStatus
from lingong.jobs.services import application_accept, application_create
from lingong.jobs.tests.factories import post_job


def make_placement(
    *, employer, job_type, staff, worker, start=None, end=None, completed=False, **job_extra
) -> Placement:
    """Start defaults to post_job's: 8 days after the test day."""
    job = post_job(employer=employer, job_type=job_type, actor=staff, start=start, end=end, **job_extra)
    application = application_create(job=job, worker=worker, origin="staff", channel="window", actor=staff)
    application_accept(application=application, side="worker", actor=worker.user, channel="kiosk")
    application_accept(application=application, side="employer", actor=staff, channel="window")
    placement = Placement.objects.get(application=application)
    if completed:
        # No completion service exists in jobs yet; the attendance/wages side will own it.
        Placement.objects.filter(pk=placement.pk).update(status=PlacementStatus.COMPLETED)
        placement.refresh_from_db()
    return placement
