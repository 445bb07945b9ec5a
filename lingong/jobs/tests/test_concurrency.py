"""Invariants under racing connections: never more placements than places,
never two overlapping placements for one worker. Run on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time as clock
from datetime import time

import pytest
from django.db import OperationalError, connection

from lingong.core.errors import Conflict
from lingong.jobs.models import Application, Job, Placement
from lingong.jobs.services import application_accept, application_create

from .factories import post_job

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.concurrency, pytest.mark.xdist_group("concurrency")]
WANTED = 50


def attempts() -> int:
    """50 racing connections, or as many as the database server has free (keeping 25 for the other
    test process): PostgreSQL refuses connections past max_connections, and that is not what is tested."""
    if connection.vendor != "postgresql":
        return WANTED
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('max_connections')::int - (SELECT count(*) FROM pg_stat_activity)")
        free = cursor.fetchone()[0]
    return max(10, min(WANTED, free - 25))


def connect_patiently() -> None:
    """Open this thread's connection before the race starts. Another test process may briefly hold
    many connections (a server under test); waiting for a free one is not a race outcome."""
    for _ in range(150):
        try:
            connection.ensure_connection()
            return
        except OperationalError as error:
            if "too many clients" not in str(error):
                raise
            connection.close()
            clock.sleep(0.2)
    connection.ensure_connection()


def race(calls) -> tuple[int, int, list[BaseException]]:
    """Run every call at once, each in its own thread and database connection."""
    start = threading.Barrier(len(calls))
    outcomes: list = []
    lock = threading.Lock()

    def run(call):
        try:
            try:
                connect_patiently()
            except BaseException:
                start.abort()  # the others stop waiting and report a broken race
                raise
            start.wait()
            call()
            result = "ok"
        except Conflict:
            result = "conflict"
        except BaseException as error:  # noqa: BLE001 - reported below
            result = error
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    errors = [o for o in outcomes if isinstance(o, BaseException)]
    return outcomes.count("ok"), outcomes.count("conflict"), errors


@pytest.mark.parametrize("round_", range(3))
def test_fifty_accepts_never_overbook_a_job(round_, employer, job_types, staff, register_worker):
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, headcount=5)
    n = attempts()
    workers = [register_worker() for _ in range(n)]
    applications = [
        application_create(job=job, worker=w, origin="worker", channel="kiosk", actor=w.user) for w in workers
    ]
    ok, conflicts, errors = race(
        [
            lambda a=a: application_accept(
                application=Application.objects.get(pk=a.pk), side="employer", actor=staff, channel="window"
            )
            for a in applications
        ]
    )
    assert errors == []
    assert (ok, conflicts) == (5, n - 5)
    job.refresh_from_db()
    assert job.places_filled == 5 == Placement.objects.filter(job=job).count()


@pytest.mark.parametrize("round_", range(3))
def test_fifty_overlapping_jobs_give_one_worker_one_placement(round_, employer, job_types, staff, register_worker):
    worker = register_worker()
    n = attempts()
    jobs = [
        post_job(employer=employer, job_type=job_types["mover"], actor=staff, hours=(time(8 + i % 3), time(17)))
        for i in range(n)
    ]
    applications = [
        application_create(job=j, worker=worker, origin="employer", channel="web", actor=staff) for j in jobs
    ]
    ok, conflicts, errors = race(
        [
            lambda a=a: application_accept(
                application=Application.objects.get(pk=a.pk), side="worker", actor=worker.user, channel="app"
            )
            for a in applications
        ]
    )
    assert errors == []
    assert (ok, conflicts) == (1, n - 1)
    assert Placement.objects.filter(worker=worker).count() == 1
    assert sorted(Job.objects.values_list("places_filled", flat=True)) == [0] * (n - 1) + [1]
