"""Queries: best jobs for a worker, best workers for a job, applicants, fast-channel tiers.

Each query narrows candidates with the index's buckets (trade x grid cell),
applies the hard filters of `scoring` vectorised, scores the survivors with
the one score function and keeps the top k with a linear-time partition
before sorting just those k. When the candidates are many (a city of a
million jobs), buckets are visited best-bound first and the search stops
once no remaining bucket can beat the k-th best score found (see
`_best_feasible`): exact, and it reads a small part of the market.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np

from lingong.matching.acceptance import features_for_pairs, pair_features
from lingong.matching.index import MatchIndex
from lingong.matching.scoring import (
    NUMPY,
    SCALAR,
    SKILL_EXACT,
    JobView,
    PairScores,
    Reason,
    WorkerView,
    busy_conflict,
    hours_until_start,
    pair_feasible,
    pair_km,
    pair_reasons,
    score_pairs,
    take_pair,
    take_pairs,
)
from lingong.matching.timegrid import local_day_hour
from lingong.matching.weights import DEFAULT_WEIGHTS, MatchWeights


@dataclass(frozen=True, slots=True)
class Match:
    row: int
    id: int
    score: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Matches:
    """Ranked results: rows and database ids of the other side, scores, reasons (best first).

    With an acceptance estimator on the index, `acceptance` holds P(accept) of each result and the order is
    by expected value, P(accept) x score; otherwise it is None and the order is by score."""

    rows: np.ndarray
    ids: np.ndarray
    scores: np.ndarray
    reasons: list[tuple[Reason, ...]]
    acceptance: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Match]:
        for i in range(len(self.rows)):
            yield Match(int(self.rows[i]), int(self.ids[i]), float(self.scores[i]), self.reasons[i])


@dataclass(frozen=True, slots=True)
class Feasible:
    """Pairs that pass the hard filters for one query, with what scoring needs.

    One side's fields are arrays (one entry per pair), the other side's are
    0-d (the single worker or job of the query).
    """

    rows: np.ndarray  # rows of the other side
    job: JobView
    worker: WorkerView
    skill: np.ndarray
    km: np.ndarray
    hours_until: Any

    def __len__(self) -> int:
        return len(self.rows)

    def scores(self, weights: MatchWeights) -> PairScores:
        return score_pairs(NUMPY, self.job, self.worker, self.skill, self.km, self.hours_until, weights)

    def take(self, idx: np.ndarray) -> Feasible:
        return Feasible(
            self.rows[idx],
            _take(self.job, idx),
            _take(self.worker, idx),
            self.skill[idx],
            self.km[idx],
            self.hours_until[idx] if np.ndim(self.hours_until) else self.hours_until,
        )

    def concat(self, other: Feasible) -> Feasible:
        def cat(a: Any, b: Any) -> Any:
            return np.concatenate([a, b]) if np.ndim(a) else a

        return Feasible(
            np.concatenate([self.rows, other.rows]),
            type(self.job)(*(cat(a, b) for a, b in zip(self.job, other.job))),
            type(self.worker)(*(cat(a, b) for a, b in zip(self.worker, other.worker))),
            np.concatenate([self.skill, other.skill]),
            np.concatenate([self.km, other.km]),
            cat(self.hours_until, other.hours_until),
        )


def _take(view: Any, idx: np.ndarray) -> Any:
    return type(view)(*(a[idx] if isinstance(a, np.ndarray) and a.ndim else a for a in view))


JOB_FILTER_FIELDS = (
    "trade",
    "employer",
    "x",
    "y",
    "start_day",
    "end_day",
    "start_hour",
    "slots",
    "weekdays",
    "week_mask",
    "intensity",
    "places_left",
    "certified_only",
)
"""Job fields the hard filters read (pair_feasible, busy_conflict, blocks)."""
WORKER_FILTER_FIELDS = ("x", "y", "max_km", "availability", "max_intensity")
"""Worker fields the hard filters read."""


class _JobsForWorker:
    """Search context of one worker: which buckets, which jobs fit, how good a bucket can be."""

    kind = "jobs"

    def __init__(self, index: MatchIndex, worker_row: int, now: datetime, weights: MatchWeights) -> None:
        self.index, self.row, self.weights = index, worker_row, weights
        self.now_day, self.now_hour = local_day_hour(now)
        self.worker = index.worker_view(worker_row)
        self.grid = index.job_grid

    def buckets(self) -> np.ndarray:
        index, w = self.index, self.worker
        trade_mask = np.zeros(max(len(self.index.workers.skill[self.row]), 1), dtype=bool)
        trade_mask[index.trades_fitting_worker(self.row)] = True
        return self.grid.select(trade_mask, float(w.x), float(w.y), float(w.max_km))

    def feasible(self, rows: np.ndarray) -> Feasible:
        index, worker = self.index, self.worker
        job = index.job_view(rows, JOB_FILTER_FIELDS)
        skill = index.workers.skill[self.row, job.trade]
        km = pair_km(NUMPY, job, worker)
        hours = hours_until_start(job, self.now_day, self.now_hour)
        ok = pair_feasible(job, worker, skill, km, hours, self.weights)
        for day, busy in index.worker_busy.get(self.row, {}).items():
            ok &= ~busy_conflict(job, day, busy)
        blocked = index.blocked_by_worker.get(int(index.workers.ids[self.row]))
        if blocked:
            emp_rows = [index.employers.row_of[e] for e in blocked if e in index.employers.row_of]
            ok &= ~np.isin(job.employer, emp_rows)
        keep = np.flatnonzero(ok)
        rows = rows[keep]
        return Feasible(rows, index.job_view(rows), worker, skill[keep], km[keep], hours[keep])

    def bounds(self, buckets: np.ndarray) -> np.ndarray:
        """Upper bound of the score of any job in each bucket; -inf where none can fit.

        Both by the one filter and the one score function: the filter is
        applied to a made-up job with each field at its most permissive over
        the bucket (nearest point of the cell, latest start, lightest work,
        fewest weekly slots), and since the score rises with every
        component, scoring a made-up job with each field at its best
        (nearest point, highest pay, earliest start, most urgent, full
        credit, unseen, no language barrier) bounds every real job in it.
        """
        g, n = self.grid, len(buckets)
        b = g.bounds
        px, py = g.nearest_points(buckets, float(self.worker.x), float(self.worker.y))
        trade = g.trade[buckets]
        skill = self.index.workers.skill[self.row, trade]
        best = JobView(
            trade=trade,
            employer=0,
            x=px,
            y=py,
            pay_fen=b["pay_fen"][buckets],
            start_day=0,
            end_day=0,
            start_hour=b["start"][buckets],
            slots=0,
            weekdays=0,
            week_mask=b["week_mask"][buckets],
            intensity=b["intensity"][buckets],
            languages=0,
            places_left=1,
            urgency=b["urgency"][buckets],
            exposure=0.0,
            credit=np.ones(n),
        )
        km = pair_km(NUMPY, best, self.worker)
        latest = hours_until_start(best._replace(start_hour=b["start_latest"][buckets]), self.now_day, self.now_hour)
        possible = pair_feasible(best, self.worker, skill, km, latest, self.weights)
        hours = hours_until_start(best, self.now_day, self.now_hour)
        score = np.asarray(score_pairs(NUMPY, best, self.worker, skill, km, hours, self.weights).score)
        return np.where(possible, score, -np.inf)


class _WorkersForJob:
    """Search context of one job."""

    kind = "workers"

    def __init__(self, index: MatchIndex, job_row: int, now: datetime, weights: MatchWeights) -> None:
        self.index, self.row, self.weights = index, job_row, weights
        self.now_day, self.now_hour = local_day_hour(now)
        self.job = index.job_view(job_row)
        self.trade = int(self.job.trade)
        self.grid = index.worker_grid

    def buckets(self) -> np.ndarray:
        trade_mask = np.zeros(max(self.index.n_trades, 1), dtype=bool)
        trade_mask[self.index.trades_serving_job_trade(self.trade)] = True
        return self.grid.select(trade_mask, float(self.job.x), float(self.job.y), self.index.max_worker_km)

    def feasible(self, rows: np.ndarray) -> Feasible:
        index, job = self.index, self.job
        worker = index.worker_view(rows, WORKER_FILTER_FIELDS)
        skill = index.workers.skill[rows, self.trade]
        km = pair_km(NUMPY, job, worker)
        hours = hours_until_start(job, self.now_day, self.now_hour)
        ok = pair_feasible(job, worker, skill, km, hours, self.weights)
        start, end = int(job.start_day), int(job.end_day)
        for day, busy in index.busy_days.items():
            if start <= day <= end:
                ok &= ~busy_conflict(job, day, busy[rows])
        blocked = index.blocked_by_employer.get(int(index.employers.ids[job.employer]))
        if blocked:
            ok &= ~np.isin(index.workers.ids[rows], list(blocked))
        keep = np.flatnonzero(ok)
        rows = rows[keep]
        return _unique_rows(Feasible(rows, job, index.worker_view(rows), skill[keep], km[keep], hours))

    def bounds(self, buckets: np.ndarray) -> np.ndarray:
        """Upper bound of the score of any worker in each bucket; -inf where none can fit
        (see _JobsForWorker.bounds)."""
        g, n = self.grid, len(buckets)
        b = g.bounds
        px, py = g.nearest_points(buckets, float(self.job.x), float(self.job.y))
        best = WorkerView(
            x=px,
            y=py,
            max_km=b["max_km"][buckets],
            min_pay_fen=b["min_pay_fen"][buckets],
            availability=b["availability"][buckets],
            max_intensity=b["max_intensity"][buckets],
            languages=0xFF,
            reliability=b["reliability"][buckets],
            recent_work_days=b["recent_work_days"][buckets],
            exposure=np.zeros(n),
        )
        skill = b["level"][buckets].astype(np.int64) | (b["certified"][buckets].astype(np.int64) << 3) | SKILL_EXACT
        km = pair_km(NUMPY, self.job, best)
        hours = hours_until_start(self.job, self.now_day, self.now_hour)
        possible = pair_feasible(self.job, best, skill, km, hours, self.weights)
        score = np.asarray(score_pairs(NUMPY, self.job, best, skill, km, hours, self.weights).score)
        return np.where(possible, score, -np.inf)


def _unique_rows(f: Feasible) -> Feasible:
    """A worker with two declared trades that both serve a job sits in two buckets: keep one."""
    _, first = np.unique(f.rows, return_index=True)
    return f if len(first) == len(f.rows) else f.take(np.sort(first))


_SCAN_ALL = {"jobs": 16384, "workers": 32768}
"""Below this many candidates, score them all: bounding would cost more than it saves. Worker
buckets mix people of every reliability, pay and recent work, so their bounds prune less and
the bar is set higher."""
_FIRST_BATCH = 1024
"""Candidates scored first, from the most promising buckets, to set the bar for the rest."""


def _best_feasible(search: _JobsForWorker | _WorkersForJob, k: int) -> Feasible:
    """The feasible pairs among which the top k are sure to be (branch and bound over buckets).

    Buckets are scored in order of their upper bound, in batches that grow
    fourfold; the k-th best score found so far is a bar that no bucket with
    a lower bound can pass, so the search stops at the first bucket below
    the bar. Exact: the result holds the true top k, ties included.
    """
    grid = search.grid
    if k <= 0:
        return search.feasible(np.empty(0, dtype=np.int32))
    buckets = search.buckets()
    sizes = grid.size[buckets]
    if int(sizes.sum()) <= max(_SCAN_ALL[search.kind], 4 * k):
        return search.feasible(grid.rows(buckets))
    bound = search.bounds(buckets)
    order = np.argsort(-bound, kind="stable")
    order = order[bound[order] > -np.inf]  # buckets where nothing can fit
    if len(order) == 0:
        return search.feasible(np.empty(0, dtype=np.int32))
    cum = np.cumsum(sizes[order])
    best: Feasible | None = None
    bar = -np.inf
    done, batch = 0, max(_FIRST_BATCH, 4 * k)
    while done < len(order) and bound[order[done]] >= bar:
        stop = int(np.searchsorted(cum, (cum[done - 1] if done else 0) + batch)) + 1
        take = order[done:stop]
        take = take[bound[take] >= bar]
        done, batch = stop, 4 * batch
        found = search.feasible(grid.rows(buckets[take]))
        scores = np.asarray(found.scores(search.weights).score, dtype=np.float64)
        found = found.take(_top(scores, found.rows, k))
        best = found if best is None else best.concat(found)
        if isinstance(search, _WorkersForJob):
            best = _unique_rows(best)
        if len(best) >= k:
            kept = np.asarray(best.scores(search.weights).score, dtype=np.float64)
            best = best.take(_top(kept, best.rows, k))
            bar = float(np.sort(kept)[::-1][k - 1]) - 1e-6  # margin for float32 rounding
    assert best is not None
    return best


def open_places_near_worker(
    index: MatchIndex, worker_row: int, trade_ids: Sequence[int], now: datetime
) -> dict[int, int]:
    """Open places of jobs of these trades within the worker's travel limit that have not ended, by trade id
    (whatever else the worker could not take: the "learn this" suggestion counts what a trade would open)."""
    cols = [index.trade_col_of[t] for t in trade_ids if t in index.trade_col_of]
    if not cols:
        return {}
    worker = index.worker_view(worker_row, WORKER_FILTER_FIELDS)
    mask = np.zeros(index.n_trades, dtype=bool)
    mask[cols] = True
    rows = index.job_grid.rows(index.job_grid.select(mask, float(worker.x), float(worker.y), float(worker.max_km)))
    job = index.job_view(rows, ("trade", "x", "y", "end_day", "places_left"))
    today, _hour = local_day_hour(now)
    near = (pair_km(NUMPY, job, worker) <= worker.max_km) & (job.places_left > 0) & (job.end_day >= today)
    places = np.bincount(job.trade[near], weights=job.places_left[near], minlength=index.n_trades)
    return {index.trade_id_of_col[c]: int(places[c]) for c in cols if places[c] > 0}


def feasible_jobs_for_worker(
    index: MatchIndex, worker_row: int, *, now: datetime, weights: MatchWeights = DEFAULT_WEIGHTS
) -> Feasible:
    """Every job the worker may take now: all hard filters, no ranking."""
    search = _JobsForWorker(index, worker_row, now, weights)
    return search.feasible(search.grid.rows(search.buckets()))


def feasible_workers_for_job(
    index: MatchIndex, job_row: int, *, now: datetime, weights: MatchWeights = DEFAULT_WEIGHTS
) -> Feasible:
    """Every worker who may take the job now: all hard filters, no ranking."""
    search = _WorkersForJob(index, job_row, now, weights)
    return search.feasible(search.grid.rows(search.buckets()))


def _top(scores: np.ndarray, rows: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k best, best first; ties broken by row so results are reproducible."""
    n = len(scores)
    if n == 0 or k <= 0:
        return np.empty(0, dtype=np.int64)
    if k < n:
        # Everything tied with the k-th score competes, so ties break by row whatever argpartition picks.
        kth = np.partition(-scores, k - 1)[k - 1]
        part = np.flatnonzero(-scores <= kth)
    else:
        part = np.arange(n)
    order = np.lexsort((rows[part], -scores[part]))
    return part[order][:k]


