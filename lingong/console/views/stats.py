"""The district's figures (the dashboard): a period picker and a table for every figure, and its CSV export.

Thin views: the selectors of `lingong/stats` count and check who sees which
station; the definitions are in docs/figures.md. The page and the export show
the same numbers from the same selectors.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from openpyxl import Workbook
from openpyxl.styles import Font

from lingong.accounts.doors import staff_door
from lingong.core.errors import InvalidInput
from lingong.core.models import Channel
from lingong.core.money import format_yuan
from lingong.stats.presentation import PAGE, Sizes, chart_map, chart_stations, chart_trades, chart_trend
from lingong.stats.selectors import (
    GRAINS,
    period_check,
    stats_by_channel,
    stats_by_station,
    stats_consultations,
    stats_credit,
    stats_district,
    stats_figures_key,
    stats_kiosks,
    stats_series,
    stats_station,
    stats_stations_visible,
    stats_time_to,
    stats_trades,
)

from .common import console_context, int_or_none

stats_view = staff_door("stats.view")

PRESETS = {
    "today": gettext_lazy("Today"),
    "7d": gettext_lazy("Last 7 days"),
    "30d": gettext_lazy("Last 30 days"),
    "month": gettext_lazy("This month"),
    "year": gettext_lazy("This year"),
}
TIME_TO_COLUMNS = (
    ("jobs", gettext_lazy("Jobs")),
    ("median_days", gettext_lazy("Median (days)")),
    ("same_day_rate", gettext_lazy("Same day")),
    ("within_2_days_rate", gettext_lazy("Within 2 days")),
)
# The table by kiosk device: (key of `stats_kiosks`' rows, label), on the page and in the export.
KIOSK_COLUMNS = (
    ("sessions", gettext_lazy("Sessions")),
    ("sessions_per_day", gettext_lazy("Sessions a day")),
    ("matches", gettext_lazy("Matches (hired at the kiosk)")),
    ("matches_per_day", gettext_lazy("Matches a day")),
    ("later_hires", gettext_lazy("Hired later on another channel")),
)
GRAIN_LABELS = {"day": gettext_lazy("By day"), "week": gettext_lazy("By week"), "month": gettext_lazy("By month")}

# (key of the selectors' figures, label, how it is shown): the page's and the export's one list.
FIGURES = (
    ("workers_total", gettext_lazy("Workers registered (now)"), "count"),
    ("workers_registered", gettext_lazy("Workers registered in the period"), "count"),
    ("employers_registered", gettext_lazy("Employers registered"), "count"),
    ("app_users_new", gettext_lazy("New app users"), "count"),
    ("jobs_posted", gettext_lazy("Orders (jobs posted)"), "count"),
    ("places_posted", gettext_lazy("Positions (places posted)"), "count"),
    ("trades_posted", gettext_lazy("Trades with orders"), "count"),
    ("placements", gettext_lazy("Placed (hires made)"), "count"),
    ("placements_offline", gettext_lazy("Placed offline (window and kiosk)"), "count"),
    ("placements_online", gettext_lazy("Placed online (web and app)"), "count"),
    ("placements_kiosk", gettext_lazy("Placed at a kiosk"), "count"),
    ("kiosk_matches_per_day", gettext_lazy("Kiosk matches a day"), "number"),
    ("kiosk_sessions", gettext_lazy("Kiosk sessions (sign-ins)"), "count"),
    ("placements_cancelled", gettext_lazy("Hires cancelled"), "count"),
    ("cancellation_rate", gettext_lazy("Cancellation rate"), "rate"),
    ("attendance_days", gettext_lazy("Working days recorded"), "count"),
    ("no_shows", gettext_lazy("No-shows"), "count"),
    ("no_show_rate", gettext_lazy("No-show rate"), "rate"),
    ("agreements_signed", gettext_lazy("Agreements signed"), "count"),
    ("wages_owed_fen", gettext_lazy("Wages owed for work done"), "money"),
    ("wages_paid_fen", gettext_lazy("Wages paid"), "money"),
    ("wages_due", gettext_lazy("Wages due in the period"), "count"),
    ("wages_due_fen", gettext_lazy("Amount due in the period"), "money"),
    ("wages_overdue_now", gettext_lazy("Wages overdue (now)"), "count"),
    ("wages_overdue_now_fen", gettext_lazy("Amount overdue (now)"), "money"),
    ("cases_opened", gettext_lazy("Rights cases opened"), "count"),
    ("cases_mediated", gettext_lazy("Rights cases mediated"), "count"),
    ("cases_closed", gettext_lazy("Rights cases closed"), "count"),
    ("money_recovered_fen", gettext_lazy("Money recovered"), "money"),
    ("followups_due", gettext_lazy("Follow-up calls due"), "count"),
    ("followups_done", gettext_lazy("Follow-up calls made"), "count"),
    ("followups_done_rate", gettext_lazy("Follow-up calls made against due"), "rate"),
    ("consultations", gettext_lazy("Policy questions"), "count"),
    ("consultations_referred", gettext_lazy("Policy questions referred on"), "count"),
)


def period_from(request) -> tuple[date, date, str]:
    """The period asked for: a preset, or first and last days; this month when nothing (or nonsense) is asked."""
    today = timezone.localdate()
    preset = request.GET.get("period", "")
    starts = {
        "today": today,
        "7d": today - timedelta(days=6),
        "30d": today - timedelta(days=29),
        "month": today.replace(day=1),
        "year": today.replace(month=1, day=1),
    }
    if preset in starts:
        return starts[preset], today, preset
    try:
        first = date.fromisoformat(request.GET.get("first", ""))
        last = date.fromisoformat(request.GET.get("last", ""))
    except ValueError:
        return starts["month"], today, "month"
    return first, last, ""


def shown(value, kind: str) -> str:
    """A figure as people read it: money in yuan, a rate in per cent, nothing counted as a dash."""
    if value is None:
        return "—"
    if kind == "money":
        return _("%(amount)s yuan") % {"amount": format_yuan(value)}
    if kind == "rate":
        return f"{value} %"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _rows(figures: dict, *, station_figures: dict | None = None) -> list[dict]:
    return [
        {
            "key": key,
            "label": label,
            "value": shown(figures.get(key), kind),
            "station_value": shown(station_figures.get(key), kind) if station_figures is not None else None,
        }
        for key, label, kind in FIGURES
    ]


def _distribution(first_hire: dict, filled: dict) -> list[tuple[str, int, int]]:
    """One row per number of days seen in either distribution; the last bucket reads "31+"."""
    days = sorted(set(first_hire["distribution"]) | set(filled["distribution"]))
    cap = first_hire["days_cap"]
    return [
        (f"{d}+" if d == cap else str(d), first_hire["distribution"].get(d, 0), filled["distribution"].get(d, 0))
        for d in days
    ]


def _credit_rows(credit: dict) -> dict:
    """Score bands as rows of the credit table: "0-9" … "90-100", workers and employers."""
    bands = [
        (f"{b * 10}-{b * 10 + 9}" if b < 9 else "90-100", credit["workers"][b], credit["employers"][b])
        for b in range(10)
    ]
    return {"day": credit["day"], "bands": bands}


# The figures under the period picker are drawn once a minute for each way of asking for them, and again as
# soon as the rollup recounts: what the page promises ("at most 5 minutes old") stays true, and the stocks
# counted now (workers, wages overdue) are at most a minute old. Drawing them costs 36 queries and 50-120 ms
# of this server's CPU, and the database as much again (docs/performance.md).
FIGURES_SECONDS = 60


@stats_view
@require_GET
def stats(request):
    first, last, preset = period_from(request)
    try:
        period_check(first=first, last=last)
    except InvalidInput as error:
        messages.error(request, str(error.message))
        today = timezone.localdate()
        first, last, preset = today.replace(day=1), today, "month"
    visible = stats_stations_visible(user=request.user)
    station = None
    if len(visible) == 1:
        station = visible[0]  # station staff: their own
    else:
        wanted = int_or_none(request.GET.get("station"))
        station = next((s for s in visible if s.pk == wanted), None)
    grain = request.GET.get("grain", "day")
    grain = grain if grain in GRAINS else "day"
    asked = {"first": first, "last": last, "grain": grain, "station": station}
    return render(
        request,
        "console/stats.html",
        console_context(
            request,
            first=first,
            last=last,
            preset=preset,
            presets=PRESETS.items(),
            grain=grain,
            grains=GRAIN_LABELS.items(),
            figure_station=station,
            stations_visible=visible,
            report_month=last.strftime("%Y-%m"),
            # Read only when the page has not drawn these figures within FIGURES_SECONDS.
            figures=SimpleLazyObject(lambda: _figures(request.user, **asked)),
            figures_seconds=FIGURES_SECONDS,
            figures_key=stats_figures_key(user=request.user, visible=visible, **asked),
        ),
    )


def _figures(user, *, first: date, last: date, grain: str, station) -> dict:
    district = stats_district(user=user, first=first, last=last)
    station_figures = None
    if station is not None:
        station_figures = stats_station(user=user, station_id=station.pk, first=first, last=last)
    return {
        "rows": _rows(district, station_figures=station_figures),
        "trades_active": district["trades_active"],
        **figures_panels(user=user, first=first, last=last, grain=grain),
    }


def figures_panels(*, user, first: date, last: date, grain: str = "day", sizes: Sizes = PAGE) -> dict:
    """The tables and charts under the figures, read as `user` may see them: the page's and the monthly
    report's one source (`sizes`: the charts for the screen or for print)."""
    period = {"first": first, "last": last}
    channels = stats_by_channel(user=user, **period)
    first_hire = stats_time_to(user=user, metric="first_hire_days", **period)
    filled = stats_time_to(user=user, metric="filled_days", **period)
    by_station = stats_by_station(user=user, **period)
    series = stats_series(user=user, metric="placements", grain=grain, **period)
    trades = stats_trades(user=user, **period)
    return {
        "by_station": by_station,
        "by_channel": [(Channel(c).label, v) for c, v in channels.items() if c and any(v.values())],
        "series": series,
        "time_to": [(_("First hire"), first_hire), (_("Filled"), filled)],
        "distribution": _distribution(first_hire, filled),
        "trades": trades,
        "kiosks": _kiosk_rows(stats_kiosks(user=user, **period)),
        "kiosk_columns": KIOSK_COLUMNS,
        "credit": _credit_rows(stats_credit(user=user, day=last)),
        "consultations": stats_consultations(user=user, **period),
        "charts": {
            "trend": chart_trend(series, grain=grain, sizes=sizes),
            "stations": chart_stations(by_station, sizes=sizes),
            "map": chart_map(by_station, sizes=sizes),
            "trades": chart_trades(trades, sizes=sizes),
        },
    }


