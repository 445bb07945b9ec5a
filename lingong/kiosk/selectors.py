"""Reads for the kiosk screens and for the staff console (open staff calls)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from lingong.accounts.selectors import role_require
from lingong.core.errors import NotFound
from lingong.jobs.models import ACTIVE_APPLICATION_STATUSES, Application
from lingong.matching.selectors import Match, jobs_for_worker
from lingong.stations.models import ServiceWindow, Station
from lingong.workers.models import Worker

from .models import StaffCallRequest

HOME_JOBS = 12


@dataclass
class HomeCard:
    match: Match
    application: Application | None


def kiosk_home_for_worker(*, worker: Worker, limit: int = HOME_JOBS) -> list[HomeCard]:
    """Recommended jobs with the worker's own live application on each, if any."""
    matches = jobs_for_worker(worker=worker, limit=limit, include_pending=True)
    applications = {
        a.job_id: a
        for a in Application.objects.filter(worker=worker, job_id__in=[m.job.pk for m in matches],
                                            status__in=ACTIVE_APPLICATION_STATUSES)
    }
    return [HomeCard(match=m, application=applications.get(m.job.pk)) for m in matches]


def kiosk_application_for_worker(*, worker: Worker, application_id: int) -> Application:
    application = (Application.objects.select_related("job", "job__employer", "worker")
                   .filter(pk=application_id, worker=worker).first())
    if application is None:
        raise NotFound()
    return application


def staff_call_list_open(*, user, station: Station) -> QuerySet[StaffCallRequest]:
    """Open calls of one station, oldest first, for its staff."""
    role_require(user, "worker.view")
    if user.role == "station_staff" and user.station_id != station.pk:
        from lingong.core.errors import NotAllowed

        raise NotAllowed()
    return StaffCallRequest.objects.filter(station=station, status=StaffCallRequest.Status.OPEN).select_related(
        "kiosk", "worker")


def station_help_window(*, station: Station) -> ServiceWindow | None:
    """The window a person at a kiosk is sent to: general services, else registration, else the first."""
    windows = list(station.windows.all())
    for service in (ServiceWindow.Service.GENERAL, ServiceWindow.Service.WORKER_REGISTRATION):
        for window in windows:
            if window.service == service:
                return window
    return windows[0] if windows else None
