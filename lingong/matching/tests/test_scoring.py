"""The score: exact values, reciprocity, fairness, and the k of top-k."""

from __future__ import annotations

import math

import pytest

from lingong.matching import (
    DEFAULT_WEIGHTS,
    MatchWeights,
    feasible_workers_for_job,
    top_jobs_for_worker,
    top_workers_for_job,
)
from lingong.matching.scoring import NUMPY, SCALAR, combine_sides
from lingong.matching.tests.helpers import (
    NOW,
    add_job,
    add_worker,
    at_km,
    job_ids_for,
    make_index,
    worker_ids_for,
)


def test_default_pair_scores_exactly_as_documented():
    index = make_index()
    add_worker(index, 1)  # home at the origin, asks 200 yuan, level 3, not certified, speaks zh
    add_job(index, 100)  # 2 km east, 250 yuan, starts 08:00 (2 h from now), needs no language
    dist = math.exp(-2 / 4)
    pay = (250 / 200 - 0.8) / (1.3 - 0.8)
    soon = math.exp(-2 / 24)
    worker_side = (3 * dist + 3 * pay + 1 * 0.5 + 1 * soon + 1 * 1 + 1 * 1) / 10
    employer_side = (2 * 0.6 + 1 * 0 + 2 * 0.5 + 1 * dist + 1 * 1) / 7
    market = (4 * 1 + 1 * 1 + 1 * 1 + 1 * 0) / 7
    expected = 0.6 * (2 * worker_side * employer_side / (worker_side + employer_side)) + 0.4 * market
    (match,) = top_jobs_for_worker(index, index.workers.row(1), now=NOW)
    assert match.score == pytest.approx(expected, rel=1e-6)
    assert expected == pytest.approx(0.7301478, rel=1e-6)
    (back,) = top_workers_for_job(index, index.jobs.row(100), now=NOW)
    assert back.score == pytest.approx(expected, rel=1e-6)


def test_sides_are_combined_by_a_symmetric_harmonic_mean():
    assert combine_sides(SCALAR, 0.9, 0.1) == pytest.approx(0.18)
    assert combine_sides(SCALAR, 0.1, 0.9) == pytest.approx(0.18)
    assert combine_sides(SCALAR, 0.5, 0.5) == pytest.approx(0.5)
    assert combine_sides(SCALAR, 1.0, 0.0) == 0.0
    assert combine_sides(NUMPY, 0.0, 0.0) == 0.0


def test_neither_side_dominates_a_match():
    """A job that thrills the worker but gets the employer a weak worker loses to a balanced one."""
    index = make_index()
    # Worker 1: delighted (asks little, lives at the job) but level 1 and unreliable.
    add_worker(index, 1, min_pay_fen=10000, reliability=0.0, trades=[(10, 1, False)], **at_km(2.0))
    # Worker 2: an ordinary fit on both sides, 3 km away.
    add_worker(index, 2, min_pay_fen=24000, reliability=0.5, trades=[(10, 3, False)], **at_km(-1.0))
    add_job(index, 100)
    feasible = feasible_workers_for_job(index, index.jobs.row(100), now=NOW)
    parts = feasible.scores(DEFAULT_WEIGHTS)
    by_id = {int(index.workers.ids[r]): i for i, r in enumerate(feasible.rows)}
    w1, w2 = by_id[1], by_id[2]
    mean_1 = (parts.worker_side[w1] + parts.employer_side[w1]) / 2
    mean_2 = (parts.worker_side[w2] + parts.employer_side[w2]) / 2
    assert mean_1 > mean_2  # an arithmetic mean would have chosen worker 1
    assert worker_ids_for(index, 100) == [2, 1]


def test_a_worker_with_little_recent_work_ranks_above_an_otherwise_equal_busy_one():
    index = make_index()
    add_worker(index, 1, recent_work_days=8.0)
    add_worker(index, 2, recent_work_days=0.0)
    add_job(index, 100)
    assert worker_ids_for(index, 100) == [2, 1]
    index.set_worker_signals(1, recent_work_days=0.0)
    assert worker_ids_for(index, 100) == [1, 2]  # equal again: ties go to the lower row


def test_exposure_is_spread_over_workers_and_jobs():
    index = make_index()
    add_worker(index, 1)
    add_worker(index, 2)
    add_job(index, 100)
    add_job(index, 101)
    index.record_exposure(worker_rows=[index.workers.row(1)] * 5, job_rows=[index.jobs.row(100)] * 5)
    assert worker_ids_for(index, 100) == [2, 1]
    assert job_ids_for(index, 1) == [101, 100]
    index.decay_exposure(0.0)
    assert worker_ids_for(index, 100) == [1, 2]


def test_market_share_zero_is_pure_reciprocal_fit():
    index = make_index()
    add_worker(index, 1, recent_work_days=8.0)
    add_worker(index, 2, recent_work_days=0.0)
    add_job(index, 100)
    weights = MatchWeights(market_share=0.0)
    result = top_workers_for_job(index, index.jobs.row(100), now=NOW, weights=weights)
    assert result.scores[0] == pytest.approx(result.scores[1])


def test_top_k_returns_k_when_that_many_fit_and_all_when_fewer():
    index = make_index()
    add_worker(index, 1, min_pay_fen=30000)  # pay 240-340 yuan: the pay component rises with each job
    for j in range(15):
        add_job(index, 100 + j, pay_fen=20000 + 1000 * j)
    ten = top_jobs_for_worker(index, index.workers.row(1), now=NOW)
    assert ten.ids.tolist() == [114, 113, 112, 111, 110, 109, 108, 107, 106, 105]
    assert list(ten.scores) == sorted(ten.scores, reverse=True)
    assert len(top_jobs_for_worker(index, index.workers.row(1), 20, now=NOW)) == 15


def test_weights_are_validated():
    with pytest.raises(ValueError):
        MatchWeights(market_share=1.5)
    with pytest.raises(ValueError):
        MatchWeights(pay_ratio_floor=1.2, pay_ratio_ceiling=1.0)


def test_applicants_are_ranked_with_the_same_score_and_misfits_left_out():
    from lingong.matching import rank_workers_for_job

    index = make_index()
    add_worker(index, 1, recent_work_days=8.0)
    add_worker(index, 2)
    add_worker(index, 3, max_km=1.0)  # too far for this job
    add_worker(index, 4)  # did not apply
    add_job(index, 100)
    rows = [index.workers.row(w) for w in (1, 2, 3)]
    ranked = rank_workers_for_job(index, index.jobs.row(100), rows, now=NOW)
    assert ranked.ids.tolist() == [2, 1]
    top = top_workers_for_job(index, index.jobs.row(100), now=NOW)
    assert dict(zip(top.ids.tolist(), top.scores.tolist()))[1] == pytest.approx(ranked.scores[1])
