"""A training certificate in the engine: certified workers rank higher, and a job may take only them."""

from __future__ import annotations

from lingong.matching.tests.helpers import TRADE, add_job, add_worker, job_ids_for, make_index, worker_ids_for


def test_a_certified_worker_ranks_above_an_otherwise_equal_one():
    index = make_index()
    add_worker(index, 1, trades=[(TRADE, 3, False)])
    add_worker(index, 2, trades=[(TRADE, 3, True)])
    add_job(index, 100)
    assert worker_ids_for(index, 100) == [2, 1]


def test_a_job_that_requires_a_certificate_is_offered_only_to_certified_workers():
    index = make_index()
    add_worker(index, 1, trades=[(TRADE, 5, False)])
    add_worker(index, 2, trades=[(TRADE, 1, True)])
    add_job(index, 100, certified_only=1)
    add_job(index, 101)
    assert worker_ids_for(index, 100) == [2]
    assert job_ids_for(index, 1) == [101]
    assert sorted(job_ids_for(index, 2)) == [100, 101]
    # Certified later (the worker is upserted again by the loader): the job is offered.
    add_worker(index, 1, trades=[(TRADE, 5, True)])
    assert worker_ids_for(index, 100) == [1, 2]
    assert sorted(job_ids_for(index, 1)) == [100, 101]
