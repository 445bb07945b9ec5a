"""Morning dispatch: propose workers for the open places of a day, as a min-cost flow.

Model. A day has three slots (morning, afternoon, evening); a job works one
or more of them. A worker may hold several jobs of a day only if their slots
are disjoint (a morning job and an evening job, never two morning jobs; a
full-day job blocks the whole day).

A min-cost flow can say "each worker at most once, each job at most its
places" exactly, but it cannot say "a worker may take two jobs if their
slot masks are disjoint" when jobs span several slots: a job needing the
morning AND the afternoon of the same worker is a bundle, and bundles make
the problem a set packing (NP-hard in general). So dispatch solves it in
rounds:

* round 1: every worker supplies ONE unit of flow; the min-cost flow
  source -> worker (cap 1) -> job (cap 1 per pair) -> sink (cap = places),
  plus an idle arc worker -> sink at cost 0, gives the exactly optimal
  assignment of at most one job per worker (cost = -round(score * scale)).
* rounds 2 and 3: the same flow over the pairs still possible (places
  left, job slots disjoint from the slots the worker already holds) gives
  workers a second and third job in their free slots.

Round 1 alone is optimal for the common day (most people take one job a
day); a later round never undoes an earlier choice, so a worker given a
full-day job in round 1 will not trade it for two half-day jobs that would
have scored more in total. Every round respects headcounts and slots by
construction. Fairness is in the score (workers with little recent work
rise), so the flow spreads the day's work on its own.

Candidates: every (job, worker) pair passing the hard filters is scored
(block by block, per trade), each job keeps its best
(places x dispatch_candidates_per_place, at least dispatch_min_candidates)
workers and each worker its best dispatch_candidates_per_worker jobs; the
union is the flow's arc set.

Expected fills. With an acceptance estimator on the index, a pair is worth
P(accept) x score in the flow, and a pair less likely to be accepted than
`dispatch_min_acceptance` is not proposed at all: a proposal likely to be
declined costs the worker a message and the place its morning. Where acceptance is uncertain, the result also holds a standby
list per job (the next workers by expected value, none of them given work in
this run), for the caller to propose to in order when someone declines or
does not answer; the caller never has more open proposals than places.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

import numpy as np
from ortools.graph.python.min_cost_flow import SimpleMinCostFlow

from lingong.matching.acceptance import features_for_pairs
from lingong.matching.index import MatchIndex
from lingong.matching.scoring import (
    NUMPY,
    JobView,
    WorkerView,
    busy_conflict,
    hours_until_start,
    pair_feasible,
    pair_km,
    score_pairs,
)
from lingong.matching.timegrid import ALL_SLOTS, local_datetime, local_day_hour, weekday
from lingong.matching.weights import DEFAULT_WEIGHTS, MatchWeights

_BLOCK_PAIRS = 1 << 21
"""Pairs scored at once: large enough to amortise NumPy's per-call cost, small enough for cache."""


@dataclass(frozen=True, slots=True)
class DispatchProblem:
    """Candidate pairs of one day, numbered locally (job i = job_rows[i], worker j = worker_rows[j])."""

    job_rows: np.ndarray  # (nJ,) index rows of the jobs
    worker_rows: np.ndarray  # (nW,) index rows of the workers
    job_places: np.ndarray  # (nJ,) places to fill
    job_slots: np.ndarray  # (nJ,) slot mask of each job
    worker_busy: np.ndarray  # (nW,) slots each worker already holds that day
    pair_job: np.ndarray  # (nP,) local job of each candidate pair
    pair_worker: np.ndarray  # (nP,) local worker of each candidate pair
    pair_score: np.ndarray  # (nP,) score of each pair in [0, 1]
    pair_acceptance: np.ndarray | None = None  # (nP,) P(accept) of each pair; None without an estimator

    @property
    def pair_value(self) -> np.ndarray:
        """What the flow maximises: the expected score, P(accept) x score (the score without an estimator)."""
        return self.pair_score if self.pair_acceptance is None else self.pair_score * self.pair_acceptance

    @property
    def n_pairs(self) -> int:
        return len(self.pair_job)


