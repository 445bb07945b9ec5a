"""Keep the daily figures in step with the domain tables (the only writer of `DailyFigure`, `DailyTotal` and
`DailyKioskFigure`)."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db import transaction

from lingong.credit.models import CreditEvent
from lingong.credit.rules import BASELINE
from lingong.credit.selectors import credit_scores_for_employers, credit_scores_for_workers
from lingong.employers.models import Employer
from lingong.workers.models import Worker

from .figures import day_count, kiosk_day_count, local_day
from .models import SNAPSHOT_METRICS, TIME_TO_METRICS, DailyFigure, DailyKioskFigure, DailyTotal, Metric
from .selectors import FIGURES_VERSION_KEY

RECENT_DAYS = 2  # today and yesterday: a late event of yesterday (a midnight check-out) is still counted
NIGHTLY_DAYS = 35  # the nightly pass recounts five weeks: late changes (a dispute decided, a pay day moved)


def _figure_key(row: DailyFigure):
    return (row.metric, row.station_id, row.channel, row.job_type_id, row.bucket)


def _total_key(row: DailyTotal):
    return (row.metric, row.station_id, row.channel)


def _kiosk_key(row: DailyKioskFigure):
    return (row.metric, row.kiosk_id, row.station_id, row.channel)


def _totals_of(counts: Counter) -> Counter:
    """The day's flows summed over trades (time-to distributions are not totals)."""
    totals: Counter = Counter()
    for (metric, station, channel, _trade, _bucket), value in counts.items():
        if metric not in TIME_TO_METRICS:
            totals[(metric, station, channel)] += value
    return totals


@transaction.atomic
def stats_rollup_day(*, day: date) -> int:
    """Recount one day's flows and make its rows say exactly that; returns the number of rows changed."""
    # Lock the day's rows before counting: a second recount of the same day (the nightly pass beside the
    # five-minute one) waits, then counts after the first has written, instead of inserting the same rows.
    figures = list(DailyFigure.objects.select_for_update().filter(day=day).exclude(metric__in=SNAPSHOT_METRICS))
    totals = list(DailyTotal.objects.select_for_update().filter(day=day))
    kiosks = list(DailyKioskFigure.objects.select_for_update().filter(day=day))
    counts = day_count(day)
    changed = _rows_set(
        model=DailyFigure,
        rows=figures,
        key=_figure_key,
        counts=counts,
        make=lambda k, v: DailyFigure(
            day=day, metric=k[0], station_id=k[1], channel=k[2], job_type_id=k[3], bucket=k[4], value=v
        ),
    )
    changed += _rows_set(
        model=DailyTotal,
        rows=totals,
        key=_total_key,
        counts=_totals_of(counts),
        make=lambda k, v: DailyTotal(day=day, metric=k[0], station_id=k[1], channel=k[2], value=v),
    )
    return changed + _rows_set(
        model=DailyKioskFigure,
        rows=kiosks,
        key=_kiosk_key,
        counts=kiosk_day_count(day),
        make=lambda k, v: DailyKioskFigure(day=day, metric=k[0], kiosk_id=k[1], station_id=k[2], channel=k[3], value=v),
    )


def _rows_set(*, model, rows, key, counts: Counter, make) -> int:
    """Make `rows` (one day's) say `counts`: updated in place, added or removed one by one, never all
    replaced, so a second run over an unchanged day changes nothing at all."""
    existing = {key(row): row for row in rows}
    stale = [row.pk for k, row in existing.items() if k not in counts]
    changed = []
    for k, row in existing.items():
        if k in counts and row.value != counts[k]:
            row.value = counts[k]
            changed.append(row)
    new = [make(k, v) for k, v in counts.items() if k not in existing]
    if stale:
        model.objects.filter(pk__in=stale).delete()
    if changed:
        model.objects.bulk_update(changed, ["value"])
    if new:
        model.objects.bulk_create(new)
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
    _figures_recounted()
    return changed


def _figures_recounted() -> None:
    """Pages that keep figures (the dashboard) keep them under the version: a recount shows at once. A new
    version now, and again on commit: a page drawn between the two read the rows before the recount."""

    def bump() -> None:
        cache.set(FIGURES_VERSION_KEY, uuid.uuid4().hex, timeout=None)

    bump()
    transaction.on_commit(bump)


def stats_rollup_recent(*, now: datetime, days: int = RECENT_DAYS) -> int:
    """Recount the last `days` days up to today (Asia/Shanghai)."""
    today = local_day(now)
    return stats_rollup_range(first=today - timedelta(days=days - 1), last=today)


BAND_WIDTH = 10  # score points per band: 0-9, 10-19, … 90-100 (the top band holds 100)


def _bands(scores, *, others: int) -> Counter:
    """Scores in 0..1 by band; `others` have no facts yet and stand at the baseline."""
    bands = Counter(min(int(score * 100) // BAND_WIDTH, 9) for score in scores)
    if others:
        bands[int(BASELINE) // BAND_WIDTH] += others
    return bands


@transaction.atomic
def stats_credit_snapshot(*, now: datetime) -> int:
    """Count workers and employers (not hidden) by credit score band, as of `now`, on `now`'s day.

    Scores are computed only for people with facts; everyone else stands at the baseline.
    """
    day = local_day(now)
    rows = list(DailyFigure.objects.select_for_update().filter(day=day, metric__in=SNAPSHOT_METRICS))
    counts: Counter = Counter()
    for metric, model, field, scores_of in (
        (Metric.CREDIT_WORKERS, Worker, "worker_id", credit_scores_for_workers),
        (Metric.CREDIT_EMPLOYERS, Employer, "employer_id", credit_scores_for_employers),
    ):
        people = model.objects.filter(hidden_at__isnull=True)
        with_facts = set(
            CreditEvent.objects.filter(**{f"{field}__isnull": False, f"{field}__in": people.values("pk")})
            .values_list(field, flat=True)
            .order_by()
            .distinct()
        )
        scores = scores_of(with_facts, now).values()
        for band, n in _bands(scores, others=people.count() - len(with_facts)).items():
            counts[(metric, None, "", None, band)] = n
    _figures_recounted()
    return _rows_set(
        model=DailyFigure,
        rows=rows,
        key=_figure_key,
        counts=counts,
        make=lambda k, v: DailyFigure(day=day, metric=k[0], station_id=k[1], channel=k[2], bucket=k[4], value=v),
    )
