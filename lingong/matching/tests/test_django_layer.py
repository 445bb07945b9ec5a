"""The Django side of matching: loader freshness, selectors, dispatch and fast channel."""

from __future__ import annotations

import threading
from datetime import time

import pytest
from django.utils.translation import override

from lingong.jobs.models import Application, Placement
from lingong.jobs.services import application_accept, application_create, job_cancel
from lingong.jobs.tests.factories import post_job
from lingong.matching.selectors import jobs_for_worker, reason_text, workers_for_job
from lingong.matching.services import dispatch_run, fast_channel_offer
from lingong.testing.clock import days, local
from lingong.workers.services import worker_hide

pytestmark = pytest.mark.django_db
DAY = days(8)  # the jobs' day, a week and a day after the test day
NOW = local(days(7), 20)  # the evening before the jobs' day
HOME = {"home_lat": "29.650000", "home_lon": "91.130000"}


@pytest.fixture
def mover(register_worker):
    return register_worker(trades=("mover",), **HOME)


def post(employer, job_types, staff, trade="mover", **extra):
    return post_job(employer=employer, job_type=job_types[trade], actor=staff, start=DAY, **extra)


def test_a_new_job_is_seen_by_the_next_query_and_a_closed_one_goes(employer, job_types, staff, mover):
    assert jobs_for_worker(worker=mover, now=NOW) == []
    job = post(employer, job_types, staff)
    assert [m.job.pk for m in jobs_for_worker(worker=mover, now=NOW)] == [job.pk]
    job_cancel(job=job, actor=staff, channel="window")
    assert jobs_for_worker(worker=mover, now=NOW) == []


def test_hard_filters_through_the_database(employer, job_types, staff, mover, register_worker):
    fits = post(employer, job_types, staff)
    post(employer, job_types, staff, trade="cook")  # another trade
    post(employer, job_types, staff, lat="29.700000", lon="91.300000")  # ~17 km away, limit 10
    post(employer, job_types, staff, hours=(time(19), time(23)), intensity=3)  # evening is fine, heavy is fine
    weak = register_worker(trades=("mover",), max_intensity=1, **HOME)
    assert job_types["mover"].intensity > 1 and jobs_for_worker(worker=weak, now=NOW) == []  # too heavy for them
    found = [m.job for m in jobs_for_worker(worker=mover, now=NOW)]
    assert fits in found and all(j.job_type.slug == "mover" for j in found)
    assert all(float(j.lon) < 91.2 for j in found)


def test_a_placement_makes_the_worker_busy_in_that_slot(employer, job_types, staff, mover):
    morning = post(employer, job_types, staff, hours=(time(8), time(12)))
    same_time = post(employer, job_types, staff, hours=(time(9), time(11)))
    evening = post(employer, job_types, staff, hours=(time(18), time(22)))
    application = application_create(job=morning, worker=mover, origin="worker", channel="kiosk", actor=mover.user)
    application_accept(application=application, side="employer", actor=staff, channel="window")
    assert [m.job.pk for m in jobs_for_worker(worker=mover, now=NOW)] == [evening.pk]
    assert same_time.pk not in [m.job.pk for m in jobs_for_worker(worker=mover, now=NOW, include_pending=True)]


def test_applied_jobs_leave_the_list_unless_pending_ones_are_asked_for(employer, job_types, staff, mover):
    job = post(employer, job_types, staff)
    application_create(job=job, worker=mover, origin="worker", channel="kiosk", actor=mover.user)
    assert jobs_for_worker(worker=mover, now=NOW) == []
    assert [m.job.pk for m in jobs_for_worker(worker=mover, now=NOW, include_pending=True)] == [job.pk]


def test_results_carry_translated_reasons_and_a_distance(employer, job_types, staff, mover):
    post(employer, job_types, staff)
    [match] = jobs_for_worker(worker=mover, now=NOW)
    codes = [r.code for r in match.reasons]
    assert 1 <= len(codes) <= 3 and ("has_trade" in codes or "distance" in codes)
    assert match.distance_km == pytest.approx(0.0, abs=0.1)  # the job is at the worker's home point
    with override("zh-hans"):
        assert reason_text("distance", {"km": 1.2}) == "离您 1.2 公里"
    with override("bo"):
        assert reason_text("distance", {"km": 1.2}) != reason_text("distance", {"km": 1.2}, audience="employer")


def test_hidden_workers_are_no_longer_offered(employer, job_types, staff, mover):
    job = post(employer, job_types, staff)
    assert [m.worker.pk for m in workers_for_job(job=job, now=NOW)] == [mover.pk]
    worker_hide(worker=mover, actor=mover.user, channel="app")
    assert workers_for_job(job=job, now=NOW) == []


def test_dispatch_respects_headcounts_and_slots(employer, job_types, staff, register_worker, admin_user):
    workers = [register_worker(trades=("mover",), **HOME) for _ in range(5)]
    small = post(employer, job_types, staff, headcount=2, hours=(time(8), time(12)))
    other = post(employer, job_types, staff, headcount=2, hours=(time(9), time(11)))
    outcome = dispatch_run(day=DAY, actor=admin_user, now=local(DAY, 6))
    assert outcome.proposed == 4 and outcome.skipped == 0
    per_job = {j.pk: Application.objects.filter(job=j, origin="dispatch").count() for j in (small, other)}
    assert per_job == {small.pk: 2, other.pk: 2}
    per_worker = [Application.objects.filter(worker=w).count() for w in workers]
    assert sorted(per_worker) == [0, 1, 1, 1, 1]  # both jobs are mornings: one each
    assert Placement.objects.count() == 0  # proposals only: both sides still accept


