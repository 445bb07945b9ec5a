"""Every request gets an id (kept in the logs and sent back as X-Request-ID), one log line, and its metrics.

The log line names the view, not the path: a path may carry a secret (a kiosk
sign-in code) or an id number typed into a URL by mistake.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid

from prometheus_client import Counter, Histogram

logger = logging.getLogger("lingong.request")
request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("lingong_request_id", default="-")
HEADER = "X-Request-ID"
_GOOD_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")  # a proxy's id is kept only when it looks like one

REQUESTS = Counter("lingong_http_requests", "HTTP requests answered", ["method", "view", "status"])
LATENCY = Histogram(
    "lingong_http_request_duration_seconds",
    "Time to answer a request",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0),
)
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def request_id_for(request) -> str:
    offered = request.headers.get(HEADER, "")
    return offered if _GOOD_ID.match(offered) else uuid.uuid4().hex


class RequestMiddleware:
    """First in line: the id is known to every log line of the request, and the time covers everything."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = request_id_for(request)
        token = request_id_var.set(request.id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        seconds = time.perf_counter() - started
        match = getattr(request, "resolver_match", None)
        view = match.view_name if match is not None else "unmatched"
        method = request.method if request.method in METHODS else "OTHER"
        REQUESTS.labels(method, view, str(response.status_code)).inc()
        LATENCY.labels(view).observe(seconds)
        response[HEADER] = request.id
        logger.info(
            "%s %s %s %.1f ms",
            method,
            view,
            response.status_code,
            seconds * 1000,
            extra={
                "request_id": request.id,
                "method": method,
                "view": view,
                "status": response.status_code,
                "duration_ms": round(seconds * 1000, 1),
            },
        )
        return response
