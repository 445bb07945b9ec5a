"""Numbers into chart geometry for the dashboard and the monthly report: pure, no Django, no I/O.

Each function takes numbers and the words to show beside them (already translated) and
returns frozen dataclasses of coordinates; the templates (`lingong/stats/templates/stats/_chart_*.html`)
draw them as inline SVG, in the console page (Chromium) and in the monthly report's PDF (WeasyPrint).

Words are never drawn inside an SVG: WeasyPrint lays SVG text out one code point at a time, which
tears Tibetan syllables apart (its issue #2249), and SVG text neither wraps on a phone nor follows the
page's larger Tibetan type. The SVGs hold shapes and digits; the labels (trades, stations, series)
are HTML beside them. Where a number does not fit, it is left out of the drawing rather than
squeezed: every chart has a table with every number beside it.

- `columns`: one column per day, week or month (a viewBox: it scales with its box, axis included);
- `bars`: rows of horizontal bars, one per series (lengths in per cent of the row, heights in
  user units, so the digits keep their size at any width);
- `station_map`: the stations on a schematic map of the district, each circle's area in proportion
  to its figure (a viewBox, as the map must keep its shape);
- `map_points`: where each station stands on such a map (the market hall's screen uses it too).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

DIGIT_WIDTH = 0.6  # a digit or comma is about 0.6 em wide in Noto Sans (what a label needs, not drawn exactly)


def _round(value: float) -> float:
    return round(value, 1)


def number_text(value: int) -> str:
    """A count as the tables show it: 19,593."""
    return f"{value:,}"


def scale_top(maximum: int) -> tuple[int, int]:
    """The top of a value axis and its step: at most five steps of 1, 2 or 5 × 10ⁿ, reaching `maximum`.

    Nothing to show (0 or less) still gives a scale of one step, so nothing is divided by zero.
    """
    raw = max(maximum, 1) / 4
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return max(math.ceil(maximum / step), 1) * step, step


# --- columns: a series over time -------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    label: str  # the period's short name under the axis ("12-05", "2026-12")
    value: int
    value_text: str
    x: float
    y: float
    width: float
    height: float
    text_x: float  # the middle of the column: its value above it, its label under the axis
    text_y: float
    show_value: bool
    show_label: bool


@dataclass(frozen=True)
class Tick:
    value: int
    text: str
    y: float  # its gridline
    text_y: float  # its number, left of the axis, centred on the line


@dataclass(frozen=True)
class ColumnChart:
    width: float
    height: float
    text: float  # the digits' size, in the viewBox's units
    left: float  # the plot's edges
    right: float
    top: float
    baseline: float
    label_y: float
    columns: tuple[Column, ...]
    ticks: tuple[Tick, ...]

    @property
    def empty(self) -> bool:
        return not self.columns


def columns(
    points: Sequence[tuple[str, int]], *, width: float = 400, height: float = 220, text: float = 14
) -> ColumnChart:
    """Columns for (label, value) points, left to right, on a scale from 0 with gridlines.

    Every value is written above its column when all of them fit their column's width; when they do
    not (a month of days on a phone), only the highest is. Labels under the axis are thinned to every
    n-th so that none overlaps the next.
    """
    top_value, step = scale_top(max((v for _, v in points), default=0))
    tick_values = list(range(0, top_value + 1, step))
    gutter = max(len(number_text(v)) for v in tick_values) * DIGIT_WIDTH * text + 8
    left, right = _round(gutter), float(width) - 4
    top = text + 8  # room for the highest column's value
    label_y = height - 6
    baseline = _round(label_y - text - 6)
    plot_height = baseline - top
    ticks = tuple(
        Tick(v, number_text(v), y, _round(y + text * 0.35))
        for v in tick_values
        for y in [_round(baseline - plot_height * v / top_value)]
    )
    if not points:
        return ColumnChart(width, height, text, left, right, top, baseline, label_y, (), ticks)

    slot = (right - left) / len(points)
    column_width = min(slot * 0.72, 48.0)
    value_texts = [number_text(v) for _, v in points]
    values_fit = max(len(t) for t in value_texts) * DIGIT_WIDTH * text <= slot - 2
    highest = max(range(len(points)), key=lambda i: points[i][1])
    label_width = max(len(label) for label, _ in points) * DIGIT_WIDTH * text
    every = max(1, math.ceil((label_width + 6) / slot))
    out = []
    for i, ((label, value), value_text) in enumerate(zip(points, value_texts)):
        column_height = plot_height * max(value, 0) / top_value
        middle = left + slot * i + slot / 2
        out.append(
            Column(
                label=label,
                value=value,
                value_text=value_text,
                x=_round(middle - column_width / 2),
                y=_round(baseline - column_height),
                width=_round(column_width),
                height=_round(column_height),
                text_x=_round(middle),
                text_y=_round(baseline - column_height - 4),
                show_value=values_fit or (i == highest and value > 0),
                show_label=i % every == 0,
            )
        )
    return ColumnChart(width, height, text, left, right, top, baseline, label_y, tuple(out), ticks)


# --- bars: rows of horizontal bars, one per series -------------------------------------------------------

INSIDE_FROM = 55.0  # a bar at least this long (per cent) carries its number inside; a shorter one after its end


@dataclass(frozen=True)
class Bar:
    series: int  # its index in the chart's series: 0 is drawn filled, 1 outlined (not colour alone)
    value: int
    value_text: str
    y: float
    height: float
    length: float  # per cent of the row's width
    text_inside: bool
    text_x: float  # per cent; the number starts `text_dx` units after it (negative: ends before it)
    text_dx: float
    text_y: float


@dataclass(frozen=True)
class BarRow:
    label: str
    note: str  # said after the label (a trade's gap)
    bars: tuple[Bar, ...]
    height: float


@dataclass(frozen=True)
class BarChart:
    series: tuple[str, ...]
    rows: tuple[BarRow, ...]
    maximum: int
    text: float

    @property
    def empty(self) -> bool:
        return not self.rows


def bars(
    rows: Sequence[tuple[str, Sequence[int], str]],
    series: Sequence[str],
    *,
    bar_height: float = 28,
    gap: float = 4,
    text: float = 17,
) -> BarChart:
    """One row per (label, values, note), one bar per series in it, all on one scale (the largest value
    is the full width). A value of 0 draws no bar, only its number; any other value at least a sliver."""
    maximum = max((v for _, values, _ in rows for v in values), default=0)
    out = []
    for label, values, note in rows:
        if len(values) != len(series):
            raise ValueError(f"{label!r}: {len(values)} values for {len(series)} series")
        row_bars = []
        for index, value in enumerate(values):
            length = _round(max(100 * value / maximum, 0.6)) if value > 0 and maximum > 0 else 0.0
            inside = length >= INSIDE_FROM
            y = index * (bar_height + gap)
            row_bars.append(
                Bar(
                    series=index,
                    value=value,
                    value_text=number_text(value),
                    y=_round(y),
                    height=bar_height,
                    length=length,
                    text_inside=inside,
                    text_x=length,
                    text_dx=-8.0 if inside else 6.0,
                    text_y=_round(y + bar_height / 2 + text * 0.35),
                )
            )
        height = len(series) * bar_height + (len(series) - 1) * gap
        out.append(BarRow(label=label, note=note, bars=tuple(row_bars), height=_round(height)))
    return BarChart(series=tuple(series), rows=tuple(out), maximum=maximum, text=text)


# --- the map of the district ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MapPoint:
    station: Any  # anything with `lat` and `lon` (a Station)
    x: float
    y: float


def map_points(stations: Sequence[Any], *, width: int, height: int, margin: int) -> list[MapPoint]:
    """Where each station stands on a schematic map of the district (north up, east right; the box the stations
    span, kept to scale in both directions)."""
    if not stations:
        return []
    lats = [float(s.lat) for s in stations]
    lons = [float(s.lon) for s in stations]
    span = max(max(lats) - min(lats), max(lons) - min(lons), 1e-6)
    scale = min(width - 2 * margin, height - 2 * margin) / span
    left = margin + (width - 2 * margin - (max(lons) - min(lons)) * scale) / 2
    top = margin + (height - 2 * margin - (max(lats) - min(lats)) * scale) / 2
    return [
        MapPoint(
            station=s,
            x=round(left + (float(s.lon) - min(lons)) * scale, 1),
            y=round(top + (max(lats) - float(s.lat)) * scale, 1),
        )
        for s in stations
    ]


@dataclass(frozen=True)
class MapSpot:
    number: int  # its mark, 1…n, in the circle and in the legend beside the map
    station: Any
    label: str
    value: int
    value_text: str
    x: float
    y: float
    r: float
    text_x: float  # the number beside the circle
    text_y: float
    text_anchor: str  # "start" (right of the circle) or "end" (left of it, at the map's east edge)
    mark_y: float


@dataclass(frozen=True)
class MapChart:
    width: float
    height: float
    text: float
    spots: tuple[MapSpot, ...]
    north_x: float  # the north arrow's tip, its "N" under it
    north_y: float
    north_text_y: float

    @property
    def empty(self) -> bool:
        return not self.spots


def station_map(
    places: Sequence[tuple[Any, str, int]],
    *,
    width: float = 480,
    text: float = 22,
    largest: float = 44,
    smallest: float = 17,
) -> MapChart:
    """The stations (anything with `lat` and `lon`) as circles on the district's map, sized by their figure.

    A circle's area is in proportion to its value (radius `largest` for the largest value), but never
    smaller than `smallest`, which holds its mark. The map is as wide as `width` and only as tall as the
    stations need: `map_points` places them on a square, then the empty bands above and below are cut.
    """
    pad = largest + 8
    points = map_points([p for p, _, _ in places], width=int(width), height=int(width), margin=int(pad))
    if not points:
        return MapChart(width, text * 2, text, (), width - 30, 8, 8 + 14 + text)
    top_y = min(p.y for p in points) - pad - text  # room for the north mark's line
    height = _round(max(p.y for p in points) - top_y + pad)
    most = max(v for _, _, v in places)
    spots = []
    for number, (point, (_place, label, value)) in enumerate(zip(points, places), start=1):
        r = largest * math.sqrt(max(value, 0) / most) if most > 0 else 0.0
        r = _round(max(r, smallest))
        y = _round(point.y - top_y)
        value_text = number_text(value)
        text_width = len(value_text) * DIGIT_WIDTH * text
        to_the_right = point.x + r + 6 + text_width <= width - 2
        spots.append(
            MapSpot(
                number=number,
                station=point.station,
                label=label,
                value=value,
                value_text=value_text,
                x=point.x,
                y=y,
                r=r,
                text_x=_round(point.x + r + 6 if to_the_right else point.x - r - 6),
                text_y=_round(y + text * 0.35),
                text_anchor="start" if to_the_right else "end",
                mark_y=_round(y + text * 0.35),
            )
        )
    return MapChart(width, height, text, tuple(spots), _round(width - 30), 8.0, _round(8 + 14 + text))
