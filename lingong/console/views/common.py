"""What every console screen shares: the door (staff only), the station worked for, the page context."""

from __future__ import annotations

from django.contrib import messages
from django.urls import reverse

from lingong.accounts.doors import staff_door
from lingong.accounts.models import Role
from lingong.accounts.selectors import role_allows
from lingong.calls.selectors import call_station_for
from lingong.core.errors import ApplicationError, NotAllowed, NotFound
from lingong.core.models import Channel
from lingong.jobs.models import ApplicationOrigin
from lingong.jobs.services import application_create
from lingong.stations.selectors import stations_active

SESSION_STATION = "console_station"


# Signed-in back-office roles only; anyone else gets the refusal page (403).
console_view = staff_door("worker.view")


def console_station(request):
    """Station staff work for their own station; others pick one (or see all)."""
    picked = None
    station_id = request.session.get(SESSION_STATION)
    if station_id:
        picked = stations_active.by_pk(station_id)
    return call_station_for(user=request.user, station=picked)


def int_or_none(value) -> int | None:
    """An id from a form; anything else (a word, a number too long for the database) is None."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) <= 12 else None


def console_context(request, **extra):
    station = console_station(request)
    return {
        "station": station,
        "stations": stations_active() if request.user.role != Role.STATION_STAFF else (),
        "can_register": role_allows(request.user, "worker.register"),
        "read_only": not role_allows(request.user, "worker.register"),
        **extra,
    }


def propose(request, *, job, worker, done: str) -> None:
    """Staff propose a worker for a job; a refusal is said on the page (403/404 stay pages)."""
    try:
        application_create(
            job=job,
            worker=worker,
            origin=ApplicationOrigin.STAFF,
            channel=Channel.WINDOW,
            actor=request.user,
            station=console_station(request) or job.station,
        )
    except ApplicationError as error:
        if isinstance(error, (NotAllowed, NotFound)):
            raise
        messages.error(request, str(error.message))
    else:
        messages.success(request, done)


def staff_home_url(user) -> str:
    """Where a back-office role starts its day: rights officers at their cases, everyone else at the console."""
    if user.role == Role.RIGHTS_OFFICER and not user.is_superuser:
        return reverse("rights:cases")
    return reverse("console:day")
