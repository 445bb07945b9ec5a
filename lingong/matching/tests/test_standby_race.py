"""Declines at once on a job with a standby list: each promotes a different worker, and the job never has more
open dispatch proposals than places left. Run on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from lingong.jobs.models import Application, Placement
from lingong.jobs.services import application_accept, application_create, application_decline
from lingong.jobs.tests.factories import post_job
from lingong.jobs.tests.test_concurrency import race
from lingong.matching.models import DispatchStandby

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.concurrency, pytest.mark.xdist_group("concurrency")]
HOME = {"home_lat": "29.650000", "home_lon": "91.130000"}
OPEN = ("proposed", "accepted_by_worker", "accepted_by_employer")


def open_dispatch(job) -> list[int]:
    return list(
        Application.objects.filter(job=job, origin="dispatch", status__in=OPEN).values_list("worker_id", flat=True)
    )


@pytest.mark.parametrize("round_", range(3))
def test_declines_at_once_promote_different_standbys(round_, employer, job_types, staff, register_worker):
    places = 4
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, headcount=places)
    workers = [register_worker(trades=("mover",), **HOME) for _ in range(places + 6)]
    proposed, standbys = workers[:places], workers[places:]
    proposals = [
        application_create(job=job, worker=w, origin="dispatch", channel="system", actor=None) for w in proposed
    ]
    for rank, worker in enumerate(standbys, start=1):
        DispatchStandby.objects.create(job=job, worker=worker, rank=rank, score=0.5)

    ok, conflicts, errors = race(
        [
            lambda a=a, w=w: application_decline(
                application=Application.objects.get(pk=a.pk), side="worker", actor=w.user, channel="app"
            )
            for a, w in zip(proposals, proposed)
        ]
    )
    assert errors == [] and (ok, conflicts) == (places, 0)
    promoted = sorted(open_dispatch(job))
    assert promoted == sorted(w.pk for w in standbys[:places])  # the first four in rank order, each once
    assert DispatchStandby.objects.filter(job=job, status="promoted").count() == places
    assert DispatchStandby.objects.filter(job=job, status="waiting").count() == len(standbys) - places


@pytest.mark.parametrize("round_", range(3))
def test_a_decline_racing_the_hire_that_fills_the_job_promotes_nobody_past_it(
    round_, employer, job_types, staff, register_worker
):
    """Two places: one proposal declines while the other two applicants are hired at once. Whatever the order,
    hires stop at the headcount and no proposal stays open on a filled job."""
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, headcount=2)
    declining, a, b, *standbys = [register_worker(trades=("mover",), **HOME) for _ in range(6)]
    decline_me = application_create(job=job, worker=declining, origin="dispatch", channel="system", actor=None)
    hires = []
    for worker in (a, b):
        application = application_create(job=job, worker=worker, origin="dispatch", channel="system", actor=None)
        application_accept(application=application, side="worker", actor=worker.user, channel="app")
        hires.append(application)
    for rank, worker in enumerate(standbys, start=1):
        DispatchStandby.objects.create(job=job, worker=worker, rank=rank, score=0.5)

    calls = [
        lambda: application_decline(
            application=Application.objects.get(pk=decline_me.pk), side="worker", actor=declining.user, channel="app"
        ),
        *[
            lambda h=h: application_accept(
                application=Application.objects.get(pk=h.pk), side="employer", actor=staff, channel="window"
            )
            for h in hires
        ],
    ]
    ok, conflicts, errors = race(calls)
    assert errors == [] and ok + conflicts == 3
    # the decline may come after the filling hire withdrew that proposal: then it is refused, nothing else changes
    assert Application.objects.get(pk=decline_me.pk).status == ("declined" if ok == 3 else "withdrawn")
    job.refresh_from_db()
    assert (job.status, job.places_filled, Placement.objects.filter(job=job).count()) == ("filled", 2, 2)
    assert open_dispatch(job) == []  # the decline found both places taken or asked for: nobody promoted
    assert set(DispatchStandby.objects.filter(job=job).values_list("status", flat=True)) == {"dropped"}
