"""Reads of training: what a worker may book, their own bookings, the staff's lists. (The "learn this, N jobs
nearby need it" suggestion counts open places in the matching index: `lingong.matching.selectors`.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from lingong.accounts.selectors import role_allows, role_require
from lingong.core.errors import NotFound, id_from_input
from lingong.workers.models import Worker

from .models import ACTIVE_BOOKING, BookingStatus, SessionStatus, TrainingBooking, TrainingCourse, TrainingSession
from .open_courses import courses_open_until
from .services import waiting_position


def _upcoming_sessions(now: datetime):
    return TrainingSession.objects.filter(status=SessionStatus.SCHEDULED, starts_at__gt=now)


def _courses_with_a_session_to_come(now: datetime):
    """Active courses with at least one session still to come: the rule of what a worker may book."""
    return TrainingCourse.objects.filter(is_active=True).filter(
        Exists(_upcoming_sessions(now).filter(course=OuterRef("pk")))
    )


def courses_open(*, now: datetime | None = None):
    """Active courses with at least one session still to come, soonest first (what a worker may book)."""
    now = now or timezone.now()
    return (
        _courses_with_a_session_to_come(now)
        .select_related("job_type", "station")
        .annotate(
            upcoming=Count("sessions", filter=Q(sessions__status=SessionStatus.SCHEDULED, sessions__starts_at__gt=now))
        )
        .order_by("id")
    )


def courses_to_learn(*, worker: Worker, now: datetime | None = None) -> list[TrainingCourse]:
    """Open courses (a session still to come) of trades the worker does not have yet, newest first."""
    now = now or timezone.now()
    known = set(worker.trades.values_list("job_type_id", flat=True))
    return [course for course, until in courses_open_until() if until > now and course.job_type_id not in known]


def course_open(*, course_id, now: datetime | None = None) -> TrainingCourse:
    """One bookable course (NotFound otherwise, never an error page)."""
    course = courses_open(now=now).filter(pk=id_from_input(course_id)).first()
    if course is None:
        raise NotFound()
    return course


def course_sessions(*, course: TrainingCourse, now: datetime | None = None):
    """The course's sessions still to come, soonest first."""
    return (
        _upcoming_sessions(now or timezone.now())
        .filter(course=course)
        .select_related("station")
        .order_by("starts_at", "id")
    )


def session_open(*, session_id, now: datetime | None = None) -> TrainingSession:
    session = (
        _upcoming_sessions(now or timezone.now())
        .filter(course__is_active=True, pk=id_from_input(session_id))
        .select_related("course__job_type", "station")
        .first()
    )
    if session is None:
        raise NotFound()
    return session


@dataclass
class WorkerBooking:
    booking: TrainingBooking
    session: TrainingSession
    course: TrainingCourse
    position: int | None  # place in line when waiting


def worker_bookings(*, worker: Worker, now: datetime | None = None) -> list[WorkerBooking]:
    """The worker's own active bookings of sessions still to come, soonest first."""
    now = now or timezone.now()
    bookings = (
        TrainingBooking.objects.filter(worker=worker, status__in=ACTIVE_BOOKING, session__starts_at__gt=now)
        .select_related("session__course__job_type", "session__station")
        .order_by("session__starts_at", "id")
    )
    return [WorkerBooking(b, b.session, b.session.course, waiting_position(b)) for b in bookings]


def worker_booking(*, worker: Worker, booking_id) -> TrainingBooking:
    """One of the worker's own bookings; anyone else's is simply not found."""
    booking = (
        TrainingBooking.objects.filter(worker=worker, pk=id_from_input(booking_id))
        .select_related("session__course", "worker")
        .first()
    )
    if booking is None:
        raise NotFound()
    return booking


def worker_session_bookings(*, worker: Worker, sessions) -> dict[int, TrainingBooking]:
    """The worker's active booking of each of these sessions, by session id."""
    ids = [s.pk for s in sessions]
    rows = TrainingBooking.objects.filter(worker=worker, session_id__in=ids, status__in=ACTIVE_BOOKING)
    return {b.session_id: b for b in rows}


# --- staff -----------------------------------------------------------------------


def staff_sessions(*, user, upcoming: bool = True, now: datetime | None = None):
    """Sessions for the console: station staff see their station's, the district every one."""
    role_require(user, "training.view")
    now = now or timezone.now()
    sessions = TrainingSession.objects.select_related("course__job_type", "station")
    if upcoming:
        sessions = sessions.filter(ends_at__gt=now - timedelta(days=7)).order_by("starts_at", "id")
    if user.role == "station_staff" and not user.is_superuser:
        sessions = sessions.filter(station_id=user.station_id)
    return sessions


def staff_courses(*, user):
    role_require(user, "training.view")
    courses = TrainingCourse.objects.select_related("job_type", "station").order_by("-is_active", "id")
    if user.role == "station_staff" and not user.is_superuser:
        courses = courses.filter(station_id=user.station_id)
    return courses


def access_session(*, user, session_id) -> TrainingSession:
    role_require(user, "training.view")
    session = (
        TrainingSession.objects.select_related("course__job_type", "station")
        .filter(pk=id_from_input(session_id))
        .first()
    )
    if session is None:
        raise NotFound()
    return session  # any back-office role reads; changes are for the session's station (the services check)


def session_roster(*, session: TrainingSession) -> dict:
    """The seats (booked, attended, absent) and the waiting list in order."""
    bookings = list(
        session.bookings.exclude(status=BookingStatus.CANCELLED).select_related("worker").order_by("created_at", "id")
    )
    return {
        "seated": [b for b in bookings if b.status != BookingStatus.WAITING],
        "waiting": [b for b in bookings if b.status == BookingStatus.WAITING],
    }


def staff_may(user, action: str, *, station_id: int | None) -> bool:
    return role_allows(user, action, station_id=station_id)
