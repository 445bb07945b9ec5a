"""Reads of rights cases, with access checks; case figures for the bureau."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from lingong.accounts.models import Role, User
from lingong.accounts.selectors import role_require
from lingong.core.errors import NotFound
from lingong.core.selectors import event_list_for_subject
from lingong.stations.models import Station

from .models import UNRESOLVED_CASE_STATUSES, CaseStatus, DutyShift, RightsCase


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


def case_list_queue(*, user, station=None) -> QuerySet[RightsCase]:
    """A station's queue (every station's with station=None): unresolved cases nobody on duty took."""
    role_require(user, "case.view")
    cases = RightsCase.objects.filter(assigned_to__isnull=True, status__in=UNRESOLVED_CASE_STATUSES)
    if station is not None:
        cases = cases.filter(station=station)
    return cases.select_related("employer", "station").order_by("opened_at", "id")


def case_list_for_worker(*, worker) -> QuerySet[RightsCase]:
    return RightsCase.objects.filter(workers=worker).order_by("-opened_at")


def case_timeline(*, user, case: RightsCase):
    role_require(user, "case.view")
    return event_list_for_subject(subject=case).select_related("actor", "station")


def duty_shift_list(*, user, day: date, station=None) -> QuerySet[DutyShift]:
    role_require(user, "duty.view")
    shifts = DutyShift.objects.filter(date=day).select_related("officer", "station")
    if station is not None:
        shifts = shifts.filter(station=station)
    return shifts.order_by("station_id", "start_time", "id")


def access_duty_shift(*, user, shift_id: int) -> DutyShift:
    """A shift for someone who may change it (station staff: only their station's)."""
    shift = DutyShift.objects.select_related("officer", "station").filter(pk=shift_id).first()
    if shift is None:
        raise NotFound()
    role_require(user, "duty.change", station_id=shift.station_id)
    return shift


def week_start_of(day: date) -> date:
    """The Monday of `day`'s week: the roster is planned by the week."""
    return day - timedelta(days=day.weekday())


def duty_roster_week(*, user, station, week_start: date) -> list[tuple[date, list[DutyShift]]]:
    """The seven days from `week_start` at one station, each with its shifts in order."""
    role_require(user, "duty.view")
    days = [week_start + timedelta(days=n) for n in range(7)]
    shifts = (
        DutyShift.objects.filter(station=station, date__gte=days[0], date__lte=days[-1])
        .select_related("officer", "station")
        .order_by("date", "start_time", "id")
    )
    by_day: dict[date, list[DutyShift]] = {day: [] for day in days}
    for shift in shifts:
        by_day[shift.date].append(shift)
    return list(by_day.items())


def officer_list_for_roster(*, user):
    """The active rights officers, for the roster's and the reassignment's choice."""
    role_require(user, "duty.view")
    return User.objects.filter(role=Role.RIGHTS_OFFICER, is_active=True).order_by("first_name", "username")


@dataclass(frozen=True)
class DutyRow:
    """One shift as the public sees it: a display name, never a phone or an account."""

    date: date
    start_time: time
    end_time: time
    station_name: str
    window: str
    name: str
    is_lawyer: bool
    office: str
    languages: tuple[str, ...]  # codes: bo, zh-hans


def duty_schedule_public(*, station, today: date, days: int = 7) -> list[DutyRow]:
    """When a lawyer or officer is at which window, at `station` and at the market, from `today` on.

    Public information for workers (kiosk, worker door): no access check, and only
    what a notice board would show. Today's shifts that have ended are left out.
    """
    market = Station.objects.filter(kind=Station.Kind.MARKET, is_active=True).order_by("id").first()
    station_ids = {s.pk for s in (station, market) if s is not None}
    if not station_ids:
        return []
    now_time = timezone.localtime().time() if today == timezone.localdate() else time.min
    shifts = (
        DutyShift.objects.filter(station_id__in=station_ids, date__gte=today, date__lt=today + timedelta(days=days))
        .exclude(date=today, end_time__lte=now_time)
        .filter(Q(officer__isnull=True) | Q(officer__is_active=True))
        .select_related("officer", "station")
        .order_by("date", "start_time", "station__kind", "station_id", "id")
    )
    return [
        DutyRow(
            date=s.date,
            start_time=s.start_time,
            end_time=s.end_time,
            station_name=s.station.name,
            window=s.window,
            name=s.holder_name,
            is_lawyer=s.is_lawyer,
            office=s.lawyer_office,
            languages=tuple(s.language_codes),
        )
        for s in shifts
    ]


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
