"""gunicorn for Lingong: `make run` and the systemd units use this file.

Sized for the machine: WEB_CONCURRENCY processes (default: one per core, at
least 2), each with GUNICORN_THREADS threads (default 8). A station screen's
live stream (/boards/events/) holds one thread while it is open (at most
BOARD_STREAM_SECONDS, then the screen reconnects): allow about 4 threads a
process for requests plus the district's screens spread over the processes.

A busy machine serves pages faster from processes of one thread each
(GUNICORN_THREADS=1, WEB_CONCURRENCY one a core): threads of one process
wait for each other's turn at Python's lock whenever one comes back from the
database, which at 100 requests a second on 2 cores made the p95 half as long again or more
(docs/performance.md). The screens' streams then go to a server of their own
(deploy/lingong-streams.service, routed by the proxy: deploy/nginx.conf). A
stream that reaches a one-thread server anyway is answered at once and the
screen asks again after its `retry`, so it never holds a process.

Every process keeps its own matching index (docs/scaling.md), so more
processes cost memory, not correctness.
"""

import gc
import multiprocessing
import os
import signal
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (and a random part more), so no slow leak lives for ever.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
# Logs go to the service's standard output (JSON lines from Django's own logging; gunicorn's access log off:
# the app logs every request with its id, docs/operations.md).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The proxy in front (nginx, a load balancer) sets X-Forwarded-Proto; only trust it from there.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
GC_YOUNG_THRESHOLD = 20_000


# Metrics of every worker process, summed at /metrics (prometheus_client's multiprocess mode): each process
# writes its counters into this directory, emptied when gunicorn starts.
_var = Path(os.environ.get("LINGONG_VAR_DIR", Path(__file__).resolve().parent.parent / "var"))
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(_var / "prometheus"))


def on_starting(server):
    directory = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.db"):
        stale.unlink()


def post_fork(server, worker):
    """A server of one-thread processes answers a screen's stream at once (its version, then the screen asks again
    after `retry`): a stream must not hold the process's only thread. Before the app loads, so settings see it."""
    if worker.cfg.threads == 1:
        os.environ.setdefault("BOARD_STREAM_SECONDS", "0")


def post_worker_init(worker):
    """Build the matching index before this worker takes requests: at district scale it takes seconds, which
    nobody should wait for at a kiosk (the other workers serve meanwhile)."""
    from django.db import connection  # noqa: PLC0415  Django is set up by now (the app is loaded)

    from lingong.matching.loader import match_index_warm  # noqa: PLC0415

    try:
        match_index_warm()
    except Exception:  # noqa: BLE001  the first request builds it then; serving must not depend on it
        worker.log.exception("the matching index could not be built at start")
    finally:
        connection.close()
    # What the process holds from here on (Django, the app's modules, the index) lives as long as the process:
    # keep it out of the collector's generations, so an ordinary full collection no longer walks it (tens of ms
    # every second or two in a busy worker; docs/matching.md, "The index in a process").
    gc.collect()
    gc.freeze()
    # A page makes tens of thousands of short-lived objects; collecting every 700 new ones ran the collector 2-3
    # times a request. Every 20,000: the collector's share of a page's CPU went from 2.6% to 1.1%
    # (bench/bench_pages.py's pages, measured with gc.callbacks; docs/performance.md).
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    _streams_end_on_stop(worker)


def _streams_end_on_stop(worker):
    """On SIGTERM (a restart, or the old workers of a reload) the worker ends its screens' live streams at once
    and they reconnect to a worker that stays; without this each open stream held the worker to the graceful
    timeout (30 s). The worker bound SIGTERM before this hook, so it is bound again."""
    from lingong.boards.live import board_streams_end  # noqa: PLC0415

    stop = worker.handle_exit

    def stop_and_end_streams(sig, frame):
        board_streams_end()
        stop(sig, frame)

    worker.handle_exit = stop_and_end_streams
    signal.signal(signal.SIGTERM, stop_and_end_streams)


def child_exit(server, worker):
    from prometheus_client import multiprocess  # noqa: PLC0415  the master never needs it before a child exits

    multiprocess.mark_process_dead(worker.pid)
