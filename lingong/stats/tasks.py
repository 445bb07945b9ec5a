"""The figures' rollup (huey): today and yesterday every five minutes, five weeks every night."""

from __future__ import annotations

from lingong.operations.schedules import scheduled_task

from .services import NIGHTLY_DAYS, stats_credit_snapshot, stats_rollup_recent


@scheduled_task()
def stats_rollup_task(*, now) -> int:
    """The dashboard is at most five minutes behind; a missed run is made good by the next."""
    return stats_rollup_recent(now=now)


@scheduled_task()
def stats_rollup_nightly_task(*, now) -> int:
    """Old rows change late (a no-show disputed, a case closed): recount the last five weeks once a night,
    and take the night's credit distribution."""
    return stats_rollup_recent(now=now, days=NIGHTLY_DAYS) + stats_credit_snapshot(now=now)
