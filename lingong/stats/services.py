"""Keep the daily figures in step with the domain tables (the only writer of `DailyFigure`)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction

from .figures import day_count, local_day
from .models import DailyFigure

RECENT_DAYS = 2  # today and yesterday: a late event of yesterday (a midnight check-out) is still counted
NIGHTLY_DAYS = 35  # the nightly pass recounts five weeks: late changes (a dispute decided, a pay day moved)


def _key(row: DailyFigure):
    return (row.metric, row.station_id, row.channel, row.job_type_id, row.bucket)


@transaction.atomic
def stats_rollup_day(*, day: date) -> int:
    """Recount one day and make its rows say exactly that; returns the number of rows changed.

    Rows are updated in place, added or removed one by one, never all replaced,
    so a second run over an unchanged day changes nothing at all.
    """
    counts = day_count(day)
    existing = {_key(row): row for row in DailyFigure.objects.filter(day=day)}
    stale = [row.pk for key, row in existing.items() if key not in counts]
    changed = []
    for key, row in existing.items():
        if key in counts and row.value != counts[key]:
            row.value = counts[key]
            changed.append(row)
    new = [
        DailyFigure(
            day=day, metric=metric, station_id=station, channel=channel, job_type_id=job_type, bucket=bucket, value=v
        )
        for (metric, station, channel, job_type, bucket), v in counts.items()
        if (metric, station, channel, job_type, bucket) not in existing
    ]
    if stale:
        DailyFigure.objects.filter(pk__in=stale).delete()
    if changed:
        DailyFigure.objects.bulk_update(changed, ["value"])
    if new:
        DailyFigure.objects.bulk_create(new)
    return len(stale) + len(changed) + len(new)


def stats_rollup_range(*, first: date, last: date) -> int:
    """Recount every day from `first` to `last` (inclusive), a day per transaction."""
    if last < first:
        raise ValueError("the last day comes before the first")
    changed = 0
    day = first
    while day <= last:
        changed += stats_rollup_day(day=day)
        day += timedelta(days=1)
    return changed


def stats_rollup_recent(*, now: datetime, days: int = RECENT_DAYS) -> int:
    """Recount the last `days` days up to today (Asia/Shanghai)."""
    today = local_day(now)
    return stats_rollup_range(first=today - timedelta(days=days - 1), last=today)