def _ranked(
    index: MatchIndex,
    feasible: Feasible,
    k: int,
    audience: str,
    weights: MatchWeights,
    with_reasons: bool,
    *,
    own_row: int | None = None,
) -> Matches:
    """The top k of `feasible`; with `own_row` (the query's worker or job) and an estimator on the index,
    by expected value."""
    parts = feasible.scores(weights)
    score = np.asarray(parts.score, dtype=np.float64)
    acceptance = None
    if own_row is not None and index.acceptance is not None:
        # The exact top `acceptance_pool` by score, re-ranked by expected value.
        pool = _top(score, feasible.rows, max(k, weights.acceptance_pool))
        p = _pair_acceptance(index, feasible, pool, audience, own_row)
        best = _top(score[pool] * p, feasible.rows[pool], k)
        pick, acceptance = pool[best], p[best]
    else:
        pick = _top(score, feasible.rows, k)
    rows = feasible.rows[pick].astype(np.int32)
    table = index.jobs if audience == "worker" else index.workers
    reasons: list[tuple[Reason, ...]]
    if with_reasons and len(pick):
        jobs = take_pairs(feasible.job, pick)
        workers = take_pairs(feasible.worker, pick)
        pair_parts = take_pairs(parts, pick)
        skill = feasible.skill[pick].tolist()
        km = feasible.km[pick].tolist()
        hours = np.broadcast_to(feasible.hours_until, feasible.km.shape)[pick].tolist()
        reasons = [
            pair_reasons(audience, jobs[i], workers[i], skill[i], km[i], hours[i], pair_parts[i], weights)
            for i in range(len(pick))
        ]
    else:
        reasons = [() for _ in range(len(pick))]
    return Matches(rows=rows, ids=table.ids[rows], scores=score[pick], reasons=reasons, acceptance=acceptance)


