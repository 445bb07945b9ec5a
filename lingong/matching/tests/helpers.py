"""A tiny hand-made market: one place, one Monday, defaults that fit, one field changed per test."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from lingong.matching import AFTERNOON, MORNING, MatchIndex, day_number
from lingong.matching.geo import LHASA, unproject
from lingong.matching.timegrid import local_datetime

MONDAY = day_number(date(2025, 6, 2))
NOW = local_datetime(MONDAY, 6.0)
"""06:00 on Monday 2 June 2025, local time."""
TRADE, RELATED, OTHER = 10, 11, 12


def at_km(x_km: float, y_km: float = 0.0) -> dict[str, float]:
    """lat/lon of a point x km east and y km north of the origin."""
    lat, lon = unproject(x_km, y_km, LHASA)
    return {"lat": float(lat), "lon": float(lon)}


def make_index(**kwargs: Any) -> MatchIndex:
    index = MatchIndex(**kwargs)
    index.set_related_trades([(TRADE, RELATED)])
    index.trade_col(OTHER)
    return index


def add_worker(index: MatchIndex, worker_id: int, **fields: Any) -> int:
    values: dict[str, Any] = dict(
        at_km(0.0),
        max_km=10.0,
        min_pay_fen=20000,
        trades=[(TRADE, 3, False)],
        max_intensity=2,
        languages=1,
    )
    values.update(fields)
    return index.upsert_worker(worker_id, **values)


def add_job(index: MatchIndex, job_id: int, **fields: Any) -> int:
    values: dict[str, Any] = dict(
        at_km(2.0),
        employer_ids=500,
        trade_ids=TRADE,
        pay_fen=25000,
        start_day=MONDAY,
        slots=MORNING | AFTERNOON,
        intensity=2,
        places_left=1,
    )
    values.update(fields)
    return index.upsert_job(job_id, **values)


def job_ids_for(index: MatchIndex, worker_id: int, now: datetime = NOW, k: int = 100) -> list[int]:
    from lingong.matching import top_jobs_for_worker

    return top_jobs_for_worker(index, index.workers.row(worker_id), k, now=now).ids.tolist()


def worker_ids_for(index: MatchIndex, job_id: int, now: datetime = NOW, k: int = 100) -> list[int]:
    from lingong.matching import top_workers_for_job

    return top_workers_for_job(index, index.jobs.row(job_id), k, now=now).ids.tolist()
