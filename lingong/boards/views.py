"""The stations' screens: the job board (岗位信息栏) and the live matching feed (岗位对接动态栏).

Full-screen pages with no sign-in, chosen per screen by address (`/boards/<station>/jobs/`, `/boards/<station>/feed/`,
`/boards/<station>/news/` for the station's news and photos, 工作剪影).
Each page opens one server-sent event stream (`/boards/events/`) that says when something changed; the page
then fetches its body again (`?body=1`). Nothing personal is ever sent: names masked, no phone, no ID.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lingong.accounts.sessions import session_background
from lingong.core.qr import qr_svg
from lingong.stations.selectors import station_list_active, stations_active
from lingong.stats.selectors import stats_hall_today

from .live import board_events
from .selectors import (
    board_hires_recent,
    board_jobs_for_station,
    board_map_points,
    board_notice_photo,
    board_notices_for_station,
    board_station,
    board_version_told,
)

MAP_WIDTH, MAP_HEIGHT = 480, 420


@lru_cache(maxsize=1024)
def _job_qr(url: str) -> str:
    """A job's QR code (a screen redraws the same jobs many times a day)."""
    return qr_svg(url, box_size=6)


def _station_or_404(code: str):
    station = board_station(code=code)
    if station is None:
        raise Http404
    return station


# A body is drawn once for every screen that shows it (three screens a site, all fetching it at the same change):
# kept under the boards' change token, and at most a minute, as jobs leave the board when they start.
BODY_SECONDS = 60


def _board(request, template: str, context_of: Callable[[], dict]):
    """The whole page, or its body alone for the live refresh (kept: `BODY_SECONDS`). The boards show both
    languages side by side and nothing of the person asking, so every screen of a station shares its body."""
    links = {"events_url": reverse("boards:events"), "body_url": request.path + "?body=1"}
    if request.GET.get("body") != "1":
        return render(request, f"boards/{template}.html", {**context_of(), **links})
    minute = int(time.time() // BODY_SECONDS)
    origin = request.build_absolute_uri("/")  # the QR codes carry it
    key = f"boards:body:{origin}:{request.path}:{board_version_told(request.GET.get('v', ''))}:{minute}"
    body = cache.get(key)
    if body is None:
        body = render_to_string(f"boards/{template}_body.html", {**context_of(), **links}, request)
        cache.set(key, body, BODY_SECONDS)
    return HttpResponse(body)


@require_GET
def index(request):
    """Which screen shows what: for staff setting up a screen (open the address in the screen's browser)."""
    return render(request, "boards/index.html", {"stations": station_list_active()})


@require_GET
@never_cache
def jobs(request, code: str):
    station = _station_or_404(code)
    return _board(request, "jobs", lambda: {"station": station, "groups": _job_groups(request, station)})


def _job_groups(request, station) -> list[dict]:
    return [
        {
            "trade": group.trade,
            "cards": [
                {
                    "job": job,
                    "places_left": job.headcount - job.places_filled,
                    "qr": _job_qr(request.build_absolute_uri(reverse("portal:worker_job", args=[job.pk]))),
                }
                for job in group.jobs
            ],
        }
        for group in board_jobs_for_station(station=station)
    ]


@require_GET
@never_cache
def feed(request, code: str):
    station = _station_or_404(code)
    return _board(request, "feed", lambda: {"station": station, "hires": board_hires_recent()})


@require_GET
@never_cache
def hall(request):
    """The market hall's big screen (大屏): today's figures, the stations on the district's map, the live hires."""
    return _board(request, "hall", _hall_context)


def _hall_context() -> dict:
    stations = stations_active()
    today = stats_hall_today()
    busiest = max(today["placements_by_station"].values(), default=0) or 1
    rows = [
        {
            "station": s,
            "placements": today["placements_by_station"].get(s.pk, 0),
            "bar": round(300 * today["placements_by_station"].get(s.pk, 0) / busiest),
        }
        for s in stations
    ]
    points = board_map_points(stations, width=MAP_WIDTH, height=MAP_HEIGHT, margin=60)
    placements = {row["station"].pk: row["placements"] for row in rows}
    return {
        "station": next((s for s in stations if s.kind == s.Kind.MARKET), None),
        "today": today,
        "rows": rows,
        "map": [{"point": p, "placements": placements[p.station.pk]} for p in points],
        "map_width": MAP_WIDTH,
        "map_height": MAP_HEIGHT,
        "hires": board_hires_recent(limit=6),
    }


@require_GET
@never_cache
def news(request, code: str):
    """The station's news and photos (工作剪影), put up by its staff in the console."""
    station = _station_or_404(code)
    return _board(request, "news", lambda: {"station": station, "notices": board_notices_for_station(station=station)})


@require_GET
def photo(request, notice_id: int):
    picture = board_notice_photo(notice_id=notice_id)
    if picture is None:
        raise Http404
    response = HttpResponse(picture, content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=3600"  # a notice's photo never changes; taking it down is a 404
    return response


@session_background  # a screen's own stream: a signed-in person's board tab does not keep their session alive
@require_GET
def events(request):
    """Server-sent events: `version` at once, then `change` whenever the boards' data change (lingong/boards/live.py:
    told by Redis where it is, else polling).

    A stream lives at most BOARD_STREAM_SECONDS; the browser's EventSource then reconnects by itself (after
    `retry`), so a screen survives server restarts and network drops, and no thread is held for ever.
    A comment line every 15 s keeps proxies from closing a quiet stream.
    """
    stream = board_events(
        lifetime=settings.BOARD_STREAM_SECONDS, check=settings.BOARD_CHECK_SECONDS, safety=settings.BOARD_SAFETY_SECONDS
    )
    response = StreamingHttpResponse(stream, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    return response
