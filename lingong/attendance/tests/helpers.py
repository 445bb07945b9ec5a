"""A placement made through the real services, starting a week from the real today."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from lingong.jobs.models import Placement
from lingong.jobs.services import application_accept, application_create
from lingong.jobs.tests.factories import post_job


def local(day, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)), timezone.get_default_timezone())


def start_day():
    return timezone.localdate() + timedelta(days=7)


def make_placement(*, employer, job_type, staff, worker, start=None, end=None, hours=(time(9), time(17)), **extra):
    start = start or start_day()
    job = post_job(
        employer=employer,
        job_type=job_type,
        actor=staff,
        start=start,
        end=end or start,
        hours=hours,
        today=timezone.localdate(),
        **extra,
    )
    application = application_create(job=job, worker=worker, origin="staff", channel="window", actor=staff)
    application_accept(application=application, side="worker", actor=worker.user, channel="kiosk")
    application_accept(application=application, side="employer", actor=staff, channel="window")
    return Placement.objects.get(application=application)


def live_code(placement, at):
    """The job's check-in code as shown at the place at `at`."""
    from lingong.attendance.qr import checkin_token

    return checkin_token(placement.job_id, now=at)
