"""Baselines the engine is measured against: one SQL query, and a plain Python loop.

The Python loop calls the engine's own per-pair functions
(`pair_feasible`, `busy_conflict`, `score_pairs` with `SCALAR` ops) on one
job at a time, so it computes exactly the same thing, only without
vectorising or bucketing. The SQL baseline has to restate the score as an
SQL expression (SQLite's math functions); `check_same_top` in the bench
scripts verifies that both baselines return the engine's top 10.
"""

from __future__ import annotations

import heapq
import sqlite3
from datetime import datetime
from typing import Any

import numpy as np

from lingong.matching import MatchIndex, MatchWeights
from lingong.matching.scoring import (
    SCALAR,
    JobView,
    WorkerView,
    busy_conflict,
    hours_until_start,
    pair_feasible,
    pair_km,
    score_pairs,
    take_pair,
)
from lingong.matching.timegrid import local_day_hour, weekday

# --- plain Python loop -----------------------------------------------------------


def python_job_rows(index: MatchIndex) -> list[tuple[int, JobView]]:
    """Every live job as (row, view of Python numbers): the loop's 'table', built once."""
    rows = index.jobs.live_rows()
    view = index.job_view(rows)
    cols = [np.asarray(a).tolist() for a in view]
    return [(int(r), JobView(*vals)) for r, vals in zip(rows.tolist(), zip(*cols))]


def python_worker_rows(index: MatchIndex) -> list[tuple[int, WorkerView]]:
    rows = index.workers.live_rows()
    view = index.worker_view(rows)
    cols = [np.asarray(a).tolist() for a in view]
    return [(int(r), WorkerView(*vals)) for r, vals in zip(rows.tolist(), zip(*cols))]


def python_top_jobs(
    index: MatchIndex,
    table: list[tuple[int, JobView]],
    worker_row: int,
    now: datetime,
    weights: MatchWeights,
    k: int = 10,
) -> list[tuple[float, int]]:
    now_day, now_hour = local_day_hour(now)
    worker = take_pair(index.worker_view(worker_row), ())
    skill_row = index.workers.skill[worker_row].tolist()
    busy = list(index.worker_busy.get(worker_row, {}).items())
    blocked_ids = index.blocked_by_worker.get(int(index.workers.ids[worker_row]), set())
    blocked = {index.employers.row_of[e] for e in blocked_ids if e in index.employers.row_of}
    best: list[tuple[float, int]] = []
    for row, job in table:
        skill = skill_row[job.trade]
        km = pair_km(SCALAR, job, worker)
        hours = hours_until_start(job, now_day, now_hour)
        if not pair_feasible(job, worker, skill, km, hours, weights):
            continue
        if job.employer in blocked or any(busy_conflict(job, d, m) for d, m in busy):
            continue
        score = score_pairs(SCALAR, job, worker, skill, km, hours, weights).score
        if len(best) < k:
            heapq.heappush(best, (score, -row))
        elif (score, -row) > best[0]:
            heapq.heapreplace(best, (score, -row))
    return [(s, -r) for s, r in sorted(best, reverse=True)]


def python_top_workers(
    index: MatchIndex,
    table: list[tuple[int, WorkerView]],
    job_row: int,
    now: datetime,
    weights: MatchWeights,
    k: int = 10,
) -> list[tuple[float, int]]:
    now_day, now_hour = local_day_hour(now)
    job = take_pair(index.job_view(job_row), ())
    skill_col = index.workers.skill[:, job.trade].tolist()
    days = [(d, arr) for d, arr in index.busy_days.items() if job.start_day <= d <= job.end_day]
    blocked_ids = index.blocked_by_employer.get(int(index.employers.ids[job.employer]), set())
    blocked = {index.workers.row_of[w] for w in blocked_ids if w in index.workers.row_of}
    best: list[tuple[float, int]] = []
    for row, worker in table:
        skill = skill_col[row]
        km = pair_km(SCALAR, job, worker)
        hours = hours_until_start(job, now_day, now_hour)
        if not pair_feasible(job, worker, skill, km, hours, weights):
            continue
        if row in blocked or any(busy_conflict(job, d, int(arr[row])) for d, arr in days):
            continue
        score = score_pairs(SCALAR, job, worker, skill, km, hours, weights).score
        if len(best) < k:
            heapq.heappush(best, (score, -row))
        elif (score, -row) > best[0]:
            heapq.heapreplace(best, (score, -row))
    return [(s, -r) for s, r in sorted(best, reverse=True)]


