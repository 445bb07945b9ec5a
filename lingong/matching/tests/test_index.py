"""Incremental upkeep: upsert and remove single rows without a rebuild."""

from __future__ import annotations

import numpy as np
import pytest

from lingong.matching import MORNING, MatchIndex, pack_worker_trades
from lingong.matching.tests.helpers import (
    MONDAY,
    OTHER,
    TRADE,
    add_job,
    add_worker,
    at_km,
    job_ids_for,
    make_index,
    worker_ids_for,
)


def test_removed_job_disappears_and_its_row_is_reused():
    index = make_index()
    add_worker(index, 1)
    for j in range(3):
        add_job(index, 100 + j)  # same trade and cell: one bucket
    row = index.jobs.row(100)
    index.remove_job(100)
    assert sorted(job_ids_for(index, 1)) == [101, 102]
    assert 100 not in index.jobs.row_of
    assert add_job(index, 103) == row  # the freed row comes back
    # The job swapped into the hole is still found and still removable.
    index.remove_job(102)
    assert sorted(job_ids_for(index, 1)) == [101, 103]
    index.remove_job(101)
    index.remove_job(103)
    assert job_ids_for(index, 1) == []
    index.remove_job(999)  # unknown: no-op


def test_upsert_moves_a_job_to_its_new_place_and_trade():
    index = make_index()
    add_worker(index, 1, max_km=5.0)
    add_job(index, 100)
    row = index.jobs.row(100)
    add_job(index, 100, **at_km(20.0))
    assert index.jobs.row(100) == row
    assert job_ids_for(index, 1) == []
    add_job(index, 100, trade_ids=OTHER)
    assert job_ids_for(index, 1) == []
    add_job(index, 100)
    assert job_ids_for(index, 1) == [100]
    assert len(index.jobs) == 1


def test_worker_update_changes_trades_and_place():
    index = make_index()
    add_worker(index, 1)
    add_worker(index, 2)
    add_job(index, 100)
    add_job(index, 101, trade_ids=OTHER)
    add_worker(index, 1, trades=[(OTHER, 2, False)])
    assert job_ids_for(index, 1) == [101]
    assert worker_ids_for(index, 100) == [2]
    add_worker(index, 2, **at_km(40.0))
    assert worker_ids_for(index, 100) == []


def test_removed_worker_loses_calendar_but_blocks_are_kept_by_id():
    index = make_index()
    add_worker(index, 1)
    add_worker(index, 2)
    add_job(index, 100, employer_ids=500)
    index.set_busy(1, MONDAY, MORNING)
    index.block(2, 500)
    index.remove_worker(1)
    index.remove_worker(2)
    assert worker_ids_for(index, 100) == []
    add_worker(index, 1)
    add_worker(index, 2)
    assert index.busy_on(index.workers.row(1), MONDAY) == 0
    assert worker_ids_for(index, 100) == [1]


def test_arrays_grow_past_their_first_capacity():
    index = MatchIndex(job_capacity=2, worker_capacity=2, trade_capacity=2)
    index.set_related_trades([(TRADE, 11)])
    for w in range(40):
        add_worker(index, w)
    index.set_busy(39, MONDAY, MORNING)
    for j in range(30):
        add_job(index, 1000 + j, trade_ids=TRADE + j % 5)
    assert index.workers.capacity >= 40 and index.jobs.capacity >= 30
    assert len(job_ids_for(index, 0)) == 12  # trades 10 and related 11: 6 jobs each
    assert len(worker_ids_for(index, 1000)) == 39  # 39 is busy that morning


def test_bulk_upsert_matches_one_by_one():
    one = make_index()
    bulk = make_index()
    rng = np.random.default_rng(3)
    points = rng.uniform(-4, 4, (20, 2))
    for i, (x, y) in enumerate(points):
        add_worker(one, i, **at_km(x, y), trades=[(TRADE, 1 + i % 5, i % 2 == 0)])
    tids, lv, ce = pack_worker_trades([[(TRADE, 1 + i % 5, i % 2 == 0)] for i in range(20)], bulk.workers.max_trades)
    lat_lon = [at_km(x, y) for x, y in points]
    bulk.upsert_workers(
        ids=np.arange(20),
        lat=[p["lat"] for p in lat_lon],
        lon=[p["lon"] for p in lat_lon],
        max_km=10.0,
        min_pay_fen=20000,
        trade_ids=tids,
        levels=lv,
        certified=ce,
        max_intensity=2,
    )
    for index in (one, bulk):
        add_job(index, 100)
    assert worker_ids_for(one, 100) == worker_ids_for(bulk, 100)


def test_pack_worker_trades_keeps_the_best_when_too_many():
    tids, lv, ce = pack_worker_trades([[(1, 2, False), (2, 5, False), (3, 2, True), (4, 1, False)]], 2)
    assert tids.tolist() == [[2, 3]]
    assert lv.tolist() == [[5, 2]]
    assert ce.tolist() == [[0, 1]]