def test_a_second_dispatch_never_proposes_a_pair_already_asked(employer, job_types, staff, register_worker, admin_user):
    from lingong.jobs.services import application_decline

    first, second = (register_worker(trades=("mover",), **HOME) for _ in range(2))
    job = post(employer, job_types, staff, headcount=1)
    assert dispatch_run(day=DAY, actor=admin_user, now=local(DAY, 6)).proposed == 1
    # Run again while the place waits on that proposal: nobody more is asked.
    repeated = dispatch_run(day=DAY, actor=admin_user, now=local(DAY, 6, 10))
    assert (repeated.proposed, repeated.skipped) == (0, 0)
    proposal = Application.objects.get(job=job, origin="dispatch")
    application_decline(application=proposal, side="worker", actor=proposal.worker.user, channel="web")
    again = dispatch_run(day=DAY, actor=admin_user, now=local(DAY, 6, 30))
    # The engine left out the pair the worker declined: nothing was chosen only to be refused.
    assert again.skipped == 0
    asked = set(Application.objects.filter(job=job).values_list("worker_id", flat=True))
    assert asked == {first.pk, second.pk}


def test_dispatch_is_staff_only_and_station_scoped(employer, job_types, staff, other_staff, auditor):
    from lingong.core.errors import NotAllowed

    for actor in (auditor, other_staff):
        with pytest.raises(NotAllowed):
            dispatch_run(day=DAY, actor=actor, station=staff.station)
    assert dispatch_run(day=DAY, actor=staff, station=staff.station, now=NOW).proposed == 0


def test_fast_channel_offers_tier_by_tier(employer, job_types, staff, register_worker):
    workers = [register_worker(trades=("mover",), **HOME) for _ in range(3)]
    job = post(employer, job_types, staff, headcount=1, is_fast_channel=True)
    assert fast_channel_offer(job=job, tier=0, now=NOW) == 0  # no preferred workers yet
    offered_best = fast_channel_offer(job=job, tier=1, now=NOW)
    offered_all = fast_channel_offer(job=job, tier=2, now=NOW)
    assert offered_best + offered_all == 3
    assert set(Application.objects.filter(job=job).values_list("worker_id", flat=True)) == {w.pk for w in workers}
    assert fast_channel_offer(job=job, tier=2, now=NOW) == 0  # nobody is offered twice


def test_a_block_by_either_side_hides_the_pair_until_lifted(employer, job_types, staff, mover):
    from lingong.core.errors import NotAllowed
    from lingong.jobs.services import block_set

    job = post(employer, job_types, staff)
    with pytest.raises(NotAllowed):
        block_set(worker=mover, employer=employer, side="employer", actor=mover.user, blocked=True)
    block_set(worker=mover, employer=employer, side="worker", actor=mover.user, blocked=True, reason="上次没给钱")
    assert jobs_for_worker(worker=mover, now=NOW) == [] and workers_for_job(job=job, now=NOW) == []
    block_set(worker=mover, employer=employer, side="employer", actor=staff, blocked=True)
    block_set(worker=mover, employer=employer, side="worker", actor=mover.user, blocked=False)
    assert jobs_for_worker(worker=mover, now=NOW) == []  # the employer's block still stands
    block_set(worker=mover, employer=employer, side="employer", actor=staff, blocked=False)
    assert [m.job.pk for m in jobs_for_worker(worker=mover, now=NOW)] == [job.pk]


@pytest.mark.django_db(transaction=True)
def test_the_periodic_rebuild_runs_beside_the_index_in_use(employer, job_types, staff, mover, monkeypatch):
    """At district scale a rebuild takes seconds: queries keep their (refreshed) index meanwhile, then the new one
    takes over with nothing lost."""
    from lingong.matching import loader

    first = loader.match_index()
    building, finish = threading.Event(), threading.Event()
    build = loader._index_build

    def slow_build(*, now):
        building.set()
        assert finish.wait(20)
        return build(now=now)

    monkeypatch.setattr(loader, "_index_build", slow_build)
    monkeypatch.setattr(loader, "REBUILD_SECONDS", 0.0)
    job = post(employer, job_types, staff)

    assert [m.job.pk for m in jobs_for_worker(worker=mover, now=NOW)] == [job.pk]  # not waiting for the rebuild
    assert building.wait(20) and loader.match_index() is first
    later = post(employer, job_types, staff, hours=(time(9), time(12)))  # written while the new index is built
    finish.set()
    for _ in range(200):
        if not loader._CACHE.rebuilding:
            break
        threading.Event().wait(0.05)
    monkeypatch.setattr(loader, "REBUILD_SECONDS", 600.0)
    assert loader.match_index() is not first
    assert sorted(m.job.pk for m in jobs_for_worker(worker=mover, now=NOW)) == sorted([job.pk, later.pk])


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_begun_before_a_reset_is_thrown_away(monkeypatch):
    from lingong.matching import loader

    loader.match_index()
    building, finish, built = threading.Event(), threading.Event(), []
    build = loader._index_build

    def slow_build(*, now):
        building.set()
        assert finish.wait(20)
        built.append(build(now=now))
        return built[-1]

    monkeypatch.setattr(loader, "_index_build", slow_build)
    monkeypatch.setattr(loader, "REBUILD_SECONDS", 0.0)
    loader.match_index()
    assert building.wait(20)
    loader.match_index_reset()
    finish.set()
    for _ in range(200):
        if not loader._CACHE.rebuilding:
            break
        threading.Event().wait(0.05)
    assert built and loader._CACHE.index is None  # the old generation's index did not come back
