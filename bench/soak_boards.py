"""Soak: station screens left alone through an hour of the market, compressed into a bounded run.

What runs, on this machine and on loopback: the production profile (gunicorn, one consumer, PostgreSQL
`lingong_load` as bench_load builds it, Redis) with each screen's event stream ending after
BOARD_STREAM_SECONDS = 10 instead of 300 (thirty times as many reconnects as an hour would see); Chromium with
four screens (the job board and the hires feed of two stations). This process plays the market: every
`--every` seconds it posts a job at one of the two stations or makes a hire, through the services. Twice in the
run the servers stop and start again (a deploy, a crash), and once the screens lose the network for 15 s.

Printed: how many changes each screen should have shown and did show; the delay from a change's commit to
its appearance on a screen (median and p99; measured in the page by a MutationObserver, so the bench's own
pace does not count), against the baseline of the same run: the time to load the whole page afresh, which is
what a screen that reloads would cost per change; each screen's JavaScript heap after warm-up and at the end
(after a garbage collection); the servers' memory at the end of each generation.

The screens hear of changes through Redis pub/sub, as in production (lingong/boards/live.py); `--polling` runs the
same soak with LIVE_PUBSUB=0 (each stream polls the change token every 0.5 s, as without Redis), for comparison.

Run: python -m bench.soak_boards [--seconds 300] [--every 2] [--polling]   (the `load` extra; PostgreSQL and Redis)
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import suppress
from datetime import time as clock
from datetime import timedelta
from pathlib import Path

import psutil

from bench.bench_load import load_environment, seeded, servers
from lingong.testing.aliyun_sms import FakeAliyunSms

STATIONS = ("gongdelin", "jinzhu-xilu")
PORT = 18090
# Records when each job or hire first appears, in sessionStorage (it survives a reload, should one happen).
OBSERVER = """
(() => {
  const KEY = "soak.seen";
  const seen = () => JSON.parse(sessionStorage.getItem(KEY) || "{}");
  const note = () => {
    const s = seen(); let changed = false;
    document.querySelectorAll("[data-job],[data-hire]").forEach(e => {
      const id = e.dataset.job ? "job-" + e.dataset.job : "hire-" + e.dataset.hire;
      if (!(id in s)) { s[id] = Date.now(); changed = true; }
    });
    if (changed) sessionStorage.setItem(KEY, JSON.stringify(s));
  };
  document.addEventListener("DOMContentLoaded", () => {
    note();
    new MutationObserver(note).observe(document.body, {childList: true, subtree: true});
  });
})();
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=300, help="length of the run (default 300)")
    parser.add_argument("--every", type=float, default=2.0, help="seconds between changes (default 2)")
    parser.add_argument("--polling", action="store_true", help="no Redis pub/sub: the streams poll (LIVE_PUBSUB=0)")
    args = parser.parse_args(argv)

    from bench.report import Figures, machine

    live = "polling" if args.polling else "redis"
    print(f"Station screens soak on {machine()}: {args.seconds} s, a change every {args.every:g} s, {live}")
    seeded(False)
    var = Path(tempfile.mkdtemp(prefix="lingong-soak-"))
    with FakeAliyunSms() as gateway:
        env = {**load_environment(var, gateway), "BOARD_STREAM_SECONDS": "10", "WEB_CONCURRENCY": "2"}
        env["LIVE_PUBSUB"] = "0" if args.polling else "1"  # this process publishes (or not) as the servers listen
        env.pop("GUNICORN_THREADS")  # the default, sized for the screens' streams
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], env=env, check=True)
        os.environ.update(env)
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM beside Playwright's loop
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.utils import timezone
        from playwright.sync_api import sync_playwright

        from lingong.boards.selectors import board_jobs_for_station
        from lingong.core.errors import ApplicationError
        from lingong.employers.models import Employer
        from lingong.jobs.models import Job, JobStatus, Placement
        from lingong.jobs.services import application_accept, application_create, job_create
        from lingong.stations.models import Station
        from lingong.testing.browser import CHROMIUM, CHROMIUM_ARGS
        from lingong.trades.models import JobType
        from lingong.workers.models import Worker

        rng = random.Random(5)
        stations = {s.code: s for s in Station.objects.filter(code__in=STATIONS)}
        clerks = {
            code: get_user_model().objects.filter(role="station_staff", station=s).first()
            for code, s in stations.items()
        }
        employers = {  # a clerk posts for the employers of their own station
            code: list(Employer.objects.filter(station=s, verification=Employer.Verification.VERIFIED)[:50])
            for code, s in stations.items()
        }
        trades = list(JobType.objects.filter(is_active=True)[:10])
        workers = list(Worker.objects.filter(is_active=True, user__isnull=False).values_list("pk", flat=True)[:5000])
        changes: list[tuple[str, str, float, bool]] = []  # (screen, id, committed at in epoch ms, while offline)
        offline = {"now": False}

        def post_job() -> None:
            code = rng.choice(STATIONS)
            # starting within the hour: among the soonest jobs, which are the ones a board has room for
            begins = timezone.localtime() + timedelta(minutes=40 + rng.randint(0, 15))
            start, begin_at = begins.date(), clock(begins.hour, begins.minute)
            end_at = clock(min(begins.hour + 4, 23), begins.minute)
            job = job_create(
                employer=rng.choice(employers[code]), job_type=rng.choice(trades), title="搬运", headcount=2,
                pay_fen=20000, pay_unit="day", start_date=start, end_date=start, start_time=begin_at,
                end_time=end_at, address="拉萨市城关区北京中路", lat="29.65",
                lon="91.13", actor=clerks[code], channel="window", today=timezone.localdate(), station=stations[code],
            )  # fmt: skip
            committed = time.time() * 1000
            shown = {j.pk for group in board_jobs_for_station(station=stations[code]) for j in group.jobs}
            if job.pk in shown:  # a board shows the soonest BOARD_JOBS: a later job is not expected there
                changes.append((f"{code}/jobs", f"job-{job.pk}", committed, offline["now"]))

        def hire() -> bool:
            jobs = Job.objects.filter(
                status=JobStatus.OPEN, start_date__gt=timezone.localdate(), employer__user__isnull=False
            ).order_by("?")[:5]
            for job in jobs:
                worker = Worker.objects.get(pk=rng.choice(workers))
                try:
                    application = application_create(
                        job=job, worker=worker, origin="worker", channel="app", actor=worker.user
                    )
                    application_accept(application=application, side="employer", actor=job.employer.user, channel="web")
                except ApplicationError:
                    continue
                placement = Placement.objects.get(application=application)
                for code in STATIONS:  # every station's feed shows every hire
                    changes.append((f"{code}/feed", f"hire-{placement.pk}", time.time() * 1000, offline["now"]))
                return True
            return False

        fig = Figures("soak_boards" + ("_polling" if args.polling else ""))
        fig.add("live_updates", live, "(Redis pub/sub, or polling every 0.5 s)")
        base = f"http://127.0.0.1:{PORT}"
        screens = [f"{code}/{kind}" for code in STATIONS for kind in ("jobs", "feed")]
        log = var / "servers.log"
        server_rss: list[float] = []
        restarts = [args.seconds // 3, 2 * args.seconds // 3]  # seconds into the run
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            context = chromium.new_context(
                viewport={"width": 1920, "height": 1080}, extra_http_headers={"X-Forwarded-Proto": "https"}
            )
            context.add_init_script(OBSERVER)
            generation = servers(env, web_workers=2, port=PORT, log=log)
            processes = generation.__enter__()
            pages = {}
            loads = []
            for screen in screens:
                page = context.new_page()
                started = time.perf_counter()
                page.goto(f"{base}/boards/{screen}/")
                page.wait_for_selector("[data-board][data-live='1']")
                loads.append((time.perf_counter() - started) * 1000)
                pages[screen] = page
            for page in pages.values():  # the baseline: a whole page load, again, once warm
                for _ in range(3):
                    started = time.perf_counter()
                    page.reload()
                    page.wait_for_selector("[data-board][data-live='1']")
                    loads.append((time.perf_counter() - started) * 1000)
            cdp = {screen: context.new_cdp_session(page) for screen, page in pages.items()}

            def heap_mb(screen: str) -> float:
                cdp[screen].send("HeapProfiler.collectGarbage")
                metrics = {m["name"]: m["value"] for m in cdp[screen].send("Performance.getMetrics")["metrics"]}
                return metrics["JSHeapUsedSize"] / 1e6

            for session in cdp.values():
                session.send("Performance.enable")
            heap_start = {screen: heap_mb(screen) for screen in screens}
            started = time.monotonic()
            tick = 0
            offline_at = args.seconds // 2
            while time.monotonic() - started < args.seconds:
                tick += 1
                elapsed = int(time.monotonic() - started)
                if restarts and elapsed >= restarts[0]:
                    restarts.pop(0)
                    server_rss.append(
                        sum(
                            p.memory_info().rss
                            for proc in processes
                            for p in [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
                        )
                        / 1e6
                    )
                    print(f"  {elapsed:>4} s: servers stop and start again", flush=True)
                    generation.__exit__(None, None, None)
                    time.sleep(3)  # the screens see the servers gone
                    generation = servers(env, web_workers=2, port=PORT, log=log)
                    processes = generation.__enter__()
                if offline_at is not None and elapsed >= offline_at:
                    offline_at = None
                    print(f"  {elapsed:>4} s: the screens lose the network for 15 s", flush=True)
                    context.set_offline(True)
                    offline["now"] = True
                    for _ in range(3):
                        post_job() if tick % 2 else hire()
                        pages[screens[0]].wait_for_timeout(5000)
                    context.set_offline(False)
                    offline["now"] = False
                post_job() if tick % 2 else hire()
                connection.close()
                pages[screens[0]].wait_for_timeout(args.every * 1000)  # lets Playwright's loop run meanwhile
            pages[screens[0]].wait_for_timeout(5000)  # the last change's way to the screens
            server_rss.append(
                sum(
                    p.memory_info().rss
                    for proc in processes
                    for p in [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
                )
                / 1e6
            )
            seen = {
                screen: page.evaluate("() => JSON.parse(sessionStorage.getItem('soak.seen') || '{}')")
                for screen, page in pages.items()
            }
            heap_end = {screen: heap_mb(screen) for screen in screens}
            generation.__exit__(None, None, None)
            chromium.close()

        delays, offline_delays, missed = [], [], 0
        for screen, key, committed, while_offline in changes:
            at = seen[screen].get(key)
            if at is None:
                missed += 1
                print(f"  missed: {key} on {screen}", flush=True)
            else:
                (offline_delays if while_offline else delays).append(max(0.0, at - committed))
        fig.add("changes", len({key for _s, key, _c, _o in changes}), "jobs posted and hires made")
        fig.add("screen_updates_expected", len(changes), "changes × screens that show them")
        fig.add("screen_updates_missed", missed, "changes a screen never showed")
        fig.add("update_delay_median", statistics.median(delays), "ms (commit to screen)")
        fig.add("update_delay_p99", percentile(delays, 0.99), "ms")
        fig.add("update_delay_max", max(delays), "ms")
        fig.add(
            "update_delay_while_offline_max", max(offline_delays, default=0), "ms (made while the screens were offline)"
        )
        fig.add("restarts", 2, "servers stopped and started")
        fig.add("baseline_page_load_median", statistics.median(loads), "ms (a whole page, afresh)")
        fig.add("ratio_delay_median_over_page_load", statistics.median(delays) / statistics.median(loads), "x")
        for screen in screens:
            fig.add(f"heap_{screen.replace('/', '_')}_start", heap_start[screen], "MB")
            fig.add(f"heap_{screen.replace('/', '_')}_end", heap_end[screen], "MB")
        for n, rss in enumerate(server_rss):
            fig.add(f"servers_rss_generation_{n + 1}", rss, "MB (gunicorn and the consumer, at its end)")
        fig.write()
        with suppress(OSError):
            urllib.request.urlopen(f"{base}/healthz", timeout=1)  # noqa: S310  nothing should answer now


if __name__ == "__main__":
    main()
