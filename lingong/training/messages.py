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


def booking_created_notify(*, booking, session) -> None:
    if booking.status == BookingStatus.WAITING:
        message = _(
            "Lingong training: %(course)s on %(start)s is full. You are on the waiting list; "
            "we will tell you when a seat is free."
        )
    else:
        message = _("Lingong training: you have a seat at %(course)s on %(start)s at %(place)s.")
    worker_notify(
        worker=booking.worker,
        kind=NotificationKind.TRAINING,
        message=message,
        params=_params(booking=booking, session=session),
        dedupe_key=f"training:booking:{booking.pk}",
        station=session.station,
    )


def booking_promoted_notify(*, booking, session) -> None:
    worker_notify(
        worker=booking.worker,
        kind=NotificationKind.TRAINING,
        message=_("Lingong training: a seat became free. You now have a seat at %(course)s on %(start)s at %(place)s."),
        params=_params(booking=booking, session=session),
        dedupe_key=f"training:promote:{booking.pk}",
        station=session.station,
    )


def booking_cancelled_notify(*, booking, session) -> None:
    worker_notify(
        worker=booking.worker,
        kind=NotificationKind.TRAINING,
        message=_("Lingong training: your booking for %(course)s on %(start)s is cancelled."),
        params=_params(booking=booking, session=session),
        dedupe_key=f"training:cancel:{booking.pk}",
        station=session.station,
    )


def session_changed_notify(*, booking, session) -> None:
    params = _params(booking=booking, session=session)
    worker_notify(
        worker=booking.worker,
        kind=NotificationKind.TRAINING,
        message=_("Lingong training: %(course)s has moved. New time %(start)s, place %(place)s."),
        params=params,
        dedupe_key=f"training:change:{booking.pk}:{params['start']}:{params['place']}",
        station=session.station,
    )


def session_cancelled_notify(*, booking, session) -> None:
    worker_notify(
        worker=booking.worker,
        kind=NotificationKind.TRAINING,
        message=_("Lingong training: %(course)s on %(start)s is cancelled. Sorry: please book another session."),
        params=_params(booking=booking, session=session),
        dedupe_key=f"training:session_cancel:{booking.pk}",
        station=session.station,
    )


def reminder_notify(*, booking, session):
    return worker_notify(
        worker=booking.worker,
        kind=NotificationKind.TRAINING,
        message=_("Lingong training tomorrow: %(course)s at %(start)s, %(place)s. Please come on time."),
        params=_params(booking=booking, session=session),
        dedupe_key=f"training:remind:{booking.pk}:{session.starts_at:%Y%m%d%H%M}",
        station=session.station,
    )


def certificate_notify(*, booking, course) -> None:
    with override(booking.worker.language or "zh-hans"):
        trade = course.job_type.name
    worker_notify(
        worker=booking.worker,
        kind=NotificationKind.TRAINING,
        message=_("Lingong: you are now certified as %(trade)s (course %(course)s). Jobs that need it can take you."),
        params={**_params(booking=booking, session=booking.session, course=course), "trade": trade},
        dedupe_key=f"training:certificate:{booking.pk}",
        station=booking.session.station,
    )