class _PickedPairs:
    """Just the fields `pair_features` reads, of the picked pairs of one query."""

    def __init__(self, view: Any, pick: np.ndarray, names: tuple[str, ...]) -> None:
        for name in names:
            value = getattr(view, name)
            setattr(self, name, value[pick] if np.ndim(value) else value)


def _pair_acceptance(
    index: MatchIndex, feasible: Feasible, pick: np.ndarray, audience: str, own_row: int
) -> np.ndarray:
    """P(accept) of the picked pairs of one worker's (audience "worker") or one job's query."""
    job = _PickedPairs(feasible.job, pick, ("pay_fen", "credit", "start_day", "end_day", "urgency"))
    worker = _PickedPairs(feasible.worker, pick, ("min_pay_fen", "max_km"))
    hours = feasible.hours_until[pick] if np.ndim(feasible.hours_until) else feasible.hours_until
    features = pair_features(job, worker, feasible.skill[pick], feasible.km[pick], hours)
    rows = feasible.rows[pick]
    if audience == "worker":
        job_ids, worker_ids = index.jobs.ids[rows], np.full(len(pick), index.workers.ids[own_row])
    else:
        job_ids, worker_ids = np.full(len(pick), index.jobs.ids[own_row]), index.workers.ids[rows]
    return np.asarray(index.acceptance.probability(features, job_ids, worker_ids), dtype=np.float64)


