"""The district's figures for the people allowed to see them, read from the daily rollup.

Flows over a period (registrations, postings, hires, …) are sums of `DailyFigure`
rows; a few stocks that a rollup cannot hold (how many workers are registered
now, wages overdue now, open places against available workers by trade) are
counted live on indexed columns. Every function checks access first: the
district totals for every back-office role (`stats.view`), a station's own
figures for its staff and for the roles that see every station (`stats.station`).
Definitions: docs/figures.md.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from lingong.accounts.selectors import role_allows, role_require
from lingong.core.errors import InvalidInput
from lingong.core.models import OFFLINE_CHANNELS, ONLINE_CHANNELS, Channel
from lingong.jobs.models import Job, JobStatus
from lingong.policy.models import PolicyTopic, Referral
from lingong.stations.models import Kiosk, Station
from lingong.trades.models import JobType
from lingong.wages.models import WagePayment, WageStatus
from lingong.workers.models import Worker, WorkerTrade

from .figures import day_bounds, jobs_published, local_day, placements_made
from .models import (
    DAYS_CAP,
    SNAPSHOT_METRICS,
    TIME_TO_METRICS,
    DailyFigure,
    DailyKioskFigure,
    DailyTotal,
    KioskMetric,
    Metric,
)

MAX_PERIOD_DAYS = 3 * 366 + 1
GRAINS = ("day", "week", "month")
NOT_SUMMED = (*TIME_TO_METRICS, *SNAPSHOT_METRICS)
SERIES_METRICS = tuple(name for name in Metric.values if name not in NOT_SUMMED)  # summed per day: a series


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


FIGURES_VERSION_KEY = "stats:figures-version"


def stats_figures_version() -> str:
    """Changes each time the rollup recounts (`stats_rollup_task`, every 5 minutes): figures a page keeps under
    it are as new as the rows they were read from."""
    return cache.get(FIGURES_VERSION_KEY) or "-"


def stats_figures_key(*, user, visible: list[Station], first: date, last: date, grain: str, station) -> str:
    """What a page may keep the period's figures under: who may see which station decides what they hold, so
    people who see the same share them; a recount changes it (`stats_figures_version`)."""
    return ":".join(
        [stats_figures_version(), str(getattr(user, "role", "")), *(str(s.pk) for s in visible)]
        + [first.isoformat(), last.isoformat(), grain, str(getattr(station, "pk", ""))]
    )


def period_check(*, first: date, last: date) -> Period:
    if last < first:
        raise InvalidInput(_("The period ends before it begins."), code="period_reversed", field="last")
    if (last - first).days + 1 > MAX_PERIOD_DAYS:
        raise InvalidInput(_("Please choose a period of at most three years."), code="period_too_long", field="first")
    return Period(first, last)


def period_or_this_month(*, first: date | None, last: date | None) -> tuple[date, date]:
    """What an open question means: up to today, from the first of the last day's month."""
    last = last or timezone.localdate()
    return first or last.replace(day=1), last


def rate(numerator: int, denominator: int) -> Decimal | None:
    """A percentage with one decimal (half up), or None when nothing was counted."""
    if not denominator:
        return None
    return (Decimal(100) * numerator / denominator).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def per_day(total: int, period: Period) -> Decimal:
    """A period's count divided by its days, one decimal (half up)."""
    return (Decimal(total) / period.days).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _rows(period: Period, station_id: int | None = None, *, model=None):
    """The period's rows: the totals without the trade (`DailyTotal`), or by trade and bucket (`DailyFigure`)."""
    rows = (model or DailyTotal).objects.filter(day__gte=period.first, day__lte=period.last)
    return rows.filter(station_id=station_id) if station_id is not None else rows


def _sums(rows) -> dict[str, int]:
    sums = dict.fromkeys(Metric.values, 0)
    sums.update(dict(rows.values_list("metric").annotate(total=Sum("value")).order_by()))
    return sums