@dataclass(frozen=True, slots=True)
class Assignment:
    """Chosen pairs (indexes into the problem's pairs) and the index rows they stand for."""

    pairs: np.ndarray
    job_rows: np.ndarray
    worker_rows: np.ndarray
    scores: np.ndarray
    rounds: int
    acceptance: np.ndarray | None = None  # P(accept) of each chosen pair; None without an estimator

    @property
    def total_score(self) -> float:
        return float(self.scores.sum())

    def __len__(self) -> int:
        return len(self.pairs)


@dataclass(frozen=True, slots=True)
class DispatchResult:
    assignment: Assignment
    problem: DispatchProblem
    candidates_seconds: float
    solve_seconds: float
    standby: dict[int, np.ndarray] = field(default_factory=dict)
    """job row -> further worker rows, best expected value first, to propose to in order."""
    standby_pairs: dict[int, np.ndarray] = field(default_factory=dict)
    """job row -> the problem's pair indexes of `standby` (for their scores and P(accept))."""


def _assignment(problem: DispatchProblem, chosen: np.ndarray, rounds: int) -> Assignment:
    chosen = np.sort(chosen)
    return Assignment(
        pairs=chosen,
        job_rows=problem.job_rows[problem.pair_job[chosen]],
        worker_rows=problem.worker_rows[problem.pair_worker[chosen]],
        scores=problem.pair_score[chosen],
        rounds=rounds,
        acceptance=None if problem.pair_acceptance is None else problem.pair_acceptance[chosen],
    )


def dispatch_problem(
    index: MatchIndex,
    day: int,
    *,
    now: datetime | None = None,
    job_rows: np.ndarray | None = None,
    worker_rows: np.ndarray | None = None,
    weights: MatchWeights = DEFAULT_WEIGHTS,
    asked: tuple[np.ndarray, np.ndarray] | None = None,
    waiting: tuple[np.ndarray, np.ndarray] | None = None,
) -> DispatchProblem:
    """Candidates for dispatching `day`: by default all jobs starting that day with places
    left, and all workers free in at least one slot of that day.

    `asked` = (job ids, worker ids) of pairs already proposed or answered (an application exists): they are
    left out, so no place waits on a pair the worker has already said no to, or is already answering.
    `waiting` = (job ids, counts) of places already waiting on an open proposal: not proposed again, so a run
    repeated, or after a standby promotion, never has more open proposals than places.

    `now` defaults to 06:00 of the day (the morning run).
    """
    now = now or local_datetime(day, 6.0)
    now_day, now_hour = local_day_hour(now)
    jobs, workers = index.jobs, index.workers
    if job_rows is None:
        live = jobs.live_rows()
        job_rows = live[(jobs.places_left[live] > 0) & (jobs.start_day[live] == day)]
    job_rows = np.asarray(job_rows, dtype=np.int32)
    busy_today = index.busy_days.get(day)
    if worker_rows is None:
        live = workers.live_rows()
        free = (workers.availability[live] >> np.uint32(3 * weekday(day))) & ALL_SLOTS
        if busy_today is not None:
            free &= ~busy_today[live]
        worker_rows = live[free != 0]
    worker_rows = np.asarray(worker_rows, dtype=np.int32)
    worker_busy = busy_today[worker_rows] if busy_today is not None else np.zeros(len(worker_rows), dtype=np.uint8)

    pair_j: list[np.ndarray] = []
    pair_w: list[np.ndarray] = []
    pair_s: list[np.ndarray] = []
    job_trade = jobs.trade[job_rows]
    for trade in np.unique(job_trade).tolist():
        jl = np.flatnonzero(job_trade == trade)
        wl = np.flatnonzero(workers.skill[worker_rows, trade] != 0)
        if len(wl) == 0:
            continue
        _trade_block(index, job_rows, worker_rows, jl, wl, trade, now_day, now_hour, weights, pair_j, pair_w, pair_s)
    if pair_j:
        pj = np.concatenate(pair_j)
        pw = np.concatenate(pair_w)
        ps = np.concatenate(pair_s)
        _, first = np.unique(pj.astype(np.int64) * len(worker_rows) + pw, return_index=True)
        pj, pw, ps = pj[first], pw[first], ps[first]
        if asked is not None and len(asked[0]):
            fresh = ~np.isin(
                _pair_keys(jobs.ids[job_rows[pj]], workers.ids[worker_rows[pw]]), _pair_keys(asked[0], asked[1])
            )
            pj, pw, ps = pj[fresh], pw[fresh], ps[fresh]
    else:
        pj = pw = np.empty(0, dtype=np.int32)
        ps = np.empty(0, dtype=np.float64)
    acceptance = None
    if index.acceptance is not None:
        features = features_for_pairs(index, job_rows[pj], worker_rows[pw], now=now)
        p = index.acceptance.probability(features, jobs.ids[job_rows[pj]], workers.ids[worker_rows[pw]])
        acceptance = np.asarray(p, dtype=np.float64)
        likely = acceptance >= weights.dispatch_min_acceptance
        pj, pw, ps, acceptance = pj[likely], pw[likely], ps[likely], acceptance[likely]
    return DispatchProblem(
        job_rows=job_rows,
        worker_rows=worker_rows,
        job_places=_places_to_propose(index, job_rows, waiting),
        job_slots=jobs.slots[job_rows].copy(),
        worker_busy=worker_busy.astype(np.uint8),
        pair_job=pj.astype(np.int32),
        pair_worker=pw.astype(np.int32),
        pair_score=ps.astype(np.float64),
        pair_acceptance=acceptance,
    )


