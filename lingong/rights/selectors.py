"""Reads of rights cases, with access checks; case figures for the bureau."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from lingong.accounts.selectors import role_require
from lingong.core.errors import NotFound
from lingong.core.selectors import event_list_for_subject
from lingong.stations.models import Station

from .models import CaseStatus, DutyShift, RightsCase


def access_case(*, user, case_id: int) -> RightsCase:
    """A case for rights officers, the district administrator and auditors, or a worker who is a party."""
    case = (
        RightsCase.objects.select_related("employer", "station", "assigned_to", "placement").filter(pk=case_id).first()
    )
    if case is None:
        raise NotFound()
    if getattr(user, "is_authenticated", False) and case.workers.filter(user_id=user.pk).exists():
        return case
    role_require(user, "case.view")
    return case


def case_list_for_officer(*, user, status: str | None = None, mine_only: bool = False) -> QuerySet[RightsCase]:
    """Cases for the rights window: unassigned cases are visible to every officer."""
    role_require(user, "case.view")
    cases = RightsCase.objects.select_related("employer", "station", "assigned_to").prefetch_related("workers")
    if status:
        cases = cases.filter(status=status)
    if mine_only:
        cases = cases.filter(Q(assigned_to=user) | Q(assigned_to__isnull=True))
    return cases.order_by("opened_at", "id")


def case_list_unassigned(*, user) -> QuerySet[RightsCase]:
    role_require(user, "case.view")
    return RightsCase.objects.filter(assigned_to__isnull=True).exclude(status=CaseStatus.CLOSED).order_by("opened_at")


def case_list_for_worker(*, worker) -> QuerySet[RightsCase]:
    return RightsCase.objects.filter(workers=worker).order_by("-opened_at")


def case_timeline(*, user, case: RightsCase):
    role_require(user, "case.view")
    return event_list_for_subject(subject=case).select_related("actor", "station")


def duty_shift_list(*, user, day: date, station=None) -> QuerySet[DutyShift]:
    role_require(user, "case.view")
    shifts = DutyShift.objects.filter(date=day).select_related("officer", "station")
    if station is not None:
        shifts = shifts.filter(station=station)
    return shifts.order_by("station_id", "start_time")


@dataclass(frozen=True)
class CaseFigures:
    opened: int  # cases opened in the period
    closed: int  # cases closed in the period
    open_at_end: int  # opened before the end of the period and not closed by then
    claimed_fen: int  # claimed in cases opened in the period
    recovered_fen: int  # recovered in cases closed in the period
    average_days_to_close: float | None  # over cases closed in the period, one decimal


def _bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    """[local midnight of date_from, local midnight after date_to): both days included."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(date_from, time.min), tz)
    end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min), tz)
    return start, end


def _figures(cases: QuerySet[RightsCase], start: datetime, end: datetime) -> CaseFigures:
    opened = cases.filter(opened_at__gte=start, opened_at__lt=end)
    closed = cases.filter(closed_at__gte=start, closed_at__lt=end)
    durations = [(c - o).total_seconds() / 86400 for o, c in closed.values_list("opened_at", "closed_at")]
    return CaseFigures(
        opened=opened.count(),
        closed=len(durations),
        open_at_end=cases.filter(opened_at__lt=end).filter(Q(closed_at__isnull=True) | Q(closed_at__gte=end)).count(),
        claimed_fen=opened.aggregate(s=Sum("amount_claimed_fen"))["s"] or 0,
        recovered_fen=closed.aggregate(s=Sum("amount_recovered_fen"))["s"] or 0,
        average_days_to_close=round(sum(durations) / len(durations), 1) if durations else None,
    )


def case_figures(*, user, date_from: date, date_to: date, station=None) -> CaseFigures:
    """Figures for one station (or the whole district with station=None), dates inclusive, local time."""
    role_require(user, "case.view")
    start, end = _bounds(date_from, date_to)
    cases = RightsCase.objects.all()
    if station is not None:
        cases = cases.filter(station=station)
    return _figures(cases, start, end)


def case_figures_by_station(*, user, date_from: date, date_to: date) -> list[tuple[object, CaseFigures]]:
    """One row per station (None: cases taken in without a station, e.g. opened for overdue wages)."""

    role_require(user, "case.view")
    start, end = _bounds(date_from, date_to)
    rows = [
        (s, _figures(RightsCase.objects.filter(station=s), start, end)) for s in Station.objects.order_by("kind", "id")
    ]
    rows.append((None, _figures(RightsCase.objects.filter(station__isnull=True), start, end)))
    return rows