def top_jobs_for_worker(
    index: MatchIndex,
    worker_row: int,
    k: int = 10,
    *,
    now: datetime,
    weights: MatchWeights = DEFAULT_WEIGHTS,
    with_reasons: bool = True,
) -> Matches:
    """The k best jobs for a worker, with reasons written for the worker.

    With an acceptance estimator on the index: the exact top `weights.acceptance_pool` by score, re-ranked by
    P(accept) x score."""
    pool = max(k, weights.acceptance_pool) if index.acceptance is not None else k
    feasible = _best_feasible(_JobsForWorker(index, worker_row, now, weights), pool)
    return _ranked(index, feasible, k, "worker", weights, with_reasons, own_row=worker_row)


def top_workers_for_job(
    index: MatchIndex,
    job_row: int,
    k: int = 10,
    *,
    now: datetime,
    weights: MatchWeights = DEFAULT_WEIGHTS,
    with_reasons: bool = True,
) -> Matches:
    """The k best workers for a job, with reasons written for the employer (re-ranked by expected value as
    `top_jobs_for_worker`: a worker unlikely to say yes is a poor proposal)."""
    pool = max(k, weights.acceptance_pool) if index.acceptance is not None else k
    feasible = _best_feasible(_WorkersForJob(index, job_row, now, weights), pool)
    return _ranked(index, feasible, k, "employer", weights, with_reasons, own_row=job_row)