def _places_to_propose(
    index: MatchIndex, job_rows: np.ndarray, waiting: tuple[np.ndarray, np.ndarray] | None
) -> np.ndarray:
    places = index.jobs.places_left[job_rows].astype(np.int64)
    if waiting is not None and len(waiting[0]):
        held = dict(zip(np.asarray(waiting[0]).tolist(), np.asarray(waiting[1]).tolist()))
        taken = np.array([held.get(i, 0) for i in index.jobs.ids[job_rows].tolist()], dtype=np.int64)
        places = np.maximum(places - taken, 0)
    return places


def _pair_keys(job_ids: np.ndarray, worker_ids: np.ndarray) -> np.ndarray:
    return (np.asarray(job_ids, dtype=np.int64) << 32) | np.asarray(worker_ids, dtype=np.int64)


def standby_lists(
    problem: DispatchProblem, assignment: Assignment, weights: MatchWeights = DEFAULT_WEIGHTS
) -> dict[int, np.ndarray]:
    """Per job (local index): the candidate pairs to propose to next, best expected value first.

    Only workers given no work in this run stand by (they are free all day), up to
    `dispatch_standby_per_place` x the job's places, from the job's candidates.
    """
    if problem.n_pairs == 0 or weights.dispatch_standby_per_place <= 0:
        return {}
    assigned = np.zeros(len(problem.worker_rows), dtype=bool)
    assigned[problem.pair_worker[assignment.pairs]] = True
    value = problem.pair_value
    free = np.flatnonzero(~assigned[problem.pair_worker])
    order = free[np.lexsort((problem.pair_worker[free], -value[free], problem.pair_job[free]))]
    lists: dict[int, np.ndarray] = {}
    if len(order) == 0:
        return lists
    jobs = problem.pair_job[order]
    starts = np.flatnonzero(np.r_[True, jobs[1:] != jobs[:-1]])
    ends = np.r_[starts[1:], len(order)]
    for s, e in zip(starts.tolist(), ends.tolist()):
        j = int(jobs[s])
        lists[j] = order[s : min(e, s + int(problem.job_places[j]) * weights.dispatch_standby_per_place)]
    return lists


