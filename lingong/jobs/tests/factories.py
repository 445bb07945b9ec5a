"""Job helpers for tests: a valid job posted through the service."""

from __future__ import annotations

from datetime import date, time

from lingong.jobs.services import job_create


def post_job(*, employer, job_type, actor, start=date(2026, 12, 1), end=None, hours=(time(9), time(17)), **extra):
    kwargs = dict(
        employer=employer, job_type=job_type, title="搬运货物", headcount=1, pay_fen=30000, pay_unit="day",
        start_date=start, end_date=end or start, start_time=hours[0], end_time=hours[1],
        address="拉萨市城关区江苏路", lat="29.650000", lon="91.130000", actor=actor, channel="window",
        today=date(2026, 11, 23),
    )
    kwargs.update(extra)
    return job_create(**kwargs)