def _totals(period: Period, station_id: int | None) -> dict:
    rows = _rows(period, station_id)
    sums = _sums(rows)
    by_channel = dict(
        rows.filter(metric=Metric.PLACEMENTS).values_list("channel").annotate(total=Sum("value")).order_by()
    )
    kiosk = by_channel.get(Channel.KIOSK, 0)
    # One index probe per trade (metric, trade, day) instead of a DISTINCT over every trade's rows of the
    # period: a year's district tile read some 100,000 rows for this one number.
    posted = _rows(period, station_id, model=DailyFigure).filter(metric=Metric.JOBS_POSTED, job_type=OuterRef("pk"))
    trades_posted = JobType.objects.filter(Exists(posted)).count()
    kiosk_sessions = (
        _rows(period, station_id, model=DailyKioskFigure)
        .filter(metric=KioskMetric.SESSIONS)
        .aggregate(n=Sum("value", default=0))["n"]
    )
    figures = {name: sums[name] for name in SERIES_METRICS}
    figures.update(
        {
            "placements_offline": sum(by_channel.get(c, 0) for c in OFFLINE_CHANNELS),
            "placements_online": sum(by_channel.get(c, 0) for c in ONLINE_CHANNELS),
            "placements_kiosk": kiosk,
            "kiosk_matches_per_day": per_day(kiosk, period),
            "kiosk_sessions": kiosk_sessions,
            "cancellation_rate": rate(sums[Metric.PLACEMENTS_CANCELLED], sums[Metric.PLACEMENTS]),
            "no_show_rate": rate(sums[Metric.NO_SHOWS], sums[Metric.ATTENDANCE_DAYS]),
            "followups_done_rate": rate(sums[Metric.FOLLOWUPS_DONE], sums[Metric.FOLLOWUPS_DUE]),
            "trades_posted": trades_posted,
        }
    )
    return figures


def _live(period: Period, station_id: int | None) -> dict:
    """Stocks counted now on indexed columns (no rollup can hold "how many now")."""
    workers = Worker.objects.all()
    wages = WagePayment.objects.all()
    if station_id is not None:
        workers = workers.filter(registered_station_id=station_id)
        wages = wages.filter(placement__station_id=station_id)
    overdue = wages.filter(status__in=(WageStatus.OVERDUE, WageStatus.ESCALATED)).aggregate(
        n=Count("id"), fen=Sum(F("owed_fen") - F("paid_fen"), default=0)
    )
    due = (
        wages.filter(due_date__gte=period.first, due_date__lte=period.last)
        .exclude(status=WageStatus.CANCELLED)
        .aggregate(n=Count("id"), fen=Sum("owed_fen", default=0), paid=Sum("paid_fen", default=0))
    )
    return {
        "workers_total": workers.count(),
        "wages_due": due["n"],
        "wages_due_fen": due["fen"],
        "wages_due_paid_fen": due["paid"],
        "wages_overdue_now": overdue["n"],
        "wages_overdue_now_fen": overdue["fen"],
    }


def stats_district(*, user, first: date, last: date) -> dict:
    """The district's figures for a period (Asia/Shanghai days, both included), and its stocks now."""
    role_require(user, "stats.view")
    period = period_check(first=first, last=last)
    return {
        **_totals(period, None),
        **_live(period, None),
        "trades_active": JobType.objects.filter(is_active=True).count(),
    }


def stats_station(*, user, station_id: int | None, first: date, last: date) -> dict:
    """One station's figures: for its own staff and for the roles that see every station.

    No station named: the user's own (station staff); others must name one.
    """
    role_require(user, "stats.view")
    if station_id is None:
        station_id = getattr(user, "station_id", None)
        if station_id is None:
            raise InvalidInput(_("Please choose a station."), code="station_required", field="station_id")
    role_require(user, "stats.station", station_id=station_id)
    period = period_check(first=first, last=last)
    return {**_totals(period, station_id), **_live(period, station_id)}


def stats_stations_visible(*, user) -> list[Station]:
    """The stations whose own figures the user may see (station staff: their own)."""
    role_require(user, "stats.view")
    return [s for s in Station.objects.order_by("kind", "id") if role_allows(user, "stats.station", station_id=s.pk)]


