"""Reads for the kiosk screens and for the staff console (open staff calls)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet

from lingong.accounts.models import Role
from lingong.accounts.selectors import role_require
from lingong.core.errors import NotFound
from lingong.jobs.models import Application
from lingong.jobs.selectors import application_list_open_for_worker
from lingong.matching.learning import jobs_shown_to_worker
from lingong.matching.models import ExposureSurface
from lingong.matching.selectors import Match
from lingong.stations.models import Kiosk, ServiceWindow, Station
from lingong.stations.selectors import service_windows
from lingong.workers.models import Worker

from .models import StaffCallRequest, StaffCallStatus

HOME_JOBS = 12
# Live applications listed on the home, what waits for the worker first; the rest are counted, not listed: a
# worker who applied for thirty jobs would otherwise scroll past thirty "waiting" cards to reach the jobs.
HOME_PROPOSALS = 5

# The columns the home's job cards show and speak (kiosk/home.html, voice.job_card_facts): a card's job is
# four tables joined, and reading all 87 of their columns cost more than the rest of the query.
HOME_CARD_JOB_COLUMNS = (
    "pay_fen",
    "pay_unit",
    "start_date",
    "start_time",
    "end_time",
    "address",
    "source",
    "job_type__slug",
    "job_type__name_zh",
    "job_type__name_bo",
    "job_type__icon",
    "employer__user_id",
    "station__code",
)
# The same for the listed applications (kiosk/proposals.html, interview.html).
HOME_PROPOSAL_COLUMNS = (
    "job_id",
    "worker_id",  # the worker's related manager sets each application's worker from it
    "origin",
    "status",
    "interview_at",
    "interview_place",
    *(f"job__{column}" for column in HOME_CARD_JOB_COLUMNS if not column.startswith("station__")),
    "job__employer__name",
    "job__employer__contact_name",
)


@dataclass
class HomeCard:
    match: Match
    application: Application | None


@dataclass
class KioskHome:
    cards: list[HomeCard]
    proposals: list[Application]  # up to HOME_PROPOSALS live applications, what waits for the worker first
    proposals_more: int  # the worker's other live applications, not listed


def kiosk_home_for_worker(*, worker: Worker, limit: int = HOME_JOBS) -> KioskHome:
    """Recommended jobs with the worker's own live application on each, if any, and those live applications
    (read once for both). The list is recorded as shown: docs/matching.md, "Learning what workers accept"."""
    proposals = list(application_list_open_for_worker(worker=worker).only(*HOME_PROPOSAL_COLUMNS))
    matches = jobs_shown_to_worker(
        worker=worker,
        surface=ExposureSurface.KIOSK,
        limit=limit,
        include_pending=True,
        job_columns=HOME_CARD_JOB_COLUMNS,
    )
    live = {a.job_id: a for a in proposals}
    return KioskHome(
        cards=[HomeCard(match=m, application=live.get(m.job.pk)) for m in matches],
        proposals=proposals[:HOME_PROPOSALS],
        proposals_more=max(0, len(proposals) - HOME_PROPOSALS),
    )


def kiosk_application_for_worker(*, worker: Worker, application_id: int) -> Application:
    application = (
        Application.objects.select_related("job", "job__employer", "worker")
        .filter(pk=application_id, worker=worker)
        .first()
    )
    if application is None:
        raise NotFound()
    return application


def staff_call_list_open(*, user, station: Station) -> QuerySet[StaffCallRequest]:
    """Open calls of one station, oldest first, for its staff."""
    role_require(user, "staff_call.view", station_id=station.pk)
    return StaffCallRequest.objects.filter(station=station, status=StaffCallStatus.OPEN).select_related(
        "kiosk", "worker"
    )


def _staff_call_scope(*, user, station: Station | None) -> QuerySet[StaffCallRequest]:
    """Station staff see their own station's calls; other staff roles the picked station, or all."""
    if getattr(user, "role", None) == Role.STATION_STAFF and not user.is_superuser:
        station_id = user.station_id
    else:
        station_id = station.pk if station is not None else None
    if station_id is not None:
        role_require(user, "staff_call.view", station_id=station_id)
        calls = StaffCallRequest.objects.filter(station_id=station_id)
    else:
        role_require(user, "staff_call.view")
        calls = StaffCallRequest.objects.all()
    return calls.select_related("kiosk", "station", "worker", "taken_by", "closed_by")


def staff_call_list_live(*, user, station: Station | None = None) -> list[StaffCallRequest]:
    """Calls nobody has closed yet (waiting or taken), oldest first: the alert on every console page and its poll.

    Nearly always there are none: asking whether there are any costs a fifth of reading them with their kiosk,
    station, worker and staff (docs/performance.md), so the rows are read only when there are."""
    live = _staff_call_scope(user=user, station=station).filter(
        status__in=(StaffCallStatus.OPEN, StaffCallStatus.TAKEN)
    )
    if not live.exists():
        return []
    return list(live.order_by("created_at", "id")[:20])


def staff_call_list_recent(*, user, station: Station | None = None, since: datetime) -> list[StaffCallRequest]:
    """Every call since `since`, newest first, with who took it and when (the time to answer)."""
    return list(
        _staff_call_scope(user=user, station=station).filter(created_at__gte=since).order_by("-created_at", "-id")[:200]
    )


def access_staff_call(*, user, call_id: int) -> StaffCallRequest:
    call = StaffCallRequest.objects.select_related("kiosk", "station").filter(pk=call_id).first()
    if call is None:
        raise NotFound()
    role_require(user, "staff_call.view", station_id=call.station_id)
    return call


def staff_call_for_kiosk(*, kiosk: Kiosk, call_id: int) -> StaffCallRequest:
    """The kiosk reads back its own call (to show who is coming); another kiosk's call is not found."""
    call = StaffCallRequest.objects.select_related("taken_by", "station").filter(pk=call_id, kiosk=kiosk).first()
    if call is None:
        raise NotFound()
    return call


def staff_call_overdue(*, call: StaffCallRequest, now: datetime) -> bool:
    """Nobody took the call within STAFF_CALL_ANSWER_MINUTES: the kiosk offers the window's phone."""
    limit = timedelta(minutes=settings.STAFF_CALL_ANSWER_MINUTES)
    return call.status == StaffCallStatus.OPEN and now - call.created_at >= limit


def station_help_window(*, station: Station) -> ServiceWindow | None:
    """The window a person at a kiosk is sent to: general services, else registration, else the first."""
    windows = [window for window in service_windows() if window.station_id == station.pk]
    for service in (ServiceWindow.Service.GENERAL, ServiceWindow.Service.WORKER_REGISTRATION):
        for window in windows:
            if window.service == service:
                return window
    return windows[0] if windows else None