def _trade_block(
    index: MatchIndex,
    job_rows: np.ndarray,
    worker_rows: np.ndarray,
    jl: np.ndarray,
    wl: np.ndarray,
    trade: int,
    now_day: int,
    now_hour: float,
    weights: MatchWeights,
    pair_j: list[np.ndarray],
    pair_w: list[np.ndarray],
    pair_s: list[np.ndarray],
) -> None:
    """Score all jobs of one trade against the workers who may do it; keep each side's best."""
    w_rows = worker_rows[wl]
    nw = len(wl)
    worker = WorkerView(*(a[None, :] for a in index.worker_view(w_rows)))
    skill = index.workers.skill[w_rows, trade][None, :]
    w_ids = index.workers.ids[w_rows]
    best_s: list[np.ndarray] = []
    best_j: list[np.ndarray] = []
    chunk = max(1, _BLOCK_PAIRS // nw)
    for lo in range(0, len(jl), chunk):
        jc = jl[lo : lo + chunk]
        job = JobView(*(a[:, None] for a in index.job_view(job_rows[jc])))
        km = pair_km(NUMPY, job, worker)
        hours = hours_until_start(job, now_day, now_hour)
        ok = pair_feasible(job, worker, skill, km, hours, weights)
        first, last = int(job.start_day.min()), int(job.end_day.max())
        for day, busy in index.busy_days.items():
            if first <= day <= last:
                ok &= ~busy_conflict(job, day, busy[w_rows][None, :])
        for i, emp in enumerate(index.employers.ids[job.employer[:, 0]].tolist()):
            blocked = index.blocked_by_employer.get(emp)
            if blocked:
                ok[i] &= ~np.isin(w_ids, list(blocked))
        score = np.where(ok, score_pairs(NUMPY, job, worker, skill, km, hours, weights).score, np.float32(-np.inf))

        # Each job's best workers.
        places = index.jobs.places_left[job_rows[jc]].astype(np.int64)
        want = np.minimum(
            np.maximum(weights.dispatch_min_candidates, weights.dispatch_candidates_per_place * places), nw
        )
        kmax = int(want.max())
        part = (
            np.argpartition(-score, kmax - 1, axis=1)[:, :kmax]
            if kmax < nw
            else np.broadcast_to(np.arange(nw), score.shape)
        )
        part_s = np.take_along_axis(score, part, axis=1)
        order = np.argsort(-part_s, axis=1, kind="stable")
        part = np.take_along_axis(part, order, axis=1)
        part_s = np.take_along_axis(part_s, order, axis=1)
        keep = (np.arange(kmax)[None, :] < want[:, None]) & np.isfinite(part_s)
        r, c = np.nonzero(keep)
        pair_j.append(jc[r])
        pair_w.append(wl[part[r, c]])
        pair_s.append(part_s[r, c])

        # Each worker's best few jobs of this block; the best few of those are kept below.
        kw = min(weights.dispatch_candidates_per_worker, len(jc))
        top = (
            np.argpartition(score, len(jc) - kw, axis=0)[len(jc) - kw :]
            if kw < len(jc)
            else np.arange(len(jc))[:, None].repeat(nw, 1)
        )
        best_j.append(jc[top])
        best_s.append(np.take_along_axis(score, top, axis=0))
    if best_s:
        block_s, block_j = np.concatenate(best_s), np.concatenate(best_j)
        kw = min(weights.dispatch_candidates_per_worker, len(block_s))
        top = np.argsort(-block_s, axis=0, kind="stable")[:kw]
        top_s = np.take_along_axis(block_s, top, axis=0)
        r, c = np.nonzero(np.isfinite(top_s))
        pair_j.append(np.take_along_axis(block_j, top, axis=0)[r, c])
        pair_w.append(wl[c])
        pair_s.append(top_s[r, c])


def solve_flow(problem: DispatchProblem, weights: MatchWeights = DEFAULT_WEIGHTS, max_rounds: int = 3) -> Assignment:
    """Maximise the total score by min-cost flow rounds (see the module docstring)."""
    pj, pw = problem.pair_job, problem.pair_worker
    slots = problem.job_slots
    remaining = problem.job_places.astype(np.int64).copy()
    used = problem.worker_busy.astype(np.uint8).copy()
    chosen = np.zeros(problem.n_pairs, dtype=bool)
    cost = -np.rint((problem.pair_value + weights.dispatch_fill_bonus) * weights.dispatch_cost_scale).astype(np.int64)
    rounds = 0
    for _ in range(max_rounds):
        open_ = (~chosen) & (remaining[pj] > 0) & ((slots[pj] & used[pw]) == 0) & (cost < 0)
        idx = np.flatnonzero(open_)
        if len(idx) == 0:
            break
        w_u, w_inv = np.unique(pw[idx], return_inverse=True)
        j_u, j_inv = np.unique(pj[idx], return_inverse=True)
        nw, nj, na = len(w_u), len(j_u), len(idx)
        source, sink, w0, j0 = 0, 1, 2, 2 + nw
        tails = np.concatenate([np.full(nw, source), w0 + np.arange(nw), w0 + w_inv, j0 + np.arange(nj)]).astype(
            np.int32
        )
        heads = np.concatenate([w0 + np.arange(nw), np.full(nw, sink), j0 + j_inv, np.full(nj, sink)]).astype(np.int32)
        caps = np.concatenate([np.ones(2 * nw + na, dtype=np.int64), np.minimum(remaining[j_u], nw)])
        costs = np.concatenate([np.zeros(2 * nw, dtype=np.int64), cost[idx], np.zeros(nj, dtype=np.int64)])
        flow = SimpleMinCostFlow()
        flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
        flow.set_nodes_supplies(np.array([source, sink], dtype=np.int32), np.array([nw, -nw], dtype=np.int64))
        status = flow.solve()
        if status != flow.OPTIMAL:
            raise RuntimeError(f"min-cost flow failed with status {status}")
        taken = idx[flow.flows(np.arange(2 * nw, 2 * nw + na, dtype=np.int32)) > 0]
        if len(taken) == 0:
            break
        chosen[taken] = True
        np.subtract.at(remaining, pj[taken], 1)
        used[pw[taken]] |= slots[pj[taken]]
        rounds += 1
    return _assignment(problem, np.flatnonzero(chosen), rounds)


def solve_greedy(problem: DispatchProblem) -> Assignment:
    """Baseline: best pair first, take it if the job has a place and the worker the slots."""
    order = np.lexsort((np.arange(problem.n_pairs), -problem.pair_value)).tolist()
    pj = problem.pair_job.tolist()
    pw = problem.pair_worker.tolist()
    slots = problem.job_slots.tolist()
    remaining = problem.job_places.tolist()
    used = problem.worker_busy.tolist()
    chosen = []
    for i in order:
        j, w = pj[i], pw[i]
        if remaining[j] > 0 and not (slots[j] & used[w]):
            remaining[j] -= 1
            used[w] |= slots[j]
            chosen.append(i)
    return _assignment(problem, np.array(chosen, dtype=np.int64), 1)


def dispatch(
    index: MatchIndex,
    day: int,
    *,
    now: datetime | None = None,
    job_rows: np.ndarray | None = None,
    worker_rows: np.ndarray | None = None,
    weights: MatchWeights = DEFAULT_WEIGHTS,
    solver: Literal["flow", "greedy"] = "flow",
    asked: tuple[np.ndarray, np.ndarray] | None = None,
    waiting: tuple[np.ndarray, np.ndarray] | None = None,
) -> DispatchResult:
    """Proposed assignments for `day` (the caller turns them into applications); `asked` and `waiting` as
    `dispatch_problem`."""
    t0 = time.perf_counter()
    problem = dispatch_problem(
        index, day, now=now, job_rows=job_rows, worker_rows=worker_rows, weights=weights, asked=asked, waiting=waiting
    )
    t1 = time.perf_counter()
    assignment = solve_flow(problem, weights) if solver == "flow" else solve_greedy(problem)
    t2 = time.perf_counter()
    pairs = standby_lists(problem, assignment, weights)
    return DispatchResult(
        assignment=assignment,
        problem=problem,
        candidates_seconds=t1 - t0,
        solve_seconds=t2 - t1,
        standby={int(problem.job_rows[j]): problem.worker_rows[problem.pair_worker[p]] for j, p in pairs.items()},
        standby_pairs={int(problem.job_rows[j]): p for j, p in pairs.items()},
    )