def stats_by_station(*, user, first: date, last: date) -> list[dict]:
    """The main figures of each station the user may see, one row per station (what happened at no station,
    such as a registration at the worker's door, is in the district's figures only)."""
    stations = stats_stations_visible(user=user)
    period = period_check(first=first, last=last)
    wanted = (Metric.WORKERS_REGISTERED, Metric.JOBS_POSTED, Metric.PLACES_POSTED, Metric.PLACEMENTS)
    cells: dict = defaultdict(lambda: dict.fromkeys(wanted, 0))
    offline: dict = defaultdict(int)
    rows = _rows(period).filter(metric__in=wanted, station_id__in=[s.pk for s in stations])
    for station_id, metric, channel, total in (
        rows.values_list("station_id", "metric", "channel").annotate(total=Sum("value")).order_by()
    ):
        cells[station_id][metric] += total
        if metric == Metric.PLACEMENTS and channel in OFFLINE_CHANNELS:
            offline[station_id] += total
    return [
        {
            "station": station,
            **cells[station.pk],
            "placements_offline": offline[station.pk],
            "placements_online_or_other": cells[station.pk][Metric.PLACEMENTS] - offline[station.pk],
        }
        for station in stations
    ]


def stats_by_channel(*, user, first: date, last: date, station_id: int | None = None) -> dict[str, dict[str, int]]:
    """Registrations, postings and hires by channel: {channel: {metric: value}}."""
    role_require(user, "stats.station" if station_id is not None else "stats.view", station_id=station_id)
    period = period_check(first=first, last=last)
    wanted = (Metric.WORKERS_REGISTERED, Metric.EMPLOYERS_REGISTERED, Metric.JOBS_POSTED, Metric.PLACEMENTS)
    table = {channel: dict.fromkeys(wanted, 0) for channel in Channel.values}
    rows = _rows(period, station_id).filter(metric__in=wanted)
    for channel, metric, total in rows.values_list("channel", "metric").annotate(total=Sum("value")).order_by():
        table.setdefault(channel or "", dict.fromkeys(wanted, 0))[metric] += total
    return table


def stats_kiosks(*, user, first: date, last: date, station_id: int | None = None) -> list[dict]:
    """Sessions and hires per kiosk device, one row per kiosk of the stations the user may see (station staff:
    their own), or of the one station named; with a per-day average of the period.

    `matches`: hires made at the kiosk (channel `kiosk`); `later_hires`: hires whose worker said yes at the
    kiosk and the employer afterwards on another channel. A station's hires on the channel `kiosk` with no
    device recorded make a row without a kiosk, so a station's rows add up to its kiosk matches.
    """
    role_require(user, "stats.view")
    if station_id is not None:
        role_require(user, "stats.station", station_id=station_id)
        stations = list(Station.objects.filter(pk=station_id))
    else:
        stations = stats_stations_visible(user=user)
    period = period_check(first=first, last=last)
    by_station = {s.pk: s for s in stations}
    sums: dict = defaultdict(lambda: {"sessions": 0, "matches": 0, "later_hires": 0})
    rows = _rows(period, model=DailyKioskFigure).filter(station_id__in=list(by_station))
    for metric, kiosk_id, row_station, channel, total in (
        rows.values_list("metric", "kiosk_id", "station_id", "channel").annotate(total=Sum("value")).order_by()
    ):
        cell = sums[(kiosk_id, row_station)]
        if metric == KioskMetric.SESSIONS:
            cell["sessions"] += total
        elif channel == Channel.KIOSK:
            cell["matches"] += total
        else:
            cell["later_hires"] += total
    counted = {kiosk_id for kiosk_id, _station in sums if kiosk_id is not None}
    kiosks = Kiosk.objects.filter(station_id__in=list(by_station)).filter(Q(is_active=True) | Q(pk__in=counted))
    listed = [(k, by_station[k.station_id]) for k in kiosks.order_by("code")]
    listed += [(None, by_station[s]) for kiosk_id, s in sums if kiosk_id is None]
    order = {s.pk: i for i, s in enumerate(stations)}
    listed.sort(key=lambda pair: (order[pair[1].pk], pair[0] is None))
    table = []
    for kiosk, station in listed:
        cell = sums[(kiosk.pk if kiosk else None, station.pk)]
        table.append(
            {
                "kiosk": kiosk,
                "station": station,
                **cell,
                "sessions_per_day": per_day(cell["sessions"], period),
                "matches_per_day": per_day(cell["matches"], period),
            }
        )
    return table


