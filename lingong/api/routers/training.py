"""Skills training for the worker's app: courses and their sessions, the worker's bookings, book and cancel."""

from datetime import datetime

from ninja import Path, Router, Schema
from ninja.pagination import paginate
from pydantic import Field, StrictInt

from lingong.training.selectors import (
    course_open,
    course_sessions,
    courses_open,
    session_open,
    worker_booking,
    worker_bookings,
)
from lingong.training.services import booking_cancel, booking_create, waiting_position

from ..auth import worker_auth
from ..idempotency import idempotent
from ..pagination import Pagination
from ..schemas import ID_MAX, ErrorOut, StrictIn

router = Router(tags=["training"], auth=worker_auth)
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
APP = "app"


class TrainingSessionOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    place: str
    station: str
    capacity: int
    seats_left: int

    @staticmethod
    def resolve_station(session) -> str:
        return session.station.code


class TrainingCourseOut(Schema):
    id: int
    trade: str
    title_zh: str
    title_bo: str
    description_zh: str
    description_bo: str
    provider_zh: str
    provider_bo: str
    hours: int
    place: str
    subsidy_fen: int
    language: str = Field(description="Language of teaching: zh, bo or zh_bo.")

    @staticmethod
    def resolve_trade(course) -> str:
        return course.job_type.slug


class TrainingCourseDetailOut(TrainingCourseOut):
    sessions: list[TrainingSessionOut]

    @staticmethod
    def resolve_sessions(course) -> list:
        return course.sessions_upcoming


class TrainingBookingOut(Schema):
    id: int
    status: str = Field(description="booked, waiting (on the waiting list), cancelled, attended or no_show.")
    waiting_position: int | None = Field(description="1 for the first in line when waiting, else null.")
    channel: str
    created_at: datetime
    course_id: int
    session: TrainingSessionOut

    @staticmethod
    def resolve_waiting_position(booking) -> int | None:
        return waiting_position(booking)

    @staticmethod
    def resolve_course_id(booking) -> int:
        return booking.session.course_id


class TrainingBookIn(StrictIn):
    session_id: StrictInt = Field(ge=1, le=ID_MAX)


@router.get("/courses", response={200: list[TrainingCourseOut], **ERRORS})
@paginate(Pagination)
def courses(request):
    """Courses with a session still to come."""
    return courses_open()


@router.get("/courses/{course_id}", response={200: TrainingCourseDetailOut, **ERRORS})
def course(request, course_id: int = Path(..., ge=1, le=ID_MAX)):
    found = course_open(course_id=course_id)
    found.sessions_upcoming = list(course_sessions(course=found))
    return found


@router.get("/bookings", response={200: list[TrainingBookingOut], **ERRORS})
def bookings(request):
    """The worker's bookings of sessions still to come (a seat, or a place in line)."""
    return [row.booking for row in worker_bookings(worker=request.worker)]


@router.post("/bookings", response={201: TrainingBookingOut, **ERRORS})
@idempotent
def book(request, payload: TrainingBookIn):
    """Book a seat; when the session is full the booking waits in line (status `waiting`)."""
    booking = booking_create(
        session=session_open(session_id=payload.session_id), worker=request.worker, actor=request.auth, channel=APP
    )
    return 201, TrainingBookingOut.from_orm(booking)


@router.post("/bookings/{booking_id}/cancel", response={200: TrainingBookingOut, **ERRORS})
@idempotent
def cancel(request, booking_id: int = Path(..., ge=1, le=ID_MAX)):
    """Give the seat (or the place in line) back; the first in line takes a freed seat."""
    booking = booking_cancel(
        booking=worker_booking(worker=request.worker, booking_id=booking_id), actor=request.auth, channel=APP
    )
    booking.refresh_from_db()
    return TrainingBookingOut.from_orm(booking)
