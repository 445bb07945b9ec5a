"""How the index lives in a process: readers and the in-place refresh never meet, a rebuild swaps in whole,
a build leaves no garbage for the collector, and /healthz says how old the index is."""

from __future__ import annotations

import gc
import threading

import pytest

from lingong.jobs.tests.factories import post_job
from lingong.matching import loader
from lingong.matching.loader import ReadersWriterLock, match_index_read, match_index_state
from lingong.matching.selectors import jobs_for_worker
from lingong.testing.clock import days, local

DAY = days(8)
NOW = local(days(7), 20)
HOME = {"home_lat": "29.650000", "home_lon": "91.130000"}


def test_a_refresh_never_writes_while_a_query_reads():
    rw = ReadersWriterLock()
    with rw.reading():
        assert rw.write_acquire(blocking=False) is False  # skipped: the index stays a moment older
        got = []
        writer = threading.Thread(target=lambda: got.append(rw.write_acquire(blocking=True)))
        writer.start()
        writer.join(0.2)
        assert writer.is_alive() and got == []  # an insisting refresh waits for the reader
        with rw.reading():  # the same thread reads again: it does not wait behind the writer
            assert rw.reading_here()
    writer.join(5)
    assert got == [True]
    entered = threading.Event()

    def read_once():
        with rw.reading():
            entered.set()

    reader = threading.Thread(target=read_once)
    reader.start()
    assert not entered.wait(0.2)  # a new reader waits while the refresh writes
    rw.write_release()
    assert entered.wait(5)
    reader.join(5)


@pytest.mark.django_db(transaction=True)
def test_queries_during_refreshes_and_a_rebuild_see_one_whole_index(
    employer, job_types, staff, register_worker, monkeypatch
):
    """Readers in several threads while jobs are posted (refreshes in place) and a rebuild swaps the index:
    every answer is a list of open jobs of the worker's trade, and no reader fails."""
    mover = register_worker(trades=("mover",), **HOME)
    posted = [post_job(employer=employer, job_type=job_types["mover"], actor=staff, start=DAY)]
    monkeypatch.setattr(loader, "REFRESH_SECONDS", 0.0)
    first = loader.match_index(now=NOW)
    stop, failures, answers = threading.Event(), [], []

    def read():
        from django.db import connection

        try:
            while not stop.is_set():
                answers.append({m.job.pk for m in jobs_for_worker(worker=mover, now=NOW)})
        except Exception as error:  # noqa: BLE001  a reader that fails is the finding
            failures.append(error)
        finally:
            connection.close()

    readers = [threading.Thread(target=read) for _ in range(4)]
    for thread in readers:
        thread.start()
    for i in range(6):
        posted.append(post_job(employer=employer, job_type=job_types["mover"], actor=staff, start=DAY))
        if i == 2:
            monkeypatch.setattr(loader, "REBUILD_SECONDS", 0.0)
            loader.match_index(now=NOW)  # starts the rebuild beside
            monkeypatch.setattr(loader, "REBUILD_SECONDS", 600.0)
    for _ in range(200):
        if not loader._CACHE.rebuilding:
            break
        threading.Event().wait(0.05)
    stop.set()
    for thread in readers:
        thread.join(30)
    assert failures == []
    assert answers and all(answer <= {j.pk for j in posted} for answer in answers)
    assert loader.match_index(now=NOW) is not first
    assert {m.job.pk for m in jobs_for_worker(worker=mover, now=NOW)} == {j.pk for j in posted}


def _cycles_left_by_a_build() -> int:
    gc.collect()
    loader.match_index_reset()
    gc.disable()
    try:
        loader.match_index(now=NOW)
        return gc.collect()
    finally:
        gc.enable()


@pytest.mark.django_db
def test_a_build_leaves_nothing_per_row_for_the_collector(register_worker, employer, job_types, staff):
    """Rows, not model objects: what a build leaves in reference cycles (the queries' own few hundred) does
    not grow with the workers and jobs, so no collection pause follows it (at district scale the old loader
    left ~680,000 objects, a pause of most of a second)."""

    def add(n):
        for _ in range(n):
            register_worker(trades=("mover", "cook"), **HOME)
            post_job(employer=employer, job_type=job_types["mover"], actor=staff, start=DAY)

    add(40)
    few = _cycles_left_by_a_build()
    add(80)
    many = _cycles_left_by_a_build()
    assert many - few < 40, f"{few} objects in cycles after a build of 40 workers, {many} after 120"


@pytest.mark.django_db
def test_healthz_says_how_old_the_index_is_and_how_long_it_took(client, register_worker):
    register_worker(trades=("mover",), **HOME)
    assert match_index_state() == {"built": False}
    with match_index_read() as index:
        assert index.workers.row_of
    state = match_index_state()
    assert state["built"] is True and state["build_seconds"] > 0 and state["synced_seconds_ago"] >= 0
    body = client.get("/healthz").json()
    assert body["matching_index"]["built"] is True
