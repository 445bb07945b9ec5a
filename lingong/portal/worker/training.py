"""Skills training at the worker door: courses and their sessions, book, my bookings, cancel."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lingong.core.errors import ApplicationError
from lingong.core.models import Channel
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

from ..access import worker_door


@require_GET
@worker_door
def training(request, worker):
    return render(
        request,
        "portal/worker/training.html",
        {"courses": courses_open(), "bookings": worker_bookings(worker=worker)},
    )


@require_GET
@worker_door
def training_course(request, worker, course_id: int):
    course = course_open(course_id=course_id)
    sessions = list(course_sessions(course=course))
    booked = worker_session_bookings(worker=worker, sessions=sessions)
    return render(
        request,
        "portal/worker/training_course.html",
        {"course": course, "rows": [{"session": s, "booking": booked.get(s.pk)} for s in sessions]},
    )


@require_POST
@worker_door
def training_book(request, worker, session_id: int):
    session = session_open(session_id=session_id)
    try:
        booking = booking_create(session=session, worker=worker, actor=request.user, channel=Channel.WEB)
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect(f"/w/training/{session.course_id}/")
    if booking.status == BookingStatus.BOOKED:
        messages.success(request, _("You have a seat. We will send you an SMS the day before."))
    else:
        messages.success(
            request,
            _("The session is full: you are on the waiting list. We will send you an SMS when a seat is free."),
        )
    return redirect("/w/training/")


@require_POST
@worker_door
def training_cancel(request, worker, booking_id: int):
    booking = worker_booking(worker=worker, booking_id=booking_id)
    try:
        booking_cancel(booking=booking, actor=request.user, channel=Channel.WEB)
        messages.success(request, _("Your booking is cancelled."))
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect("/w/training/")
