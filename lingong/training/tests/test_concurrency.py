"""Racing workers for the last seats of a session: never over-booked, the rest waiting in order.
Run on SQLite and PostgreSQL (DATABASE_URL), as lingong/jobs/tests/test_concurrency.py."""

from __future__ import annotations

import pytest

from lingong.jobs.tests.test_concurrency import attempts, race
from lingong.training.models import TrainingBooking, TrainingSession
from lingong.training.services import booking_cancel, booking_create

from .factories import make_course, make_session

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.concurrency, pytest.mark.xdist_group("concurrency")]


@pytest.mark.parametrize("round_", range(3))
def test_many_workers_race_for_the_last_seats(round_, staff, job_types, stations, register_worker):
    course = make_course(staff=staff, job_types=job_types, stations=stations)
    session = make_session(staff=staff, course=course, capacity=5)
    n = attempts()
    workers = [register_worker() for _ in range(n)]
    ok, conflicts, errors = race(
        [
            lambda w=w: booking_create(
                session=TrainingSession.objects.get(pk=session.pk), worker=w, actor=w.user, channel="kiosk"
            )
            for w in workers
        ]
    )
    assert errors == []
    assert (ok, conflicts) == (n, 0)
    session.refresh_from_db()
    assert session.seats_taken == 5
    assert TrainingBooking.objects.filter(session=session, status="booked").count() == 5
    waiting = list(TrainingBooking.objects.filter(session=session, status="waiting").order_by("created_at", "id"))
    assert len(waiting) == n - 5
    # The seats freed by five cancellations at once go to the first five in line, no more.
    seated = list(TrainingBooking.objects.filter(session=session, status="booked"))
    ok, conflicts, errors = race(
        [
            lambda b=b: booking_cancel(booking=TrainingBooking.objects.get(pk=b.pk), actor=b.worker.user, channel="app")
            for b in seated
        ]
    )
    assert (ok, conflicts, errors) == (5, 0, [])
    session.refresh_from_db()
    assert session.seats_taken == 5
    now_booked = set(TrainingBooking.objects.filter(session=session, status="booked").values_list("pk", flat=True))
    assert now_booked == {b.pk for b in waiting[:5]}


@pytest.mark.parametrize("round_", range(2))
def test_one_worker_racing_for_overlapping_sessions_gets_one(round_, staff, job_types, stations, register_worker):
    course = make_course(staff=staff, job_types=job_types, stations=stations)
    n = min(attempts(), 20)
    sessions = [make_session(staff=staff, course=course, hour=8 + i % 3, capacity=3) for i in range(n)]
    worker = register_worker()
    ok, conflicts, errors = race(
        [
            lambda s=s: booking_create(
                session=TrainingSession.objects.get(pk=s.pk), worker=worker, actor=worker.user, channel="app"
            )
            for s in sessions
        ]
    )
    assert errors == []
    assert (ok, conflicts) == (1, n - 1)
    assert TrainingBooking.objects.filter(worker=worker).count() == 1
    assert sorted(
        TrainingSession.objects.filter(pk__in=[s.pk for s in sessions]).values_list("seats_taken", flat=True)
    ) == [0] * (n - 1) + [1]
