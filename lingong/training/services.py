"""Skills training: courses and sessions (staff), bookings (workers, at every door), attendance and certificates.

Seats never overshoot: `booking_create` takes one with a single conditional UPDATE
(`seats_taken = seats_taken + 1 WHERE seats_taken < capacity`), backed by the CHECK
`training_session_not_overbooked`; a worker who finds no seat waits. Both the booking and the
cancellation lock the session row first (`select_for_update`), so a freed seat always goes to the
first in line (by the time they asked) in the same transaction, and a worker who books while the
seat is being freed is either given it or put in line, never left waiting beside an empty seat.
A worker's own bookings are serialised by locking the worker's row (after the session: always in that
order), so two overlapping sessions cannot both be taken by racing requests.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lingong.accounts.selectors import role_require
from lingong.core.errors import Conflict, InvalidInput
from lingong.core.models import Channel
from lingong.core.services import event_record, status_transition
from lingong.workers.models import Worker, WorkerTrade

from . import messages
from .models import (
    ACTIVE_BOOKING,
    BOOKING_TRANSITIONS,
    SESSION_TRANSITIONS,
    BookingStatus,
    SessionStatus,
    TeachingLanguage,
    TrainingBooking,
    TrainingCourse,
    TrainingSession,
)
from .open_courses import courses_open_until


def _acting_for(*, actor, worker: Worker) -> bool:
    """True when the worker acts for themself; staff need `training.book`. Anyone else is refused."""
    if actor is not None and getattr(actor, "is_authenticated", False) and actor.pk == worker.user_id:
        return True
    role_require(actor, "training.book")
    return False


def _kiosk_check(*, kiosk, channel: str) -> None:
    if kiosk is not None and channel != Channel.KIOSK:
        raise ValueError("a kiosk is named only on the channel 'kiosk'")


# --- courses and sessions (staff) ---------------------------------------------


@transaction.atomic
def course_create(
    *,
    actor,
    job_type,
    station,
    title_zh: str,
    title_bo: str,
    provider_zh: str,
    hours: int,
    provider_bo: str = "",
    description_zh: str = "",
    description_bo: str = "",
    place: str = "",
    subsidy_fen: int = 0,
    language: str = TeachingLanguage.BOTH,
) -> TrainingCourse:
    role_require(actor, "training.change", station_id=station.pk)
    course = TrainingCourse(
        job_type=job_type,
        station=station,
        title_zh=title_zh.strip(),
        title_bo=title_bo.strip(),
        provider_zh=provider_zh.strip(),
        provider_bo=provider_bo.strip(),
        description_zh=description_zh.strip(),
        description_bo=description_bo.strip(),
        hours=hours,
        place=place.strip(),
        subsidy_fen=subsidy_fen,
        language=language,
    )
    course.full_clean()
    course.save()
    event_record(subject=course, verb="training_course_create", actor=actor, station=station, channel=Channel.WINDOW)
    return course


@transaction.atomic
def session_create(
    *,
    actor,
    course: TrainingCourse,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    place: str = "",
    station=None,
) -> TrainingSession:
    station = station or course.station
    role_require(actor, "training.change", station_id=station.pk)
    if not course.is_active:
        raise Conflict(_("This course is no longer offered."), code="course_inactive")
    if ends_at <= starts_at:
        raise InvalidInput(_("The session must end after it starts."), code="session_times", field="ends_at")
    if starts_at <= timezone.now():
        raise InvalidInput(_("The session must start in the future."), code="session_past", field="starts_at")
    session = TrainingSession(
        course=course,
        starts_at=starts_at,
        ends_at=ends_at,
        station=station,
        place=(place or course.place).strip(),
        capacity=capacity,
    )
    session.full_clean()
    session.save()
    event_record(
        subject=session,
        verb="training_session_create",
        actor=actor,
        to_state=session.status,
        station=station,
        channel=Channel.WINDOW,
        data={"capacity": capacity},
    )
    return session


def _session_locked(session: TrainingSession) -> TrainingSession:
    return TrainingSession.objects.select_for_update().select_related("course").get(pk=session.pk)


@transaction.atomic
def session_change(
    *,
    session: TrainingSession,
    actor,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    place: str | None = None,
    capacity: int | None = None,
) -> TrainingSession:
    """Move a session or change its seats; every booked worker is told of a new time or place.

    More seats go at once to the waiting list, first in line first; fewer seats than are taken are refused.
    """
    role_require(actor, "training.change", station_id=session.station_id)
    session = _session_locked(session)
    if session.status != SessionStatus.SCHEDULED:
        raise Conflict(_("This session can no longer be changed."), code="session_closed")
    before = {"starts_at": session.starts_at, "ends_at": session.ends_at, "place": session.place}
    if starts_at is not None:
        session.starts_at = starts_at
    if ends_at is not None:
        session.ends_at = ends_at
    if place is not None:
        session.place = place.strip()
    if capacity is not None:
        if capacity < session.seats_taken:
            raise Conflict(
                _("%(taken)s seats are already taken: the session cannot have fewer.") % {"taken": session.seats_taken},
                code="capacity_below_taken",
                field="capacity",
            )
        session.capacity = capacity
    if session.ends_at <= session.starts_at:
        raise InvalidInput(_("The session must end after it starts."), code="session_times", field="ends_at")
    moved = (session.starts_at, session.ends_at, session.place) != (
        before["starts_at"],
        before["ends_at"],
        before["place"],
    )
    if moved and session.starts_at <= timezone.now():
        raise InvalidInput(_("The session must start in the future."), code="session_past", field="starts_at")
    session.full_clean()
    session.save(update_fields=["starts_at", "ends_at", "place", "capacity", "updated_at"])
    event_record(
        subject=session,
        verb="training_session_change",
        actor=actor,
        station=session.station,
        channel=Channel.WINDOW,
        data={"capacity": session.capacity, "moved": moved},
    )
    promoted = _waiting_promote(session=session, actor=actor)
    if moved:
        for booking in session.bookings.filter(status__in=ACTIVE_BOOKING).select_related("worker"):
            if booking.pk not in promoted:
                messages.session_changed_notify(booking=booking, session=session)
    return session


@transaction.atomic
def session_cancel(*, session: TrainingSession, actor) -> TrainingSession:
    """Cancel a session: every booking and place in line ends, and every worker is told."""
    role_require(actor, "training.change", station_id=session.station_id)
    session = _session_locked(session)
    status_transition(
        session,
        transitions=SESSION_TRANSITIONS,
        to=SessionStatus.CANCELLED,
        verb="training_session_cancel",
        actor=actor,
        station=session.station,
        channel=Channel.WINDOW,
    )
    for booking in session.bookings.filter(status__in=ACTIVE_BOOKING).select_related("worker"):
        status_transition(
            booking,
            transitions=BOOKING_TRANSITIONS,
            to=BookingStatus.CANCELLED,
            verb="training_booking_cancel",
            actor=actor,
            station=session.station,
            channel=Channel.SYSTEM,
            data={"reason": "session_cancelled"},
        )
        messages.session_cancelled_notify(booking=booking, session=session)
    TrainingSession.objects.filter(pk=session.pk).update(seats_taken=0)
    session.seats_taken = 0
    courses_open_until.changed()
    return session


# --- bookings ----------------------------------------------------------------


def _overlap_check(*, worker: Worker, session: TrainingSession) -> None:
    clash = TrainingBooking.objects.filter(
        worker=worker,
        status__in=ACTIVE_BOOKING,
        session__status=SessionStatus.SCHEDULED,
        session__starts_at__lt=session.ends_at,
        session__ends_at__gt=session.starts_at,
    ).exclude(session=session)
    if clash.exists():
        raise Conflict(_("You already have a training session at that time."), code="session_overlap")


@transaction.atomic
def booking_create(
    *, session: TrainingSession, worker: Worker, actor, channel: str, station=None, kiosk=None
) -> TrainingBooking:
    """Book a seat, or a place in line when the session is full (the booking's status says which)."""
    _kiosk_check(kiosk=kiosk, channel=channel)
    if channel not in Channel.values:
        raise InvalidInput(_("Unknown channel."), code="invalid_channel")
    _acting_for(actor=actor, worker=worker)
    session = _session_locked(session)
    if session.status != SessionStatus.SCHEDULED or not session.course.is_active:
        raise Conflict(_("This session is not open for booking."), code="session_closed")
    if session.starts_at <= timezone.now():
        raise Conflict(_("This session has already started."), code="session_started")
    # The worker's row serialises this worker's bookings (session first, then worker: no deadlock).
    if (
        Worker.objects.filter(pk=worker.pk, is_active=True, hidden_at__isnull=True).update(
            placement_seq=F("placement_seq")
        )
        != 1
    ):
        raise Conflict(_("This worker cannot book at the moment."), code="worker_inactive")
    if TrainingBooking.objects.filter(session=session, worker=worker).exclude(status=BookingStatus.CANCELLED).exists():
        raise Conflict(_("You have already booked this session."), code="already_booked")
    _overlap_check(worker=worker, session=session)
    taken = TrainingSession.objects.filter(
        pk=session.pk, status=SessionStatus.SCHEDULED, seats_taken__lt=F("capacity")
    ).update(seats_taken=F("seats_taken") + 1, updated_at=timezone.now())
    booking = TrainingBooking(
        session=session,
        worker=worker,
        status=BookingStatus.BOOKED if taken == 1 else BookingStatus.WAITING,
        channel=channel,
        station=station,
        kiosk=kiosk,
    )
    booking.full_clean(exclude=["session", "worker", "station", "kiosk"])
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError:
        raise Conflict(_("You have already booked this session."), code="already_booked") from None
    event_record(
        subject=booking,
        verb="training_booking_create",
        actor=actor,
        to_state=booking.status,
        station=station or session.station,
        channel=channel,
        data={"session": session.pk, "worker": worker.pk},
    )
    messages.booking_created_notify(booking=booking, session=session)
    return booking


def waiting_position(booking: TrainingBooking) -> int | None:
    """1 for the first in line; None when the booking is not waiting."""
    if booking.status != BookingStatus.WAITING:
        return None
    ahead = (
        TrainingBooking.objects.filter(session_id=booking.session_id, status=BookingStatus.WAITING)
        .filter(created_at__lt=booking.created_at)
        .count()
        + TrainingBooking.objects.filter(
            session_id=booking.session_id,
            status=BookingStatus.WAITING,
            created_at=booking.created_at,
            pk__lt=booking.pk,
        ).count()
    )
    return ahead + 1


def _waiting_promote(*, session: TrainingSession, actor) -> set[int]:
    """Give the free seats to the first in line (the session row is locked by the caller)."""
    promoted: set[int] = set()
    while True:
        free = session.capacity - session.seats_taken
        if free <= 0:
            return promoted
        first = (
            TrainingBooking.objects.select_for_update()
            .filter(session=session, status=BookingStatus.WAITING)
            .order_by("created_at", "id")
            .select_related("worker")
            .first()
        )
        if first is None:
            return promoted
        taken = TrainingSession.objects.filter(pk=session.pk, seats_taken__lt=F("capacity")).update(
            seats_taken=F("seats_taken") + 1, updated_at=timezone.now()
        )
        if taken != 1:  # pragma: no cover - the session row is locked
            return promoted
        session.seats_taken += 1
        status_transition(
            first,
            transitions=BOOKING_TRANSITIONS,
            to=BookingStatus.BOOKED,
            verb="training_booking_promote",
            actor=None,
            station=session.station,
            channel=Channel.SYSTEM,
            data={"after": getattr(actor, "pk", None)},
        )
        messages.booking_promoted_notify(booking=first, session=session)
        promoted.add(first.pk)


@transaction.atomic
def booking_cancel(*, booking: TrainingBooking, actor, channel: str) -> TrainingBooking:
    """The worker (or staff for them) gives the seat or the place in line back; the first in line takes the seat."""
    booking = TrainingBooking.objects.select_related("worker", "session").get(pk=booking.pk)
    _acting_for(actor=actor, worker=booking.worker)
    session = _session_locked(booking.session)
    booking.refresh_from_db()
    if booking.status not in ACTIVE_BOOKING:
        raise Conflict(_("This booking is no longer active."), code="booking_not_active")
    if session.starts_at <= timezone.now():
        raise Conflict(_("This session has already started."), code="session_started")
    held_seat = booking.status == BookingStatus.BOOKED
    status_transition(
        booking,
        transitions=BOOKING_TRANSITIONS,
        to=BookingStatus.CANCELLED,
        verb="training_booking_cancel",
        actor=actor,
        station=session.station,
        channel=channel,
    )
    if held_seat:
        TrainingSession.objects.filter(pk=session.pk, seats_taken__gt=0).update(
            seats_taken=F("seats_taken") - 1, updated_at=timezone.now()
        )
        session.seats_taken -= 1
        _waiting_promote(session=session, actor=actor)
    messages.booking_cancelled_notify(booking=booking, session=session)
    return booking


# --- attendance and certificates (staff) ------------------------------------


@transaction.atomic
def attendance_record(*, booking: TrainingBooking, actor, attended: bool) -> TrainingBooking:
    """Staff mark a booked worker as present or absent, once the session has started."""
    booking = TrainingBooking.objects.select_related("session").get(pk=booking.pk)
    role_require(actor, "training.attend", station_id=booking.session.station_id)
    if booking.session.status == SessionStatus.CANCELLED:
        raise Conflict(_("This session was cancelled."), code="session_cancelled")
    if booking.session.starts_at > timezone.now():
        raise Conflict(_("Attendance is recorded once the session has started."), code="session_not_started")
    if booking.certified_at is not None:
        raise Conflict(_("The certificate is already issued."), code="already_certified")
    to = BookingStatus.ATTENDED if attended else BookingStatus.NO_SHOW
    if booking.status == to:
        return booking
    status_transition(
        booking,
        transitions=BOOKING_TRANSITIONS,
        to=to,
        verb="training_attend" if attended else "training_no_show",
        actor=actor,
        station=booking.session.station,
        channel=Channel.WINDOW,
    )
    return booking


@transaction.atomic
def certificate_issue(*, booking: TrainingBooking, actor) -> WorkerTrade:
    """The worker attended: their trade (the course's) is certified, which matching ranks higher and some jobs require."""
    booking = TrainingBooking.objects.select_related("session__course", "worker").get(pk=booking.pk)
    session, course, worker = booking.session, booking.session.course, booking.worker
    role_require(actor, "training.attend", station_id=session.station_id)
    if booking.status != BookingStatus.ATTENDED:
        raise Conflict(_("A certificate is issued only to a worker who attended."), code="not_attended")
    now = timezone.now()
    if TrainingBooking.objects.filter(pk=booking.pk, certified_at__isnull=True).update(certified_at=now) != 1:
        raise Conflict(_("The certificate is already issued."), code="already_certified")
    trade, created = WorkerTrade.objects.get_or_create(
        worker=worker, job_type_id=course.job_type_id, defaults={"level": 1}
    )
    trade.certified = True
    trade.certified_at = now
    trade.certified_course_id = course.pk
    trade.full_clean()
    trade.save(update_fields=["certified", "certified_at", "certified_course_id"])
    Worker.objects.filter(pk=worker.pk).update(updated_at=now)  # the match index reloads the worker's trades
    event_record(
        subject=worker,
        verb="training_certify",
        actor=actor,
        station=session.station,
        channel=Channel.WINDOW,
        data={"course": course.pk, "booking": booking.pk, "job_type": course.job_type_id, "trade_added": created},
    )
    messages.certificate_notify(booking=booking, course=course)
    return trade


# --- reminders (task) ---------------------------------------------------------


def training_remind(*, now: datetime) -> int:
    """Tell every booked worker of tomorrow's sessions (Asia/Shanghai); once per booking (dedupe key)."""
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    bookings = TrainingBooking.objects.filter(
        status=BookingStatus.BOOKED,
        session__status=SessionStatus.SCHEDULED,
        session__starts_at__date=tomorrow,
    ).select_related("worker", "session__course")
    sent = 0
    for booking in bookings:
        with transaction.atomic():
            if messages.reminder_notify(booking=booking, session=booking.session) is not None:
                sent += 1
    return sent
