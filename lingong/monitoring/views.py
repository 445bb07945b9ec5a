"""/healthz for load balancers and operators; /metrics for Prometheus. Neither holds personal data."""

from __future__ import annotations

import hmac
import ipaddress
import os
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from huey.contrib.djhuey import HUEY
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client import REGISTRY as PROCESS_REGISTRY
from prometheus_client.core import GaugeMetricFamily

from lingong.matching.loader import match_index_state
from lingong.notifications.selectors import sms_problem_counts
from lingong.operations.selectors import consumer_last_run_at, task_failure_count_since

# The consumer starts a periodic run every minute: three minutes without one and it is not running.
CONSUMER_SILENT_AFTER = timedelta(minutes=3)


def _check(name: str, probe) -> dict:
    started = time.perf_counter()
    try:
        detail = probe()
    except Exception as error:  # noqa: BLE001  a health check reports every failure, it never raises
        return {"name": name, "ok": False, "error": type(error).__name__}
    return {"name": name, "ok": True, "ms": round((time.perf_counter() - started) * 1000, 1), **(detail or {})}


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def _cache() -> dict:
    key = "lingong:healthz"
    cache.set(key, "ok", timeout=30)
    if cache.get(key) != "ok":
        raise RuntimeError("cache did not keep a value")
    return {}


def _consumer() -> dict:
    last = consumer_last_run_at()
    if last is None:
        raise RuntimeError("no periodic run yet")
    age = timezone.now() - last
    if age > CONSUMER_SILENT_AFTER:
        raise RuntimeError("silent")
    return {"last_run_seconds_ago": int(age.total_seconds())}


@never_cache
@require_GET
def healthz(request):
    """200 when the database, the cache and the consumer answer; 503 with what failed otherwise.

    The answering process's matching index (built, how old, how long its last build took) is reported
    beside the checks: a process may serve without one yet (it is built before traffic under gunicorn).
    """
    checks = [_check("database", _database), _check("cache", _cache), _check("consumer", _consumer)]
    healthy = all(check["ok"] for check in checks)
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": checks, "matching_index": match_index_state()},
        status=200 if healthy else 503,
    )


class StateCollector:
    """What is read at scrape time from the shared stores (same figure whichever process answers)."""

    def collect(self):
        now = timezone.now()
        hour_ago = now - timedelta(hours=1)
        yield GaugeMetricFamily("lingong_task_queue_depth", "Tasks waiting in the queue", value=HUEY.pending_count())
        yield GaugeMetricFamily(
            "lingong_task_failures_last_hour",
            "Tasks that failed after their last retry, in the last hour",
            value=task_failure_count_since(since=hour_ago),
        )
        last_run = consumer_last_run_at()
        yield GaugeMetricFamily(
            "lingong_consumer_last_run_timestamp_seconds",
            "When the consumer last started a periodic run",
            value=last_run.timestamp() if last_run else 0,
        )
        sms = GaugeMetricFamily(
            "lingong_sms_problems_last_hour", "SMS that failed or were not delivered", labels=["kind"]
        )
        for kind, count in sms_problem_counts(since=hour_ago).items():
            sms.add_metric([kind], count)
        yield sms


def _registry() -> CollectorRegistry:
    """Under gunicorn, every worker process's counters (prometheus_client's multiprocess mode); else this one's."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess  # noqa: PLC0415  only importable with the directory set

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = PROCESS_REGISTRY
    return registry


_STATE = StateCollector()


def _allowed(request) -> bool:
    """With METRICS_TOKEN set: its bearer token only. Without: a direct request from this machine (loopback, not
    relayed by a proxy on it, which would make every client look local)."""
    token = settings.METRICS_TOKEN
    if token:
        offered = request.headers.get("Authorization", "")
        return hmac.compare_digest(offered.encode(), f"Bearer {token}".encode())
    if "X-Forwarded-For" in request.headers or "X-Real-IP" in request.headers:
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


@never_cache
@require_GET
def metrics(request):
    if not _allowed(request):
        return HttpResponse(status=403)
    registry = _registry()
    body = generate_latest(registry)
    state = CollectorRegistry()
    state.register(_STATE)
    body += generate_latest(state)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