def _period_start(day: date, grain: str) -> date:
    if grain == "week":
        return day - timedelta(days=day.weekday())  # weeks start on Monday
    if grain == "month":
        return day.replace(day=1)
    return day


def stats_series(
    *, user, metric: str, first: date, last: date, grain: str = "day", station_id: int | None = None
) -> list[tuple[date, int]]:
    """One metric per day, week (from Monday) or month, every period of the range listed (zero when none)."""
    role_require(user, "stats.station" if station_id is not None else "stats.view", station_id=station_id)
    period = period_check(first=first, last=last)
    if grain not in GRAINS or metric not in SERIES_METRICS:
        raise InvalidInput(_("There is no such figure."), code="unknown_figure")
    totals: dict[date, int] = {}
    day = period.first
    while day <= period.last:
        totals.setdefault(_period_start(day, grain), 0)
        day += timedelta(days=1)
    rows = _rows(period, station_id).filter(metric=metric)
    for day, total in rows.values_list("day").annotate(total=Sum("value")).order_by():
        totals[_period_start(day, grain)] += total
    return sorted(totals.items())


def stats_time_to(*, user, metric: str, first: date, last: date, station_id: int | None = None) -> dict:
    """Whole days from publication to the first hire (or to filled): distribution, median, same-day share."""
    role_require(user, "stats.station" if station_id is not None else "stats.view", station_id=station_id)
    period = period_check(first=first, last=last)
    if metric not in TIME_TO_METRICS:
        raise InvalidInput(_("There is no such figure."), code="unknown_figure")
    rows = _rows(period, station_id, model=DailyFigure).filter(metric=metric)
    distribution = dict(rows.values_list("bucket").annotate(total=Sum("value")).order_by())
    jobs = sum(distribution.values())
    median = None
    if jobs:
        seen, middle = 0, (jobs + 1) // 2  # the lower median of an even count
        for days in sorted(distribution):
            seen += distribution[days]
            if seen >= middle:
                median = days
                break
    return {
        "jobs": jobs,
        "distribution": dict(sorted(distribution.items())),
        "median_days": median,
        "same_day_rate": rate(distribution.get(0, 0), jobs),
        "within_2_days_rate": rate(sum(v for d, v in distribution.items() if d <= 2), jobs),
        "days_cap": DAYS_CAP,
    }


def stats_consultations(*, user, first: date, last: date, station_id: int | None = None) -> dict:
    """Policy questions of the period: per day, by topic, and those referred on by where to (docs/figures.md)."""
    role_require(user, "stats.station" if station_id is not None else "stats.view", station_id=station_id)
    period = period_check(first=first, last=last)
    rows = _rows(period, station_id, model=DailyFigure).filter(
        metric__in=(Metric.CONSULTATIONS, Metric.CONSULTATIONS_REFERRED)
    )
    sums = defaultdict(int)
    for metric, bucket, total in rows.values_list("metric", "bucket").annotate(total=Sum("value")).order_by():
        sums[(metric, bucket)] += total
    topics = [
        {"topic": value, "label": str(label), "questions": sums[(Metric.CONSULTATIONS, n)]}
        for n, (value, label) in enumerate(PolicyTopic.choices)
    ]
    referrals = [
        {"referral": value, "label": str(label), "questions": sums[(Metric.CONSULTATIONS_REFERRED, n)]}
        for n, (value, label) in enumerate(Referral.choices)
        if value != Referral.NONE
    ]
    total = sum(t["questions"] for t in topics)
    return {"questions": total, "per_day": per_day(total, period), "topics": topics, "referrals": referrals}


