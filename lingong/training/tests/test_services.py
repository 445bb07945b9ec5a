"""Bookings, the waiting list, changes, attendance and certificates, on the real database."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from lingong.core.errors import Conflict, InvalidInput, NotAllowed
from lingong.core.models import Event
from lingong.notifications.models import Notification
from lingong.training.models import BookingStatus, SessionStatus, TrainingBooking, TrainingSession
from lingong.training.services import (
    attendance_record,
    booking_cancel,
    booking_create,
    certificate_issue,
    session_cancel,
    session_change,
    training_remind,
    waiting_position,
)
from lingong.workers.models import WorkerTrade

from .factories import make_course, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(staff, job_types, stations):
    return make_course(staff=staff, job_types=job_types, stations=stations)


def book(session, worker, channel="web"):
    return booking_create(session=session, worker=worker, actor=worker.user, channel=channel)


def test_seats_then_waiting_list_in_order(staff, course, register_worker):
    session = make_session(staff=staff, course=course, capacity=2)
    workers = [register_worker() for _ in range(4)]
    bookings = [book(session, w) for w in workers]
    assert [b.status for b in bookings] == ["booked", "booked", "waiting", "waiting"]
    assert [waiting_position(b) for b in bookings] == [None, None, 1, 2]
    session.refresh_from_db()
    assert (session.seats_taken, session.capacity) == (2, 2)
    texts = list(Notification.objects.filter(kind="training").order_by("id").values_list("body", flat=True))
    assert len(texts) == 4
    assert "候补" in texts[2] or "waiting" in texts[2].lower()


def test_cancel_gives_the_seat_to_the_first_in_line(staff, course, register_worker):
    session = make_session(staff=staff, course=course, capacity=1)
    first, second, third = (register_worker() for _ in range(3))
    seat = book(session, first)
    waiting2 = book(session, second)
    waiting3 = book(session, third)
    booking_cancel(booking=seat, actor=first.user, channel="web")
    waiting2.refresh_from_db()
    waiting3.refresh_from_db()
    assert (waiting2.status, waiting3.status) == ("booked", "waiting")
    assert waiting_position(waiting3) == 1
    session.refresh_from_db()
    assert session.seats_taken == 1
    assert Event.objects.filter(verb="training_booking_promote", subject_id=str(waiting2.pk)).count() == 1
    assert Notification.objects.filter(kind="training", dedupe_key=f"training:promote:{waiting2.pk}").count() == 1


def test_cancel_without_anyone_waiting_frees_the_seat(staff, course, register_worker):
    session = make_session(staff=staff, course=course, capacity=3)
    worker = register_worker()
    booking = book(session, worker)
    booking_cancel(booking=booking, actor=worker.user, channel="web")
    session.refresh_from_db()
    booking.refresh_from_db()
    assert (session.seats_taken, booking.status) == (0, "cancelled")
    again = book(session, worker)  # a cancelled booking does not stop a new one
    assert again.status == "booked"


def test_same_session_twice_is_refused_and_changes_nothing(staff, course, register_worker):
    session = make_session(staff=staff, course=course, capacity=3)
    worker = register_worker()
    book(session, worker)
    with pytest.raises(Conflict) as refused:
        book(session, worker)
    assert refused.value.code == "already_booked"
    session.refresh_from_db()
    assert session.seats_taken == 1
    assert TrainingBooking.objects.filter(worker=worker).count() == 1


def test_overlapping_sessions_are_refused(staff, course, register_worker, job_types, stations):
    other = make_course(staff=staff, job_types=job_types, stations=stations, trade="plumber", title_zh="水工")
    morning = make_session(staff=staff, course=course, hour=9, hours=4)
    noon = make_session(staff=staff, course=other, hour=12, hours=3)
    afternoon = make_session(staff=staff, course=other, hour=14, hours=3)
    worker = register_worker()
    book(morning, worker)
    with pytest.raises(Conflict) as refused:
        book(noon, worker)
    assert refused.value.code == "session_overlap"
    noon.refresh_from_db()
    assert noon.seats_taken == 0
    assert book(afternoon, worker).status == "booked"


def test_someone_else_cannot_book_for_a_worker(staff, course, register_worker, make_user):
    session = make_session(staff=staff, course=course)
    worker, other = register_worker(), register_worker()
    with pytest.raises(NotAllowed):
        booking_create(session=session, worker=worker, actor=other.user, channel="web")
    clerk_booking = booking_create(session=session, worker=worker, actor=staff, channel="window")
    assert clerk_booking.status == "booked"
    assert TrainingBooking.objects.filter(session=session).count() == 1


def test_started_session_cannot_be_booked_or_cancelled(staff, course, register_worker, now):
    session = make_session(staff=staff, course=course, days=1)
    worker = register_worker()
    booking = book(session, worker)
    with time_machine.travel(session.starts_at + timedelta(minutes=1)):
        with pytest.raises(Conflict):
            book(session, register_worker())
        with pytest.raises(Conflict):
            booking_cancel(booking=booking, actor=worker.user, channel="web")
    booking.refresh_from_db()
    assert booking.status == "booked"


def test_more_seats_promote_the_waiting_list(staff, course, register_worker):
    session = make_session(staff=staff, course=course, capacity=1)
    workers = [register_worker() for _ in range(3)]
    bookings = [book(session, w) for w in workers]
    session_change(session=session, actor=staff, capacity=2)
    statuses = [TrainingBooking.objects.get(pk=b.pk).status for b in bookings]
    assert statuses == ["booked", "booked", "waiting"]
    with pytest.raises(Conflict) as refused:
        session_change(session=session, actor=staff, capacity=1)
    assert refused.value.code == "capacity_below_taken"
    session.refresh_from_db()
    assert (session.capacity, session.seats_taken) == (2, 2)


def test_moving_a_session_tells_every_booked_worker(staff, course, register_worker):
    session = make_session(staff=staff, course=course, capacity=1)
    a, b = register_worker(), register_worker()
    book(session, a)
    book(session, b)
    session_change(
        session=session,
        actor=staff,
        starts_at=session.starts_at + timedelta(days=1),
        ends_at=session.ends_at + timedelta(days=1),
    )
    assert Notification.objects.filter(dedupe_key__startswith="training:change:").count() == 2


def test_cancelling_a_session_cancels_every_booking(staff, course, register_worker):
    session = make_session(staff=staff, course=course, capacity=1)
    a, b = register_worker(), register_worker()
    book(session, a)
    book(session, b)
    session_cancel(session=session, actor=staff)
    session.refresh_from_db()
    assert (session.status, session.seats_taken) == (SessionStatus.CANCELLED, 0)
    assert set(TrainingBooking.objects.filter(session=session).values_list("status", flat=True)) == {"cancelled"}
    assert Notification.objects.filter(dedupe_key__startswith="training:session_cancel:").count() == 2


def test_other_station_staff_cannot_change_a_session(staff, other_staff, course):
    session = make_session(staff=staff, course=course, capacity=3)
    with pytest.raises(NotAllowed):
        session_change(session=session, actor=other_staff, capacity=5)
    session.refresh_from_db()
    assert session.capacity == 3


def test_reminder_once_for_tomorrows_sessions(staff, course, register_worker, now):
    tomorrow = make_session(staff=staff, course=course, days=1)
    later = make_session(staff=staff, course=course, days=3)
    a, b = register_worker(), register_worker()
    book(tomorrow, a)
    book(later, b)
    assert training_remind(now=timezone.now()) == 1
    training_remind(now=timezone.now())
    assert Notification.objects.filter(dedupe_key__startswith="training:remind:").count() == 1


def test_attendance_then_certificate_certifies_the_trade(staff, course, register_worker):
    session = make_session(staff=staff, course=course, days=1)
    worker = register_worker(trades=("mover",))
    booking = book(session, worker)
    with pytest.raises(Conflict) as early:
        attendance_record(booking=booking, actor=staff, attended=True)
    assert early.value.code == "session_not_started"
    with time_machine.travel(session.ends_at + timedelta(minutes=5)):
        with pytest.raises(Conflict) as not_yet:
            certificate_issue(booking=booking, actor=staff)
        assert not_yet.value.code == "not_attended"
        attendance_record(booking=booking, actor=staff, attended=True)
        trade = certificate_issue(booking=booking, actor=staff)
        with pytest.raises(Conflict) as twice:
            certificate_issue(booking=booking, actor=staff)
        assert twice.value.code == "already_certified"
    trade.refresh_from_db()
    assert (trade.job_type_id, trade.certified, trade.certified_course_id, trade.level) == (
        course.job_type_id,
        True,
        course.pk,
        1,
    )
    assert trade.certified_at is not None
    assert WorkerTrade.objects.filter(worker=worker).count() == 2
    assert Event.objects.filter(verb="training_certify", subject_id=str(worker.pk)).count() == 1
    booking.refresh_from_db()
    assert booking.status == BookingStatus.ATTENDED


def test_no_show_gets_no_certificate(staff, course, register_worker):
    session = make_session(staff=staff, course=course, days=1)
    worker = register_worker()
    booking = book(session, worker)
    with time_machine.travel(session.ends_at + timedelta(minutes=5)):
        attendance_record(booking=booking, actor=staff, attended=False)
        with pytest.raises(Conflict):
            certificate_issue(booking=booking, actor=staff)
    assert not WorkerTrade.objects.filter(worker=worker, certified=True).exists()


def test_session_must_end_after_start(staff, course):
    start = timezone.now() + timedelta(days=2)
    with pytest.raises(InvalidInput):
        make_session(staff=staff, course=course, hours=0)
    assert TrainingSession.objects.filter(course=course).count() == 0
    assert start
