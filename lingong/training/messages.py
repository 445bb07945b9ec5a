"""What a worker is told about their training bookings, in their language, through the notification service.

Each message has a dedupe key per event: a service that runs twice tells nobody twice.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from lingong.notifications.models import NotificationKind
from lingong.workers.services import worker_notify

from .models import BookingStatus


def _params(*, booking, session, course=None) -> dict:
    course = course or session.course
    starts = timezone.localtime(session.starts_at)
    with override(booking.worker.language or "zh-hans"):
        return {
            "course": course.title,
            "start": f"{starts:%m-%d %H:%M}",
            "place": session.place or session.station.name,
        }


def _tell(*, booking, session, message, key: str, params: dict | None = None):
    """One message to the booked worker, in their language, once per `key`."""
    return worker_notify(
        worker=booking.worker,
        kind=NotificationKind.TRAINING,
        message=message,
        params=params or _params(booking=booking, session=session),
        dedupe_key=f"training:{key}",
        station=session.station,
    )


def booking_created_notify(*, booking, session) -> None:
    if booking.status == BookingStatus.WAITING:
        message = _(
            "Lingong training: %(course)s on %(start)s is full. You are on the waiting list; "
            "we will tell you when a seat is free."
        )
    else:
        message = _("Lingong training: you have a seat at %(course)s on %(start)s at %(place)s.")
    _tell(booking=booking, session=session, message=message, key=f"booking:{booking.pk}")


def booking_promoted_notify(*, booking, session) -> None:
    _tell(
        booking=booking,
        session=session,
        message=_("Lingong training: a seat became free. You now have a seat at %(course)s on %(start)s at %(place)s."),
        key=f"promote:{booking.pk}",
    )


def booking_cancelled_notify(*, booking, session) -> None:
    _tell(
        booking=booking,
        session=session,
        message=_("Lingong training: your booking for %(course)s on %(start)s is cancelled."),
        key=f"cancel:{booking.pk}",
    )


def session_changed_notify(*, booking, session) -> None:
    params = _params(booking=booking, session=session)
    _tell(
        booking=booking,
        session=session,
        message=_("Lingong training: %(course)s has moved. New time %(start)s, place %(place)s."),
        key=f"change:{booking.pk}:{params['start']}:{params['place']}",
        params=params,
    )


def session_cancelled_notify(*, booking, session) -> None:
    _tell(
        booking=booking,
        session=session,
        message=_("Lingong training: %(course)s on %(start)s is cancelled. Sorry: please book another session."),
        key=f"session_cancel:{booking.pk}",
    )


def reminder_notify(*, booking, session):
    return _tell(
        booking=booking,
        session=session,
        message=_("Lingong training tomorrow: %(course)s at %(start)s, %(place)s. Please come on time."),
        key=f"remind:{booking.pk}:{session.starts_at:%Y%m%d%H%M}",
    )


def certificate_notify(*, booking, course) -> None:
    with override(booking.worker.language or "zh-hans"):
        trade = course.job_type.name
    _tell(
        booking=booking,
        session=booking.session,
        message=_("Lingong: you are now certified as %(trade)s (course %(course)s). Jobs that need it can take you."),
        key=f"certificate:{booking.pk}",
        params={**_params(booking=booking, session=booking.session, course=course), "trade": trade},
    )