def stats_trades(*, user, first: date, last: date) -> list[dict]:
    """By trade: jobs and places posted, hires in the period; workers available and open places now, and the gap.

    Supply is the workers who can be offered work now (active, not hidden) with the trade;
    demand is the places still open now; gap = demand - supply (positive: workers are short).
    """
    role_require(user, "stats.view")
    period = period_check(first=first, last=last)
    wanted = (Metric.JOBS_POSTED, Metric.PLACES_POSTED, Metric.PLACEMENTS)
    flows: dict = defaultdict(lambda: dict.fromkeys(wanted, 0))
    rows = _rows(period, model=DailyFigure).filter(metric__in=wanted, job_type__isnull=False)
    for job_type_id, metric, total in rows.values_list("job_type_id", "metric").annotate(total=Sum("value")).order_by():
        flows[job_type_id][metric] += total
    supply = dict(
        WorkerTrade.objects.filter(worker__is_active=True, worker__hidden_at__isnull=True)
        .values_list("job_type_id")
        .annotate(n=Count("worker_id", distinct=True))
        .order_by()
    )
    demand = dict(
        Job.objects.filter(status=JobStatus.OPEN)
        .values_list("job_type_id")
        .annotate(n=Sum(F("headcount") - F("places_filled")))
        .order_by()
    )
    table = []
    for trade in JobType.objects.filter(Q(is_active=True) | Q(pk__in=set(flows) | set(demand))).order_by(
        "sort_order", "id"
    ):
        table.append(
            {
                "trade": trade,
                **flows[trade.pk],
                "supply": supply.get(trade.pk, 0),
                "demand": demand.get(trade.pk, 0),
                "gap": demand.get(trade.pk, 0) - supply.get(trade.pk, 0),
            }
        )
    return table


def stats_credit(*, user, day: date | None = None) -> dict:
    """Workers and employers by credit score band (0 = 0-9 points … 9 = 90-100), as of the last night's count
    on or before `day` (default today); `day` is None in the answer when no night has been counted yet."""
    role_require(user, "stats.view")
    day = day or timezone.localdate()
    rows = DailyFigure.objects.filter(metric__in=SNAPSHOT_METRICS, day__lte=day)
    latest = rows.order_by("-day").values_list("day", flat=True).first()
    bands = {metric: dict.fromkeys(range(10), 0) for metric in SNAPSHOT_METRICS}
    for metric, bucket, value in rows.filter(day=latest).values_list("metric", "bucket", "value"):
        bands[metric][bucket] = value
    return {
        "day": latest,
        "workers": bands[Metric.CREDIT_WORKERS],
        "employers": bands[Metric.CREDIT_EMPLOYERS],
    }


def stats_hall_today(*, now=None) -> dict:
    """What the market hall's big screen shows of today: public counts, no person in them, so no user is asked.

    Counted live (the screen updates as hires happen) with the dashboard's own definitions
    (`figures.placements_made`, `figures.jobs_published`): the same day's numbers agree with the dashboard
    once its five-minute recount has run.
    """
    day = local_day(now or timezone.now())
    start, end = day_bounds(day)
    by_station = dict(placements_made(start, end).values_list("station_id").annotate(n=Count("id")).order_by())
    posted = jobs_published(start, end).aggregate(jobs=Count("id"), places=Sum("headcount", default=0))
    open_places = Job.objects.filter(status=JobStatus.OPEN).aggregate(
        places=Sum(F("headcount") - F("places_filled"), default=0)
    )
    return {
        "day": day,
        "placements": sum(by_station.values()),
        "placements_by_station": by_station,
        "jobs_posted": posted["jobs"],
        "places_posted": posted["places"],
        "places_open": open_places["places"],
        "workers_registered": Worker.objects.count(),
    }