def _export_rows(request) -> tuple[date, date, list[list]]:
    """Every figure of the period for the district and each station the user may see, one row per figure:
    the one table both exports write (money in yuan, rates in per cent, as plain numbers a spreadsheet adds)."""
    first, last, _preset = period_from(request)
    district = stats_district(user=request.user, first=first, last=last)
    stations = stats_stations_visible(user=request.user)
    per_station = [stats_station(user=request.user, station_id=s.pk, first=first, last=last) for s in stations]
    rows: list[list] = [
        [_("Figure"), _("Code"), _("District"), *[s.name for s in stations]],
        [_("Period"), "period", f"{first}/{last}", *[""] * len(stations)],
    ]
    for key, label, kind in FIGURES:
        raw = [district.get(key), *[figures.get(key) for figures in per_station]]
        values = ["" if v is None else (Decimal(v) / 100 if kind == "money" else v) for v in raw]
        rows.append([str(label), key, *values])
    for metric, label in (("first_hire_days", _("First hire")), ("filled_days", _("Filled"))):
        both = [
            stats_time_to(user=request.user, metric=metric, first=first, last=last, station_id=station_id)
            for station_id in (None, *[s.pk for s in stations])
        ]
        for field, what in TIME_TO_COLUMNS:
            values = ["" if t[field] is None else t[field] for t in both]
            rows.append([f"{label}: {what}", f"{metric}.{field}", *values])
    rows += _kiosk_export_rows(stats_kiosks(user=request.user, first=first, last=last), stations)
    return first, last, rows


