"""The day's calls at a station: who still needs a call, who is due a call back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lingong.accounts.models import Role
from lingong.accounts.selectors import role_allows, role_require
from lingong.core.errors import NotAllowed
from lingong.followups.models import FollowUp
from lingong.jobs.models import (
    ACTIVE_APPLICATION_STATUSES,
    AWAITING_CALL,
    Application,
    Placement,
)

from .models import CallRecord


@dataclass
class DayCalls:
    """The day's three lists, as ordered querysets: a screen pages them (a busy station's lists are long)."""

    day: date
    station: object | None
    to_call: QuerySet[Application]
    due_back: QuerySet[CallRecord]
    made: QuerySet[CallRecord]


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def call_station_for(*, user, station=None):
    """The station whose calls the user sees: their own for station staff, else the one picked (or all)."""
    role_require(user, "worker.view")
    if getattr(user, "role", None) == Role.STATION_STAFF and not user.is_superuser:
        return user.station
    return station


# The columns the day's rows show (console/day.html), and no more: its lists are up to 150 rows of four tables,
# and building each row's every column was a third of the page. A column the page starts to show goes here too,
# or it is read row by row (test_query_budgets counts the queries).
_DAY_ROW_WORKER = ("worker__name", "worker__name_bo", "worker__phone_masked")
_DAY_ROW_TRADE = ("job__job_type__name_zh", "job__job_type__name_bo")


def call_list_for_day(*, user, day: date, station=None) -> DayCalls:
    """Applications proposed by staff or dispatch that nobody has phoned about yet,
    call backs due on or before `day` that no later call has answered, and the
    calls already made that day. Station staff always see their own station.
    """
    station = call_station_for(user=user, station=station)
    start, end = _day_bounds(day)

    applications = Application.objects.filter(AWAITING_CALL, created_at__lt=end).filter(
        ~Exists(CallRecord.objects.filter(application=OuterRef("pk")))
    )
    if station is not None:
        applications = applications.filter(Q(job__station=station) | Q(station=station))
    applications = (
        applications.select_related("worker", "job", "job__job_type")
        .only(
            "origin",
            "created_at",
            *_DAY_ROW_WORKER,
            "job__title",
            "job__start_date",
            "job__start_time",
            *_DAY_ROW_TRADE,
        )
        .order_by("created_at", "pk")
    )

    later = CallRecord.objects.filter(worker=OuterRef("worker"), created_at__gt=OuterRef("created_at")).filter(
        Q(application=OuterRef("application")) | Q(application__isnull=True)
    )
    due = CallRecord.objects.filter(call_back_at__lt=end).filter(~Exists(later))
    made = CallRecord.objects.filter(created_at__gte=start, created_at__lt=end)
    if station is not None:
        due, made = due.filter(station=station), made.filter(station=station)
    shown = ("created_at", "outcome", "note", "call_back_at", *_DAY_ROW_WORKER, "job__title")
    shown += ("staff__first_name", "staff__last_name", "staff__username")
    return DayCalls(
        day=day,
        station=station,
        to_call=applications,
        due_back=due.select_related("worker", "job", "staff").only(*shown).order_by("call_back_at", "pk"),
        made=made.select_related("worker", "job", "staff").only(*shown).order_by("-created_at", "-pk"),
    )


def call_list_for_worker(*, user, worker) -> list[CallRecord]:
    """The calls made to a worker, newest first, for staff who may view workers."""
    role_require(user, "worker.view")
    return list(worker.calls.select_related("job", "staff", "station").order_by("-created_at")[:50])


# --- staff reach: the duty follows the task, not the place of registration ------------------


def worker_on_station_lists(*, worker, station_id: int) -> bool:
    """The worker is on the station's call or follow-up list: a live application for one of its jobs
    (or proposed by it), a placement in one of its jobs, a follow-up or a call back assigned to it."""

    return (
        Application.objects.filter(worker=worker, status__in=ACTIVE_APPLICATION_STATUSES)
        .filter(Q(job__station_id=station_id) | Q(station_id=station_id))
        .exists()
        or Placement.objects.filter(worker=worker, job__station_id=station_id).exists()
        or FollowUp.objects.filter(placement__worker=worker, station_id=station_id).exists()
        or CallRecord.objects.filter(worker=worker, station_id=station_id, call_back_at__isnull=False).exists()
    )


def worker_reach_allowed(*, user, worker, action: str) -> bool:
    """May `user` do `action` ("worker.reveal" to see the phone, "worker.change" to log a call) for `worker`?

    Staff of the station where the worker registered may, as before; so may staff of any station
    whose call or follow-up list the worker is on, wherever they registered.
    """
    if role_allows(user, action, station_id=worker.registered_station_id):
        return True
    station_id = getattr(user, "station_id", None)
    return (
        station_id is not None
        and role_allows(user, action, station_id=station_id)
        and worker_on_station_lists(worker=worker, station_id=station_id)
    )


def worker_reach_require(*, user, worker, action: str) -> None:
    if not worker_reach_allowed(user=user, worker=worker, action=action):
        if getattr(user, "role", None) != Role.STATION_STAFF:
            raise NotAllowed()
        raise NotAllowed(
            _(
                "This worker is not on your station's call or follow-up lists, and registered at "
                "another station. Ask that station to call them."
            ),
            code="not_your_station",
        )
