"""Job helpers for tests: a valid job posted through the service."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from lingong.jobs.services import application_interview_set, job_create

INTERVIEW_PLACE = "北京中路 12 号"

START_AFTER_DAYS = 8  # a job posted "today" starts a week and a day later


def post_job(*, employer, job_type, actor, start=None, end=None, hours=(time(9), time(17)), **extra):
    """A job posted today (the test day: the clock is frozen there) starting `start`, by default in 8 days."""
    today = timezone.localdate()
    start = start or today + timedelta(days=START_AFTER_DAYS)
    kwargs = dict(
        employer=employer,
        job_type=job_type,
        title="搬运货物",
        headcount=1,
        pay_fen=30000,
        pay_unit="day",
        start_date=start,
        end_date=end or start,
        start_time=hours[0],
        end_time=hours[1],
        address="拉萨市城关区江苏路",
        lat="29.650000",
        lon="91.130000",
        actor=actor,
        channel="window",
        today=today,
    )
    kwargs.update(extra)
    return job_create(**kwargs)


def interview_in_two_days(*, application, actor):
    """An interview at 15:00 the day after tomorrow, at `INTERVIEW_PLACE`, set by staff at the window."""
    return application_interview_set(
        application=application,
        interview_at=datetime.combine(
            timezone.localdate() + timedelta(days=2), time(15), tzinfo=ZoneInfo("Asia/Shanghai")
        ),
        interview_place=INTERVIEW_PLACE,
        actor=actor,
        channel="window",
    )