def _kiosk_rows(kiosks: list[dict]) -> list[dict]:
    """The rows of `stats_kiosks` as the page and the export show them: a code, a name, the cells in order."""
    return [
        {
            "code": row["kiosk"].code if row["kiosk"] else f"{row['station'].code}.none",
            "label": row["kiosk"].label if row["kiosk"] else _("No device recorded"),
            "marked": row["kiosk"] is not None,  # the label written on the machine, not a translated word
            "station": row["station"],
            "cells": [row[key] for key, _label in KIOSK_COLUMNS],
        }
        for row in kiosks
    ]


def _kiosk_export_rows(kiosks: list[dict], stations) -> list[list]:
    """A row per kiosk and figure: the value under the district and under the kiosk's own station."""
    rows = []
    for row in _kiosk_rows(kiosks):
        for (key, what), value in zip(KIOSK_COLUMNS, row["cells"], strict=True):
            own = [value if s.pk == row["station"].pk else "" for s in stations]
            rows.append([f"{row['station'].name} · {row['label']}: {what}", f"kiosk.{row['code']}.{key}", value, *own])
    return rows


@stats_view
@require_GET
def stats_csv(request):
    first, last, rows = _export_rows(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="lingong-figures-{first}-{last}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with its byte order mark
    csv.writer(response).writerows(rows)
    return response


@stats_view
@require_GET
def stats_xlsx(request):
    """The same table as an Excel workbook: numbers as numbers, the first row and column kept in view."""
    first, last, rows = _export_rows(request)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Figures")[:31]
    for row in rows:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 24
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="lingong-figures-{first}-{last}.xlsx"'
    return response