def rank_workers_for_job(
    index: MatchIndex,
    job_row: int,
    worker_rows: Sequence[int] | np.ndarray,
    *,
    now: datetime,
    weights: MatchWeights = DEFAULT_WEIGHTS,
    with_reasons: bool = True,
) -> Matches:
    """Given workers (e.g. a job's applicants) ranked best first for the employer; those who do
    not fit the job are left out. The employer sees the same score and fairness as everywhere."""
    search = _WorkersForJob(index, job_row, now, weights)
    feasible = search.feasible(np.asarray(worker_rows, dtype=np.int32))
    return _ranked(index, feasible, len(feasible), "employer", weights, with_reasons)


def explain_pair(
    index: MatchIndex,
    job_row: int,
    worker_row: int,
    *,
    now: datetime,
    audience: str,
    weights: MatchWeights = DEFAULT_WEIGHTS,
) -> tuple[bool, float, tuple[Reason, ...]]:
    """(fits, score, reasons) of one pair, e.g. for a dispatch proposal or a staff recommendation.

    `fits` covers the row filters only (not the calendar or blocks); the
    score and reasons are given even when it does not fit, for staff to see why.
    """
    now_day, now_hour = local_day_hour(now)
    job = take_pair(index.job_view(job_row), ())
    worker = take_pair(index.worker_view(worker_row), ())
    skill = int(index.workers.skill[worker_row, job.trade])
    km = pair_km(SCALAR, job, worker)
    hours = hours_until_start(job, now_day, now_hour)
    fits = bool(pair_feasible(job, worker, skill, km, hours, weights))
    parts = score_pairs(SCALAR, job, worker, skill, km, hours, weights)
    return fits, float(parts.score), pair_reasons(audience, job, worker, skill, km, hours, parts, weights)


