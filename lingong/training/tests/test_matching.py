"""A certificate from a training course is what matching and the jobs use: certified ranks higher, a job may require it."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lingong.core.errors import Conflict
from lingong.jobs.models import Application, Job
from lingong.jobs.services import application_create
from lingong.jobs.tests.factories import post_job
from lingong.matching.selectors import workers_for_job
from lingong.training.services import attendance_record, booking_create, certificate_issue

from .factories import make_course, make_session

pytestmark = pytest.mark.django_db
HOME = {"home_lat": "29.650000", "home_lon": "91.130000"}


def certify(*, staff, course, worker):
    session = make_session(staff=staff, course=course, days=1)
    booking = booking_create(session=session, worker=worker, actor=worker.user, channel="kiosk")
    with time_machine.travel(session.ends_at + timedelta(minutes=1)):
        attendance_record(booking=booking, actor=staff, attended=True)
        certificate_issue(booking=booking, actor=staff)


def test_a_job_that_requires_a_certificate_takes_only_certified_workers(
    staff, employer, job_types, stations, register_worker
):
    course = make_course(staff=staff, job_types=job_types, stations=stations, trade="electrician")
    trained = register_worker(trades=("electrician",), **HOME)
    untrained = register_worker(trades=("electrician",), **HOME)
    certify(staff=staff, course=course, worker=trained)
    job = post_job(employer=employer, job_type=job_types["electrician"], actor=staff)
    Job.objects.filter(pk=job.pk).update(requires_certificate=True, updated_at=timezone.now())
    job.refresh_from_db()
    assert [m.worker.pk for m in workers_for_job(job=job)] == [trained.pk]
    with pytest.raises(Conflict) as refused:
        application_create(job=job, worker=untrained, origin="worker", channel="kiosk", actor=untrained.user)
    assert refused.value.code == "certificate_required"
    assert Application.objects.filter(job=job).count() == 0
    application = application_create(job=job, worker=trained, origin="worker", channel="kiosk", actor=trained.user)
    assert application.worker_id == trained.pk


def test_a_certified_worker_ranks_first(staff, employer, job_types, stations, register_worker):
    course = make_course(staff=staff, job_types=job_types, stations=stations, trade="electrician")
    first = register_worker(trades=("electrician",), **HOME)
    second = register_worker(trades=("electrician",), home_lat="29.655000", home_lon="91.130000")  # 0.6 km further
    job = post_job(employer=employer, job_type=job_types["electrician"], actor=staff)
    assert [m.worker.pk for m in workers_for_job(job=job)] == [first.pk, second.pk]
    certify(staff=staff, course=course, worker=second)
    assert [m.worker.pk for m in workers_for_job(job=job)] == [second.pk, first.pk]


def test_learn_this_counts_open_places_nearby_for_a_trade_the_worker_lacks(
    staff, employer, job_types, stations, register_worker
):
    from lingong.matching.selectors import training_suggestion
    from lingong.training.services import session_cancel

    worker = register_worker(trades=("mover",), **HOME)
    electrician = make_course(staff=staff, job_types=job_types, stations=stations, trade="electrician")
    session = make_session(staff=staff, course=electrician)
    make_session(staff=staff, course=make_course(staff=staff, job_types=job_types, stations=stations, trade="mover"))
    for _ in range(3):
        post_job(employer=employer, job_type=job_types["electrician"], actor=staff, headcount=2)
    post_job(employer=employer, job_type=job_types["electrician"], actor=staff, lat="29.800000")  # 17 km away
    post_job(employer=employer, job_type=job_types["mover"], actor=staff, headcount=5)  # a trade the worker has
    suggestion = training_suggestion(worker=worker)
    assert (suggestion.course.pk, suggestion.jobs_nearby) == (electrician.pk, 6)
    # The open courses are read once for every worker (kept in the process); only the worker's own trades are read.
    with CaptureQueriesContext(connection) as captured:
        again = training_suggestion(worker=register_worker(trades=("cook",), phone="13912345678", **HOME))
    assert again.course.pk == electrician.pk
    assert not any("training_" in query["sql"] for query in captured)
    session_cancel(session=session, actor=staff)  # no session to come: nothing to suggest, at once
    assert training_suggestion(worker=worker) is None
    # Whether a session is still to come is decided at each ask: once the last one has started, none is offered.
    other = make_session(staff=staff, course=electrician)
    assert training_suggestion(worker=worker).course.pk == electrician.pk
    with time_machine.travel(other.starts_at + timedelta(minutes=1)):
        assert training_suggestion(worker=worker) is None