# --- one SQL query -----------------------------------------------------------------


def sqlite_jobs(index: MatchIndex) -> sqlite3.Connection:
    """The live jobs and employers in an in-memory SQLite database, indexed by trade."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE employer (row INTEGER PRIMARY KEY, credit REAL NOT NULL)")
    conn.execute(
        """CREATE TABLE job (row INTEGER PRIMARY KEY, employer INTEGER, trade INTEGER, x REAL, y REAL,
        pay_fen INTEGER, start_day INTEGER, end_day INTEGER, start_hour REAL, slots INTEGER, weekdays INTEGER,
        week_mask INTEGER, intensity INTEGER, languages INTEGER, places_left INTEGER, urgency REAL, exposure REAL,
        certified_only INTEGER)"""
    )
    e = index.employers
    conn.executemany(
        "INSERT INTO employer VALUES (?, ?)", zip(range(e.n_rows), e.credit[: e.n_rows].astype(float).tolist())
    )
    rows = index.jobs.live_rows()
    v = index.job_view(rows)
    names = [f for f in JobView._fields if f != "credit"]  # credit is the employer's (joined)
    cols = [rows.tolist()] + [np.broadcast_to(np.asarray(getattr(v, f)), rows.shape).tolist() for f in names]
    conn.executemany(
        f"INSERT INTO job (row, {', '.join(names)}) VALUES ({', '.join('?' * (len(names) + 1))})",
        zip(*cols),
    )
    conn.execute("CREATE INDEX job_trade ON job (trade)")
    conn.commit()
    return conn


def sql_top_jobs_query(
    index: MatchIndex, worker_row: int, now: datetime, w: MatchWeights, k: int = 10
) -> tuple[str, dict[str, Any]]:
    """The engine's filters as WHERE and its score as an expression, ORDER BY score LIMIT k."""
    now_day, now_hour = local_day_hour(now)
    wv = take_pair(index.worker_view(worker_row), ())
    skill_row = index.workers.skill[worker_row]
    trades = np.flatnonzero(skill_row).tolist()
    skill_case = "CASE j.trade " + " ".join(f"WHEN {t} THEN {int(skill_row[t])}" for t in trades) + " ELSE 0 END"
    busy_sql = "".join(
        f" AND NOT (j.start_day <= {d} AND {d} <= j.end_day AND ((j.weekdays >> {weekday(d)}) & 1) = 1 AND (j.slots & {m}) != 0)"
        for d, m in index.worker_busy.get(worker_row, {}).items()
    )
    blocked_ids = index.blocked_by_worker.get(int(index.workers.ids[worker_row]), set())
    blocked = [index.employers.row_of[e] for e in blocked_ids if e in index.employers.row_of]
    block_sql = f" AND j.employer NOT IN ({', '.join(map(str, blocked))})" if blocked else ""
    params = {
        "wx": float(wv.x),
        "wy": float(wv.y),
        "max_km": float(wv.max_km),
        "min_pay": max(int(wv.min_pay_fen), 1),
        "avail": int(wv.availability),
        "max_int": int(wv.max_intensity),
        "langs": int(wv.languages),
        "rel": float(wv.reliability),
        "now_day": now_day,
        "now_hour": now_hour,
        "need": float(np.exp(-wv.recent_work_days / w.recent_work_scale_days)),
        "wfresh": 1.0 / (1.0 + wv.exposure / w.exposure_scale),
    }
    wsum, esum, msum = sum(w.worker_weights()), sum(w.employer_weights()), sum(w.market_weights())
    sql = f"""
    SELECT row, (1.0 - {w.market_share}) * 2.0 * ws * es / max(ws + es, 1e-12) + {w.market_share} * mk AS score
    FROM (
      SELECT row,
        ({w.worker_distance} * dist + {w.worker_pay} * pay + {w.worker_employer_credit} * credit
         + {w.worker_start_soon} * soon + {w.worker_language} * lang + {w.worker_trade_fit} * fit) / {wsum} AS ws,
        ({w.employer_skill} * (skill & 7) * 0.2 * fit + {w.employer_certified} * ((skill >> 3) & 1)
         + {w.employer_reliability} * :rel + {w.employer_distance} * dist + {w.employer_language} * lang) / {esum} AS es,
        ({w.fair_need} * :need + {w.fair_worker_exposure} * :wfresh
         + {w.fair_job_exposure} / (1.0 + exposure / {w.exposure_scale}) + {w.urgency} * urgency) / {msum} AS mk
      FROM (
        SELECT j.row, j.exposure, j.urgency, e.credit, skill,
          exp(-km / {w.distance_scale_km}) AS dist,
          min(max((j.pay_fen * 1.0 / :min_pay - {w.pay_ratio_floor}) / {w.pay_ratio_ceiling - w.pay_ratio_floor}, 0.0), 1.0) AS pay,
          exp(-max(hours, 0.0) / {w.start_scale_hours}) AS soon,
          CASE WHEN j.languages = 0 OR (j.languages & :langs) != 0 THEN 1.0 ELSE 0.0 END AS lang,
          CASE WHEN (skill >> 4) & 1 = 1 THEN 1.0 ELSE {w.related_trade_fit} END AS fit
        FROM (
          SELECT j.*, {skill_case} AS skill,
            sqrt((j.x - :wx) * (j.x - :wx) + (j.y - :wy) * (j.y - :wy)) AS km,
            (j.start_day - :now_day) * 24.0 + j.start_hour - :now_hour AS hours
          FROM job j
          WHERE j.trade IN ({", ".join(map(str, trades)) or "NULL"})
            AND j.x BETWEEN :wx - :max_km AND :wx + :max_km AND j.y BETWEEN :wy - :max_km AND :wy + :max_km
        ) j JOIN employer e ON e.row = j.employer
        WHERE j.places_left > 0 AND hours >= -{w.late_join_hours} AND skill != 0
          AND (j.week_mask & ~:avail) = 0 AND km <= :max_km AND j.intensity <= :max_int{busy_sql}{block_sql}
      )
    )
    ORDER BY score DESC, row ASC LIMIT {k}
    """
    return sql, params


def sql_top_jobs(
    conn: sqlite3.Connection, index: MatchIndex, worker_row: int, now: datetime, weights: MatchWeights, k: int = 10
) -> list[tuple[float, int]]:
    sql, params = sql_top_jobs_query(index, worker_row, now, weights, k)
    return [(s, r) for r, s in conn.execute(sql, params).fetchall()]


def same_top(
    engine_rows: list[int], engine_scores: list[float], other: list[tuple[float, int]], tol: float = 1e-5
) -> bool:
    """Same results up to float32 rounding: same scores in order, and the same rows wherever
    the scores are not tied within `tol`."""
    if len(engine_rows) != len(other):
        return False
    if any(abs(a - s) > tol for a, (s, _) in zip(engine_scores, other)):
        return False
    cut = engine_scores[-1] + tol if engine_scores else 0.0
    safe_engine = {r for r, s in zip(engine_rows, engine_scores) if s > cut}
    safe_other = {r for s, r in other if s > cut}
    return safe_engine == safe_other
