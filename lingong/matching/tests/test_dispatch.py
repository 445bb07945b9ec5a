"""Dispatch: headcounts, day slots, optimality against the greedy baseline."""

from __future__ import annotations

import numpy as np
import pytest

from lingong.matching import (
    AFTERNOON,
    ALL_SLOTS,
    EVENING,
    MORNING,
    DispatchProblem,
    dispatch,
    solve_flow,
    solve_greedy,
)
from lingong.matching.tests.helpers import (
    MONDAY,
    add_job,
    add_worker,
    at_km,
    make_index,
)


def problem(job_places, job_slots, pairs, worker_busy=None, n_workers=None):
    """A problem from (job, worker, score) triples in local numbering."""
    pj, pw, ps = (np.array(c) for c in zip(*pairs))
    nw = n_workers or int(pw.max()) + 1
    return DispatchProblem(
        job_rows=np.arange(len(job_places), dtype=np.int32),
        worker_rows=np.arange(nw, dtype=np.int32),
        job_places=np.array(job_places, dtype=np.int64),
        job_slots=np.array(job_slots, dtype=np.uint8),
        worker_busy=np.array(worker_busy or [0] * nw, dtype=np.uint8),
        pair_job=pj.astype(np.int32),
        pair_worker=pw.astype(np.int32),
        pair_score=ps.astype(np.float64),
    )


def chosen(assignment):
    return sorted(zip(assignment.job_rows.tolist(), assignment.worker_rows.tolist()))


def test_flow_beats_greedy_where_greedy_is_short_sighted():
    # Worker 0 is best at job 0 but also good at job 1; worker 1 can only do job 0.
    p = problem([1, 1], [MORNING, MORNING], [(0, 0, 0.9), (1, 0, 0.8), (0, 1, 0.7)])
    greedy = solve_greedy(p)
    flow = solve_flow(p)
    assert chosen(greedy) == [(0, 0)]
    assert greedy.total_score == pytest.approx(0.9)
    assert chosen(flow) == [(0, 1), (1, 0)]
    assert flow.total_score == pytest.approx(1.5)


def test_headcount_is_never_exceeded():
    p = problem([2], [MORNING], [(0, 0, 0.5), (0, 1, 0.6), (0, 2, 0.7)])
    assert chosen(solve_flow(p)) == [(0, 1), (0, 2)]
    assert chosen(solve_greedy(p)) == [(0, 1), (0, 2)]


def test_a_worker_takes_a_morning_and_an_evening_job_but_never_two_morning_jobs():
    p = problem([1, 1, 1], [MORNING, MORNING, EVENING], [(0, 0, 0.9), (1, 0, 0.8), (2, 0, 0.5)])
    flow = solve_flow(p)
    assert chosen(flow) == [(0, 0), (2, 0)]
    assert flow.rounds == 2
    assert chosen(solve_greedy(p)) == [(0, 0), (2, 0)]


def test_a_full_day_job_blocks_every_slot_of_the_worker():
    p = problem([1, 1, 1], [ALL_SLOTS, MORNING, EVENING], [(0, 0, 0.95), (1, 0, 0.9), (2, 0, 0.5)])
    assert chosen(solve_flow(p)) == [(0, 0)]


def test_slots_already_held_are_respected():
    p = problem([1, 1], [MORNING, AFTERNOON], [(0, 0, 0.9), (1, 0, 0.4)], worker_busy=[MORNING])
    assert chosen(solve_flow(p)) == [(1, 0)]
    assert chosen(solve_greedy(p)) == [(1, 0)]


def test_dispatch_on_an_index_respects_places_and_slots_and_beats_greedy():
    rng = np.random.default_rng(7)
    index = make_index()
    for w in range(60):
        add_worker(
            index,
            w,
            **at_km(*rng.uniform(-3, 3, 2)),
            min_pay_fen=int(rng.integers(15000, 30000)),
            trades=[(10, int(rng.integers(1, 6)), bool(rng.integers(0, 2)))],
            reliability=float(rng.uniform()),
        )
    masks = [MORNING, AFTERNOON, EVENING, MORNING | AFTERNOON, ALL_SLOTS]
    for j in range(25):
        add_job(
            index,
            1000 + j,
            **at_km(*rng.uniform(-3, 3, 2)),
            places_left=int(rng.integers(1, 4)),
            slots=masks[j % len(masks)],
            pay_fen=int(rng.integers(15000, 35000)),
            start_hour=8.0,
        )
    index.add_busy(0, MONDAY, MORNING)
    flow = dispatch(index, MONDAY).assignment
    greedy = dispatch(index, MONDAY, solver="greedy").assignment
    for result in (flow, greedy):
        jobs, counts = np.unique(result.job_rows, return_counts=True)
        assert np.all(counts <= index.jobs.places_left[jobs])
        for w in np.unique(result.worker_rows):
            held = index.jobs.slots[result.job_rows[result.worker_rows == w]]
            busy = index.busy_on(int(w), MONDAY)
            assert int(np.bitwise_or.reduce(held)) & busy == 0
            assert sum(bin(int(m)).count("1") for m in held) == bin(int(np.bitwise_or.reduce(held))).count("1")
    assert flow.total_score >= greedy.total_score
    assert len(flow) > 0


def test_dispatch_only_uses_fitting_pairs():
    index = make_index()
    add_worker(index, 1, max_km=1.0)
    add_worker(index, 2)
    add_job(index, 100, places_left=2)
    result = dispatch(index, MONDAY)
    assert result.assignment.worker_rows.tolist() == [index.workers.row(2)]
    assert result.problem.n_pairs == 1
