"""Synthetic but realistic Chengguan data for the benchmarks and the market simulation.

Shape, not truth: ~30 trades with Zipf-skewed popularity and a few related
trade groups, points clustered around neighbourhoods of the Lhasa valley
(the city is a long east-west strip, ~24 km by ~7 km), day pay 150-400
yuan by trade and level, mostly one-day gigs plus longer jobs, workers
with 1-3 trades, travel limits of 3-15 km, Chinese and/or Tibetan.
Everything is drawn from one seeded generator, so runs are reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from lingong.matching import AFTERNOON, ALL_SLOTS, EVENING, MORNING, MatchIndex
from lingong.matching.geo import LHASA, unproject

N_TRADES = 30
TRADE_IDS = np.arange(1, N_TRADES + 1)
RELATED_GROUPS = [(1, 2, 3), (4, 5), (6, 7, 8), (9, 10), (12, 13), (15, 16), (20, 21)]
"""Trades whose workers may stand in for each other (e.g. general labour, porter, mover)."""

# Neighbourhood centres in km from the origin (x east, y north) and their spread.
CLUSTERS = np.array(
    [
        (0.0, 0.3, 0.8),  # Barkhor / old town
        (-2.5, 0.8, 1.0),  # Potala / Beijing Zhonglu
        (-6.0, 0.5, 1.2),  # Jinzhu Xilu (station)
        (-9.5, -0.5, 1.5),  # western edge
        (3.0, 1.2, 1.0),  # Gama Gonsang (station)
        (5.5, 0.0, 1.2),  # eastern districts
        (8.5, -0.8, 1.5),  # east, construction
        (-1.0, 3.0, 1.0),  # north, Sera road
        (1.5, -1.5, 0.8),  # Kyichu river south bank
        (-4.0, -1.8, 1.2),  # Liuwu new district
        (-1.5, 1.8, 0.7),  # Gongdelin (station)
        (11.0, 1.0, 1.5),  # far east
    ],
    dtype=np.float64,
)
CITY_BOX = (-12.0, 12.0, -3.5, 3.5)


def trade_popularity(n: int = N_TRADES, exponent: float = 1.0) -> np.ndarray:
    p = 1.0 / np.arange(1, n + 1) ** exponent
    return p / p.sum()


def related_pairs() -> list[tuple[int, int]]:
    return [(a, b) for g in RELATED_GROUPS for a in g for b in g if a < b]


def points(rng: np.random.Generator, n: int, clustered: float = 0.7) -> tuple[np.ndarray, np.ndarray]:
    """(lat, lon) of n points: `clustered` share around neighbourhoods, the rest across the city."""
    x = np.empty(n)
    y = np.empty(n)
    in_cluster = rng.random(n) < clustered
    k = int(in_cluster.sum())
    c = CLUSTERS[rng.integers(0, len(CLUSTERS), k)]
    x[in_cluster] = c[:, 0] + rng.normal(0, 1, k) * c[:, 2]
    y[in_cluster] = c[:, 1] + rng.normal(0, 1, k) * c[:, 2] * 0.6
    m = n - k
    x[~in_cluster] = rng.uniform(CITY_BOX[0], CITY_BOX[1], m)
    y[~in_cluster] = rng.uniform(CITY_BOX[2], CITY_BOX[3], m)
    lat, lon = unproject(x, y, LHASA)
    return lat, lon


# Per-trade character: base day pay (yuan) and physical intensity.
_TRADE_BASE_PAY = np.random.default_rng(12345).integers(150, 300, N_TRADES)
_TRADE_INTENSITY = np.random.default_rng(54321).choice([1, 2, 3], N_TRADES, p=[0.3, 0.4, 0.3])


@dataclass
class Jobs:
    columns: dict[str, Any]

    def __len__(self) -> int:
        return len(self.columns["ids"])


@dataclass
class Workers:
    columns: dict[str, Any]

    def __len__(self) -> int:
        return len(self.columns["ids"])


def make_jobs(
    rng: np.random.Generator,
    n: int,
    *,
    today: int,
    n_employers: int = 1000,
    horizon_days: int = 7,
    long_share: float = 0.2,
    headcount: tuple[int, int] = (1, 3),
    all_start_today: bool = False,
    first_id: int = 1,
) -> Jobs:
    trade = rng.choice(TRADE_IDS, n, p=trade_popularity())
    lat, lon = points(rng, n)
    base = _TRADE_BASE_PAY[trade - 1]
    pay_yuan = np.clip(base + rng.normal(30, 45, n), 150, 400)
    pay_fen = (np.round(pay_yuan / 10) * 1000).astype(np.int64)
    start = np.full(n, today) if all_start_today else today + rng.integers(0, horizon_days, n)
    long = rng.random(n) < long_share
    length = np.where(long, rng.integers(5, 61, n), 1)
    slot_choices = np.array([MORNING | AFTERNOON, MORNING, AFTERNOON, EVENING, ALL_SLOTS])
    slots = rng.choice(slot_choices, n, p=[0.6, 0.15, 0.1, 0.1, 0.05])
    languages = rng.choice([0, 1, 2], n, p=[0.7, 0.2, 0.1])
    return Jobs(
        {
            "ids": np.arange(first_id, first_id + n),
            "employer_ids": rng.integers(1, n_employers + 1, n),
            "trade_ids": trade,
            "lat": lat,
            "lon": lon,
            "pay_fen": pay_fen,
            "start_day": start,
            "end_day": start + length - 1,
            "slots": slots,
            "intensity": _TRADE_INTENSITY[trade - 1],
            "languages": languages,
            "places_left": rng.integers(headcount[0], headcount[1] + 1, n),
            "urgency": np.where(rng.random(n) < 0.1, 1.0, 0.0),
        }
    )


def make_workers(rng: np.random.Generator, n: int, *, max_trades: int = 4, first_id: int = 1) -> Workers:
    p = trade_popularity()
    n_trades = rng.choice([1, 2, 3], n, p=[0.5, 0.35, 0.15])
    tids = np.full((n, max_trades), -1, dtype=np.int64)
    for k in range(3):
        has = n_trades > k
        tids[has, k] = rng.choice(TRADE_IDS, int(has.sum()), p=p)
    # Drop repeated trades of one worker.
    for k in range(1, 3):
        dup = (tids[:, k : k + 1] == tids[:, :k]).any(axis=1)
        tids[dup, k] = -1
    levels = np.where(tids >= 0, rng.choice([1, 2, 3, 4, 5], (n, max_trades), p=[0.15, 0.3, 0.3, 0.17, 0.08]), 0)
    certified = np.where(tids >= 0, rng.random((n, max_trades)) < 0.2, False)
    lat, lon = points(rng, n, clustered=0.8)
    full_time = rng.random(n) < 0.7
    week_ma = sum(1 << (d * 3 + s) for d in range(7) for s in (0, 1))
    week_all = (1 << 21) - 1
    part = rng.integers(0, 1 << 21, n) | rng.integers(0, 1 << 21, n)  # ~75% of slots
    availability = np.where(full_time, np.where(rng.random(n) < 0.5, week_ma, week_all), part)
    speaks_zh = rng.random(n) < 0.85
    speaks_bo = rng.random(n) < 0.6
    languages = (speaks_zh | ~speaks_bo).astype(np.int64) | (speaks_bo.astype(np.int64) << 1)
    return Workers(
        {
            "ids": np.arange(first_id, first_id + n),
            "lat": lat,
            "lon": lon,
            "max_km": rng.choice([3.0, 5.0, 8.0, 10.0, 15.0], n, p=[0.15, 0.25, 0.3, 0.2, 0.1]),
            "min_pay_fen": (rng.integers(15, 31, n) * 1000),
            "trade_ids": tids,
            "levels": levels,
            "certified": certified,
            "availability": availability,
            "max_intensity": rng.choice([1, 2, 3], n, p=[0.15, 0.35, 0.5]),
            "languages": languages,
            "reliability": rng.beta(4, 2, n),
            "recent_work_days": rng.exponential(3.0, n),
        }
    )


def build_index(
    jobs: Jobs | None,
    workers: Workers | None,
    *,
    rng: np.random.Generator | None = None,
    today: int = 0,
    calendar: bool = True,
) -> MatchIndex:
    """An index holding the jobs and workers, with employer credit, some held placements,
    days off and blocks (so the calendar and block filters do real work)."""
    index = MatchIndex(
        job_capacity=max(len(jobs) if jobs else 0, 1024),
        worker_capacity=max(len(workers) if workers else 0, 1024),
    )
    for t in TRADE_IDS.tolist():
        index.trade_col(t)
    index.set_related_trades(related_pairs())
    rng = rng or np.random.default_rng(0)
    employer_ids = np.arange(1, 1001)
    index.upsert_employers(employer_ids, credit=rng.beta(5, 3, len(employer_ids)))
    if workers is not None:
        index.upsert_workers(**workers.columns)
    if jobs is not None:
        index.upsert_jobs(**jobs.columns)
    if calendar and workers is not None:
        ids = workers.columns["ids"]
        n = len(ids)
        for wid in rng.choice(ids, n // 10, replace=False).tolist():
            index.add_busy(
                wid, today + int(rng.integers(0, 7)), int(rng.choice([MORNING | AFTERNOON, MORNING, EVENING]))
            )
        for wid in rng.choice(ids, n // 20, replace=False).tolist():
            index.set_busy(wid, today + int(rng.integers(0, 7)), ALL_SLOTS)
        for wid in rng.choice(ids, max(n // 1000, 1), replace=False).tolist():
            index.block(wid, int(rng.integers(1, 1001)))
    return index


def percentile_ms(samples_ns: list[int] | np.ndarray, q: float) -> float:
    return float(np.percentile(np.asarray(samples_ns, dtype=np.float64), q) / 1e6)
