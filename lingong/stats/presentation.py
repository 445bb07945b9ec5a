"""The dashboard's charts in words: the selectors' numbers drawn by `charts`, titled and labelled in the active
language, for every surface that shows the figures (the console's page and the monthly report's PDF).

Each chart has a title (its `<figcaption>`), a sentence for screen readers (its `aria-label`) and its geometry;
`lingong/stats/templates/stats/_chart.html` draws it. The numbers are the ones the tables beside the chart
show, from the same selectors' rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import charts


@dataclass(frozen=True)
class Chart:
    name: str  # "trend", "stations", "trades" or "map": the partial that draws it and the page's data-chart
    kind: str  # "columns", "bars" or "map"
    title: str
    label: str  # what a screen reader says instead of the drawing
    geometry: charts.ColumnChart | charts.BarChart | charts.MapChart
    note: str = ""


def _listed(parts: Sequence[str]) -> str:
    return pgettext("between the items of a list", "; ").join(parts)


def _said(title: str, summary: str) -> str:
    return _("%(title)s. %(summary)s") % {"title": title, "summary": summary}


@dataclass(frozen=True)
class Sizes:
    """How large a surface draws (user units: CSS pixels on a page, 0.75 pt in a PDF)."""

    bar_height: float = 26
    bar_text: float = 17
    column_width: float = 400
    column_height: float = 220
    column_text: float = 14
    map_width: float = 480
    map_text: float = 22


PAGE = Sizes()
PRINT = Sizes(bar_height=15, bar_text=11, column_height=200, column_text=12)


def _trend_title(grain: str) -> str:
    # gettext sees each msgid written out (extraction reads no variable)
    return {
        "day": _("Placements by day"),
        "week": _("Placements by week (from Monday)"),
        "month": _("Placements by month"),
    }[grain]


def chart_trend(series: Sequence[tuple[date, int]], *, grain: str, sizes: Sizes = PAGE) -> Chart:
    """Placements per day, week or month: `stats_series` of the page's period and grain."""
    short = "%Y-%m" if grain == "month" else "%m-%d"
    geometry = charts.columns(
        [(start.strftime(short), value) for start, value in series],
        width=sizes.column_width,
        height=sizes.column_height,
        text=sizes.column_text,
    )
    title = _trend_title(grain)
    if series:
        when, most = max(series, key=lambda point: point[1])
        label = _("%(title)s, from %(first)s to %(last)s: %(total)s in all; the most, %(most)s, on %(when)s.") % {
            "title": title,
            "first": series[0][0].isoformat(),
            "last": series[-1][0].isoformat(),
            "total": charts.number_text(sum(v for _, v in series)),
            "most": charts.number_text(most),
            "when": when.isoformat(),
        }
    else:
        label = title
    return Chart("trend", "columns", title, label, geometry)


def chart_stations(by_station: Sequence[dict], *, sizes: Sizes = PAGE) -> Chart:
    """Placements and workers registered at each station: `stats_by_station`'s rows."""
    series = (_("Placements"), _("Workers registered"))
    geometry = charts.bars(
        [(row["station"].name, (row["placements"], row["workers_registered"]), "") for row in by_station],
        series,
        bar_height=sizes.bar_height,
        text=sizes.bar_text,
    )
    title = _("Placements and registrations by station")
    parts = [
        _("%(station)s: %(placements)s placed, %(registered)s registered")
        % {
            "station": row["station"].name,
            "placements": charts.number_text(row["placements"]),
            "registered": charts.number_text(row["workers_registered"]),
        }
        for row in by_station
    ]
    return Chart("stations", "bars", title, _said(title, _listed(parts)), geometry)


def gap_text(gap: int) -> str:
    """A trade's gap with its sign: +5 (5 workers short), −3 (3 workers more than places), 0."""
    return f"{gap:+,}" if gap else "0"


def chart_trades(trades: Sequence[dict], *, sizes: Sizes = PAGE) -> Chart:
    """Workers available against open places by trade, the gap said beside each: `stats_trades`' rows.

    Only trades with workers available or places open are drawn, the largest gap (the most workers short)
    first; the table beside lists every trade.
    """
    shown = sorted((row for row in trades if row["supply"] or row["demand"]), key=lambda row: -row["gap"])
    series = (_("Workers available"), _("Open places"))
    geometry = charts.bars(
        [
            (row["trade"].name, (row["supply"], row["demand"]), _("Gap %(gap)s") % {"gap": gap_text(row["gap"])})
            for row in shown
        ],
        series,
        bar_height=sizes.bar_height,
        text=sizes.bar_text,
    )
    title = _("Workers available against open places, by trade")
    short = [row for row in shown if row["gap"] > 0]
    if short:
        summary = _("Workers are short in %(count)s trades: %(trades)s.") % {
            "count": len(short),
            "trades": _listed([f"{row['trade'].name} {gap_text(row['gap'])}" for row in short]),
        }
    else:
        summary = _("No trade is short of workers.")
    note = _(
        "Trades with workers available or places open, the largest gap first. Gap: open places minus workers available."
    )
    return Chart("trades", "bars", title, _said(title, summary), geometry, note=note)


def chart_map(by_station: Sequence[dict], *, sizes: Sizes = PAGE) -> Chart:
    """The stations on the district's map, each circle as large as its placements (its area)."""
    geometry = charts.station_map(
        [(row["station"], row["station"].name, row["placements"]) for row in by_station],
        width=sizes.map_width,
        text=sizes.map_text,
    )
    title = _("Placements on the map of the district")
    parts = [
        _("%(number)s %(station)s: %(placements)s placed")
        % {"number": spot.number, "station": spot.label, "placements": spot.value_text}
        for spot in geometry.spots
    ]
    note = _("North is up. A circle's area is in proportion to the station's placements.")
    return Chart("map", "map", title, _said(title, _listed(parts)), geometry, note=note)