def acceptance_explain(
    index: MatchIndex, job_row: int, worker_row: int, *, now: datetime
) -> tuple[float, list[tuple[str, float]]] | None:
    """P(accept) of one pair and each feature's term of the logit, largest first (for staff: "why");
    None when the index has no estimator or the estimator cannot explain itself."""
    est = index.acceptance
    if est is None or not hasattr(est, "contributions"):
        return None
    features = features_for_pairs(index, job_row, worker_row, now=now)
    job_id, worker_id = int(index.jobs.ids[job_row]), int(index.workers.ids[worker_row])
    p = float(est.probability(features, np.array([job_id]), np.array([worker_id]))[0])
    return p, est.contributions(features[0], worker_id)


@dataclass(frozen=True, slots=True)
class FastChannelTiers:
    """Worker rows to alert in turn: preferred, then best rated, then everyone who fits."""

    preferred: np.ndarray
    best_rated: np.ndarray
    everyone: np.ndarray

    def __iter__(self) -> Iterator[np.ndarray]:
        return iter((self.preferred, self.best_rated, self.everyone))


def fast_channel_tiers(
    index: MatchIndex,
    job_row: int,
    preferred_worker_rows: Sequence[int] | np.ndarray,
    *,
    now: datetime,
    weights: MatchWeights = DEFAULT_WEIGHTS,
) -> FastChannelTiers:
    """Tiers of fitting workers for a fast-channel posting (each worker in one tier only).

    1. the employer's preferred workers who fit, in the employer's order;
    2. up to `fast_channel_rated_size` other fitting workers with
       reliability >= `fast_channel_min_rating`, best rated first (score
       breaks ties);
    3. every other fitting worker, best score first.
    Widening from one tier to the next on a timer is the caller's job.
    """
    feasible = feasible_workers_for_job(index, job_row, now=now, weights=weights)
    score = np.asarray(feasible.scores(weights).score, dtype=np.float64)
    rows = feasible.rows
    fitting = set(rows.tolist())
    seen: set[int] = set()
    preferred = []
    for r in np.asarray(preferred_worker_rows, dtype=np.int64).tolist():
        if r in fitting and r not in seen:
            preferred.append(r)
            seen.add(r)
    rest = ~np.isin(rows, preferred)
    rel = np.asarray(feasible.worker.reliability, dtype=np.float64)
    rated = np.flatnonzero(rest & (rel >= weights.fast_channel_min_rating))
    rated = rated[np.lexsort((rows[rated], -score[rated], -rel[rated]))][: weights.fast_channel_rated_size]
    others = np.flatnonzero(rest)
    others = others[~np.isin(others, rated)]
    others = others[np.lexsort((rows[others], -score[others]))]
    return FastChannelTiers(
        preferred=np.array(preferred, dtype=np.int32),
        best_rated=rows[rated].astype(np.int32),
        everyone=rows[others].astype(np.int32),
    )