def test_invalid_rows_are_refused():
    index = make_index()
    with pytest.raises(ValueError):
        add_job(index, 100, slots=0)
    with pytest.raises(ValueError):
        add_job(index, 100, end_day=MONDAY - 1)
    with pytest.raises(ValueError):
        add_worker(index, 1, trades=[(TRADE, 6, False)])
    assert len(index.jobs) == 0 and len(index.workers) == 0


@pytest.mark.parametrize("branch_and_bound", [False, True])
def test_random_upkeep_keeps_buckets_and_results_exact(monkeypatch, branch_and_bound):
    """Many upserts, moves and removals: every live row sits exactly once in the right bucket,
    and queries (scanning everything, or by branch and bound over buckets) agree with a
    brute-force scan of the live rows."""
    from lingong.matching import feasible_jobs_for_worker, query, top_jobs_for_worker
    from lingong.matching.scoring import (
        SCALAR,
        hours_until_start,
        pair_feasible,
        pair_km,
        score_pairs,
        take_pair,
    )
    from lingong.matching.tests.helpers import NOW
    from lingong.matching.timegrid import local_day_hour
    from lingong.matching.weights import DEFAULT_WEIGHTS

    if branch_and_bound:
        monkeypatch.setattr(query, "_SCAN_ALL", {"jobs": 0, "workers": 0})
        monkeypatch.setattr(query, "_FIRST_BATCH", 3)
    rng = np.random.default_rng(11)
    index = make_index(job_capacity=4)
    for w in range(5):
        add_worker(index, w, max_km=float(rng.uniform(2, 8)), trades=[(TRADE, 3, False), (OTHER, 2, True)])
    live: set[int] = set()
    for _ in range(600):
        job_id = int(rng.integers(0, 120))
        if job_id in live and rng.random() < 0.4:
            index.remove_job(job_id)
            live.discard(job_id)
        else:
            add_job(
                index,
                job_id,
                **at_km(*rng.uniform(-6, 6, 2)),
                trade_ids=int(rng.choice([TRADE, 11, OTHER])),
                pay_fen=int(rng.integers(15000, 35000)),
                places_left=int(rng.integers(0, 3)),
            )
            live.add(job_id)
    jobs, grid = index.jobs, index.job_grid
    assert set(index.jobs.row_of) == live
    for job_id in live:
        row = jobs.row(job_id)
        b = int(jobs.bucket[row])
        assert grid.arena[grid.start[b] + jobs.bucket_pos[row]] == row
        assert grid.trade[b] == jobs.trade[row]
    assert int(grid.size[: len(grid)].sum()) == len(live)

    now_day, now_hour = local_day_hour(NOW)
    for w in range(5):
        row = index.workers.row(w)
        worker = take_pair(index.worker_view(row), ())
        brute = []
        for job_id in live:
            jr = jobs.row(job_id)
            job = take_pair(index.job_view(jr), ())
            skill = int(index.workers.skill[row, job.trade])
            km = pair_km(SCALAR, job, worker)
            hours = hours_until_start(job, now_day, now_hour)
            if pair_feasible(job, worker, skill, km, hours, DEFAULT_WEIGHTS):
                brute.append((-score_pairs(SCALAR, job, worker, skill, km, hours, DEFAULT_WEIGHTS).score, jr))
        assert sorted(feasible_jobs_for_worker(index, row, now=NOW).rows.tolist()) == sorted(r for _, r in brute)
        top = top_jobs_for_worker(index, row, 5, now=NOW)
        best = sorted(brute)[:5]
        assert np.allclose(top.scores, [-s for s, _ in best], atol=1e-5)
        assert top.rows.tolist() == [r for _, r in best]


def test_workers_for_job_by_branch_and_bound_equals_a_full_scan(monkeypatch):
    from lingong.matching import query, top_workers_for_job
    from lingong.matching.tests.helpers import NOW

    rng = np.random.default_rng(5)
    index = make_index()
    for w in range(200):
        trades = [(TRADE, int(rng.integers(1, 6)), bool(rng.integers(0, 2)))]
        if w % 3 == 0:
            trades.append((11, int(rng.integers(1, 6)), False))  # also in the related trade's buckets
        add_worker(
            index,
            w,
            **at_km(*rng.uniform(-15, 15, 2)),
            max_km=float(rng.uniform(3, 15)),
            min_pay_fen=int(rng.integers(15000, 30000)),
            reliability=float(rng.uniform()),
            recent_work_days=float(rng.exponential(3)),
            trades=trades,
        )
    for j in range(10):
        add_job(index, 100 + j, **at_km(*rng.uniform(-8, 8, 2)), trade_ids=TRADE if j % 2 else 11)
    full = {j: top_workers_for_job(index, index.jobs.row(100 + j), 10, now=NOW) for j in range(10)}
    monkeypatch.setattr(query, "_SCAN_ALL", {"jobs": 0, "workers": 0})
    monkeypatch.setattr(query, "_FIRST_BATCH", 2)
    for j in range(10):
        bb = top_workers_for_job(index, index.jobs.row(100 + j), 10, now=NOW)
        assert bb.rows.tolist() == full[j].rows.tolist()
        assert np.allclose(bb.scores, full[j].scores)
        assert bb.reasons == full[j].reasons
