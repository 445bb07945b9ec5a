"""The district's figures for the back office (`/api/v1/stats/…`): the dashboard's numbers as JSON.

Staff use the API with their console session (the app's tokens are for workers
and employers, who see no figures: 403); the selectors of `lingong/stats` check
who sees which station.
Definitions: docs/figures.md.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from ninja import Query, Router
from ninja.security import django_auth

from lingong.stats.selectors import (
    SERIES_METRICS,
    period_or_this_month,
    stats_by_station,
    stats_credit,
    stats_district,
    stats_kiosks,
    stats_series,
    stats_station,
    stats_time_to,
    stats_trades,
)

from ..auth import token_auth
from ..schemas import (
    ErrorOut,
    StatsCreditOut,
    StatsFiguresOut,
    StatsKioskRowOut,
    StatsPeriodIn,
    StatsSeriesPointOut,
    StatsStationRowOut,
    StatsTimeToOut,
    StatsTradeRowOut,
)

# A staff session; an app token is taken too, so a worker or employer is told 403 rather than 401.
router = Router(tags=["figures"], auth=[django_auth, token_auth])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut}
# The figures a series can be drawn of: every summed metric, as the selector accepts them.
Metric = Literal[SERIES_METRICS]  # type: ignore[valid-type]


def _days(period: StatsPeriodIn) -> dict:
    first, last = period_or_this_month(first=period.first, last=period.last)
    return {"first": first, "last": last}


@router.get("/district", response={200: StatsFiguresOut, **ERRORS})
def district(request, period: Query[StatsPeriodIn]):
    """The district's figures for a period (every back-office role)."""
    return stats_district(user=request.auth, **_days(period))


@router.get("/station", response={200: StatsFiguresOut, **ERRORS})
def station(request, period: Query[StatsPeriodIn], station_id: int | None = None):
    """One station's figures: station staff their own (the default), the district's roles any they name."""
    return stats_station(user=request.auth, station_id=station_id, **_days(period))


@router.get("/stations", response={200: list[StatsStationRowOut], **ERRORS})
def stations(request, period: Query[StatsPeriodIn]):
    """One row per station the user may see."""
    rows = stats_by_station(user=request.auth, **_days(period))
    return [{**row, "station": row["station"].code} for row in rows]


@router.get("/kiosks", response={200: list[StatsKioskRowOut], **ERRORS})
def kiosks(request, period: Query[StatsPeriodIn], station_id: int | None = None):
    """Sessions and hires per kiosk device: the kiosks of every station the user may see, or of the one named."""
    rows = stats_kiosks(user=request.auth, **_days(period), station_id=station_id)
    return [
        {**row, "kiosk": row["kiosk"].code if row["kiosk"] else None, "station": row["station"].code} for row in rows
    ]


@router.get("/series", response={200: list[StatsSeriesPointOut], **ERRORS})
def series(
    request,
    period: Query[StatsPeriodIn],
    metric: Metric = "placements",
    grain: Literal["day", "week", "month"] = "day",
    station_id: int | None = None,
):
    """One figure per day, week (from Monday) or month; every period listed, 0 where nothing happened."""
    points = stats_series(user=request.auth, metric=metric, **_days(period), grain=grain, station_id=station_id)
    return [{"start": start, "value": value} for start, value in points]


@router.get("/time-to", response={200: StatsTimeToOut, **ERRORS})
def time_to(
    request,
    period: Query[StatsPeriodIn],
    metric: Literal["first_hire_days", "filled_days"] = "first_hire_days",
    station_id: int | None = None,
):
    """Whole days from publication to the first hire (or to filled), for jobs that got there in the period."""
    return stats_time_to(user=request.auth, metric=metric, **_days(period), station_id=station_id)


@router.get("/trades", response={200: list[StatsTradeRowOut], **ERRORS})
def trades(request, period: Query[StatsPeriodIn]):
    """By trade: the period's orders, places and hires; workers available and open places now, and the gap."""
    rows = stats_trades(user=request.auth, **_days(period))
    return [{**row, "trade": row["trade"].slug} for row in rows]


@router.get("/credit", response={200: StatsCreditOut, **ERRORS})
def credit(request, day: date | None = None):
    """Workers and employers by credit score band, as counted in the last night on or before `day` (today)."""
    return stats_credit(user=request.auth, day=day)
