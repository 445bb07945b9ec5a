"""Skills training at the window: courses and sessions, booking for a walk-in, the waiting list,
attendance and the certificate."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lingong.core.errors import ApplicationError, NotFound
from lingong.core.forms import form_error_show
from lingong.core.models import Channel
from lingong.training.models import TrainingBooking
from lingong.training.selectors import access_session, session_roster, staff_courses, staff_may, staff_sessions
from lingong.training.services import (
    attendance_record,
    booking_cancel,
    booking_create,
    certificate_issue,
    course_create,
    session_cancel,
    session_change,
    session_create,
)
from lingong.workers.selectors import worker_find_by_id_number, worker_find_by_phone

from .. import forms
from .common import console_context, console_station, console_view, int_or_none


def _aware(day, at) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


@console_view
def training(request):
    """The station's courses and sessions; forms to add a course or a session."""
    station = console_station(request)
    courses = list(staff_courses(user=request.user))
    own = [c for c in courses if station is not None and c.station_id == station.pk and c.is_active]
    course_form = forms.TrainingCourseForm(request.POST if request.POST.get("form") == "course" else None)
    session_form = forms.TrainingSessionForm(
        request.POST if request.POST.get("form") == "session" else None, courses=own
    )
    status = 200
    if request.method == "POST":
        status = 400
        if station is None:
            raise NotFound()
        try:
            if request.POST.get("form") == "course" and course_form.is_valid():
                data = course_form.cleaned_data
                course_create(
                    actor=request.user,
                    station=station,
                    subsidy_fen=data.pop("subsidy_yuan"),
                    **data,
                )
                messages.success(request, _("The course is added. Now plan its sessions."))
                return redirect("console:training")
            if request.POST.get("form") == "session" and session_form.is_valid():
                data = session_form.cleaned_data
                course = next(c for c in own if c.pk == data["course"])
                session_create(
                    actor=request.user,
                    course=course,
                    starts_at=_aware(data["day"], data["start"]),
                    ends_at=_aware(data["day"], data["end"]),
                    capacity=data["capacity"],
                    place=data["place"],
                    station=station,
                )
                messages.success(request, _("The session is planned. Workers can book it at every door."))
                return redirect("console:training")
        except ApplicationError as error:
            status = form_error_show(course_form if request.POST.get("form") == "course" else session_form, error)
    context = console_context(
        request,
        courses=courses,
        sessions=staff_sessions(user=request.user),
        course_form=course_form,
        session_form=session_form,
        may_change=station is not None and staff_may(request.user, "training.change", station_id=station.pk),
    )
    return render(request, "console/training.html", context, status=status)


@console_view
def training_session(request, pk: int):
    """One session: the seats, the waiting list in order, book a walk-in, change or cancel, attendance."""
    session_id = int_or_none(pk)
    if session_id is None:
        raise NotFound()
    session = access_session(user=request.user, session_id=session_id)
    book_form = forms.TrainingBookForm(request.POST if request.POST.get("form") == "book" else None)
    capacity_form = forms.TrainingCapacityForm(
        request.POST if request.POST.get("form") == "capacity" else None, initial={"capacity": session.capacity}
    )
    status = 200
    if request.method == "POST":
        status = 400
        form = book_form if request.POST.get("form") == "book" else capacity_form
        try:
            if request.POST.get("form") == "book" and book_form.is_valid():
                who = book_form.cleaned_data["who"].strip()
                worker = worker_find_by_id_number(id_number=who) or worker_find_by_phone(phone=who)
                if worker is None:
                    raise NotFound(_("No registered worker has this phone or ID number."))
                booking = booking_create(
                    session=session, worker=worker, actor=request.user, channel=Channel.WINDOW, station=session.station
                )
                messages.success(
                    request,
                    _("Booked: the worker has a seat.")
                    if booking.status == "booked"
                    else _("The session is full: the worker is on the waiting list."),
                )
                return redirect("console:training_session", pk=session.pk)
            if request.POST.get("form") == "capacity" and capacity_form.is_valid():
                session_change(session=session, actor=request.user, capacity=capacity_form.cleaned_data["capacity"])
                messages.success(request, _("The seats are changed; the waiting list moved up if seats were added."))
                return redirect("console:training_session", pk=session.pk)
        except ApplicationError as error:
            status = form_error_show(form, error)
    roster = session_roster(session=session)
    context = console_context(
        request,
        session=session,
        seated=roster["seated"],
        waiting=roster["waiting"],
        book_form=book_form,
        capacity_form=capacity_form,
        started=session.starts_at <= timezone.now(),
        may_change=staff_may(request.user, "training.change", station_id=session.station_id),
        may_attend=staff_may(request.user, "training.attend", station_id=session.station_id),
        may_book=staff_may(request.user, "training.book", station_id=session.station_id),
    )
    return render(request, "console/training_session.html", context, status=status)


@console_view
@require_POST
def training_session_cancel(request, pk: int):
    session_id = int_or_none(pk)
    if session_id is None:
        raise NotFound()
    session = access_session(user=request.user, session_id=session_id)
    try:
        session_cancel(session=session, actor=request.user)
        messages.success(request, _("The session is cancelled; every booked worker is told."))
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect("console:training_session", pk=session.pk)


@console_view
@require_POST
def training_booking(request, pk: int):
    """One booking: present, absent, certificate, or cancel (the `action` of the button pressed)."""
    booking_id = int_or_none(pk)
    if booking_id is None:
        raise NotFound()
    booking = TrainingBooking.objects.filter(pk=booking_id).only("pk", "session_id").first()
    if booking is None:
        raise NotFound()
    access_session(user=request.user, session_id=booking.session_id)
    action = request.POST.get("action")
    try:
        if action == "attended":
            attendance_record(booking=booking, actor=request.user, attended=True)
            messages.success(request, _("Marked as present."))
        elif action == "no_show":
            attendance_record(booking=booking, actor=request.user, attended=False)
            messages.success(request, _("Marked as absent."))
        elif action == "certify":
            certificate_issue(booking=booking, actor=request.user)
            messages.success(request, _("Certificate issued: the worker's trade is certified."))
        elif action == "cancel":
            booking_cancel(booking=booking, actor=request.user, channel=Channel.WINDOW)
            messages.success(request, _("The booking is cancelled; the first on the waiting list has the seat."))
        else:
            messages.error(request, _("Unknown action."))
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect("console:training_session", pk=booking.session_id)
