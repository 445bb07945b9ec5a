"""The stations' screens: the job board (岗位信息栏) and the live matching feed (岗位对接动态栏).

Full-screen pages with no sign-in, chosen per screen by address (`/boards/<station>/jobs/`, `/boards/<station>/feed/`).
Each page opens one server-sent event stream (`/boards/events/`) that says when something changed; the page
then fetches its body again (`?body=1`). Nothing personal is ever sent: names masked, no phone, no ID.
"""

from __future__ import annotations

import time
from functools import lru_cache

from django.conf import settings
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lingong.core.qr import qr_svg
from lingong.stations.selectors import station_list_active

from .selectors import board_hires_recent, board_jobs_for_station, board_station, board_version

EVENT_RETRY_MS = 2000  # the browser reconnects this soon after a dropped stream


@lru_cache(maxsize=1024)
def _job_qr(url: str) -> str:
    """A job's QR code (a screen redraws the same jobs many times a day)."""
    return qr_svg(url, box_size=6)


def _station_or_404(code: str):
    station = board_station(code=code)
    if station is None:
        raise Http404
    return station


def _board(request, template: str, context: dict):
    """The whole page, or its body alone for the live refresh."""
    body = request.GET.get("body") == "1"
    context = {**context, "events_url": reverse("boards:events"), "body_url": request.path + "?body=1"}
    return render(request, f"boards/{template}_body.html" if body else f"boards/{template}.html", context)


@require_GET
def index(request):
    """Which screen shows what: for staff setting up a screen (open the address in the screen's browser)."""
    return render(request, "boards/index.html", {"stations": station_list_active()})


@require_GET
@never_cache
def jobs(request, code: str):
    station = _station_or_404(code)
    groups = [
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
    return _board(request, "jobs", {"station": station, "groups": groups})


@require_GET
@never_cache
def feed(request, code: str):
    station = _station_or_404(code)
    return _board(request, "feed", {"station": station, "hires": board_hires_recent()})


@require_GET
def events(request):
    """Server-sent events: `version` at once, then `change` whenever the boards' data change.

    A stream lives at most BOARD_STREAM_SECONDS; the browser's EventSource then reconnects by itself (after
    `retry`), so a screen survives server restarts and network drops, and no thread is held for ever.
    A comment line every 15 s keeps proxies from closing a quiet stream.
    """
    lifetime = settings.BOARD_STREAM_SECONDS
    check = settings.BOARD_CHECK_SECONDS

    def stream():
        started = last_sent = time.monotonic()
        version = board_version()
        yield f"retry: {EVENT_RETRY_MS}\nevent: version\ndata: {version}\n\n"
        while time.monotonic() - started < lifetime:
            time.sleep(check)
            now = board_version()
            if now != version:
                version, last_sent = now, time.monotonic()
                yield f"event: change\ndata: {version}\n\n"
            elif time.monotonic() - last_sent >= 15:
                last_sent = time.monotonic()
                yield ": still here\n\n"

    response = StreamingHttpResponse(stream(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    return response
