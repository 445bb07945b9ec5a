"""Skills training at the kiosk: courses with their next sessions, book in one press, cancel.

Two presses from home: the Training button, then Book on a session (or the suggestion card, then Book).
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lingong.core.errors import ApplicationError, NotFound
from lingong.training.models import BookingStatus
from lingong.training.selectors import (
    course_open,
    course_sessions,
    courses_open,
    session_open,
    worker_booking,
    worker_bookings,
    worker_session_bookings,
)
from lingong.training.services import booking_cancel, booking_create

from .common import render_kiosk, worker_required


def _course_cards(*, worker, courses, per_course: int):
    cards = []
    for course in courses:
        sessions = list(course_sessions(course=course)[:per_course])
        cards.append({"course": course, "sessions": sessions})
    booked = worker_session_bookings(worker=worker, sessions=[s for c in cards for s in c["sessions"]])
    for card in cards:
        card["rows"] = [{"session": s, "booking": booked.get(s.pk)} for s in card["sessions"]]
    return cards


@require_GET
@worker_required
def training(request):
    return render_kiosk(
        request,
        "kiosk/training.html",
        {
            "worker": request.worker,
            "cards": _course_cards(worker=request.worker, courses=courses_open(), per_course=2),
            "bookings": worker_bookings(worker=request.worker),
            "notice": request.session.pop("kiosk_notice", None),
            "error": request.session.pop("kiosk_error", None),
        },
        prompt="training",
    )


@require_GET
@worker_required
def training_course(request, course_id: int):
    try:
        course = course_open(course_id=course_id)
    except NotFound:
        return redirect("kiosk:training")
    return render_kiosk(
        request,
        "kiosk/training_course.html",
        {
            "worker": request.worker,
            "card": _course_cards(worker=request.worker, courses=[course], per_course=6)[0],
            "bookings": worker_bookings(worker=request.worker),
            "notice": request.session.pop("kiosk_notice", None),
            "error": request.session.pop("kiosk_error", None),
        },
        prompt="training",
    )


def _back(request):
    course_id = request.POST.get("course", "")
    if course_id.isdigit():
        return redirect("kiosk:training_course", course_id=int(course_id))
    return redirect("kiosk:training")


@require_POST
@worker_required
def training_book(request, session_id: int):
    try:
        booking = booking_create(
            session=session_open(session_id=session_id),
            worker=request.worker,
            actor=request.user,
            channel="kiosk",
            station=request.kiosk.station,
            kiosk=request.kiosk,
        )
        request.session["kiosk_notice"] = (
            _("You have a seat. We will send you an SMS the day before.")
            if booking.status == BookingStatus.BOOKED
            else _("The session is full: you are on the waiting list. We will send you an SMS when a seat is free.")
        )
    except ApplicationError as error:
        request.session["kiosk_error"] = str(error.message)
    return _back(request)


@require_POST
@worker_required
def training_cancel(request, booking_id: int):
    try:
        booking = worker_booking(worker=request.worker, booking_id=booking_id)
        booking_cancel(booking=booking, actor=request.user, channel="kiosk")
        request.session["kiosk_notice"] = _("Your booking is cancelled.")
    except ApplicationError as error:
        request.session["kiosk_error"] = str(error.message)
    return _back(request)
