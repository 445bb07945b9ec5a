"""Server CPU per page: what each page of the load test's mix costs one process, request by request.

The load test (bench/bench_load.py) tells what the whole machine does under load; this tells where a
request's CPU goes, with nothing else in the way: the production profile's settings on the same district
database (`lingong_load`, built by bench_load), in this one process, each page requested by signed-in people
through Django's handler, timed by the CPU of the requesting thread (`time.thread_time`: the matching
index's background rebuild runs in another thread and does not count). Baseline: `/healthz` in the same run,
the cheapest request through the same middleware (database, cache and heartbeat checks, no template).

Printed per page: CPU median and p99 (ms), its ratio to the baseline's median, and the database queries a
request makes. `--profile NAME` prints cProfile's top functions for the pages whose name contains NAME
(`--profile-file F` also writes them to F, every matched page's added together, for pstats).

Run: python -m bench.bench_pages [--requests 40] [--profile "kiosk: home"]
(needs the `load` extra and PostgreSQL and Redis on 127.0.0.1, as bench_load does).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path

from bench.bench_load import load_environment, seeded

# (name, kind of person, path or a function of the person's last pages); the load test's reads.
PAGES = [
    ("kiosk: home (ten jobs)", "kiosk", "/kiosk/home/"),
    ("kiosk: my work", "kiosk", "/kiosk/work/"),
    ("kiosk: my score", "kiosk", "/kiosk/score/"),
    ("worker door: jobs", "door", "/w/jobs/"),
    ("worker door: one job", "door", "job"),
    ("worker door: my applications", "door", "/w/mine/"),
    ("worker door: my work", "door", "/w/work/"),
    ("employer: my jobs", "employer", "/e/"),
    ("employer: one job and its candidates", "employer", "employer_job"),
    ("console: the day", "staff", "/console/"),
    ("console: find a worker", "staff", "workers"),
    ("console: jobs", "staff", "/console/jobs/"),
    ("console: staff-call poll", "staff", "/console/staff-calls/poll/"),
    ("board: job board body", "screen", "board_jobs"),
    ("board: hires feed body", "screen", "board_feed"),
    ("board: hall screen body", "screen", "/boards/hall/?body=1"),
    ("dashboard: this month", "staff", "/console/stats/"),
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=40, help="timed requests a page (default 40)")
    parser.add_argument("--profile", default="", help="cProfile the pages whose name contains this")
    parser.add_argument(
        "--profile-file",
        default="",
        help="also write the profiles there, every matched page's added together, for pstats to read",
    )
    args = parser.parse_args(argv)

    from bench.report import Figures, machine
    from lingong.testing.aliyun_sms import FakeAliyunSms

    print(f"Server CPU per page on {machine()}, {args.requests} requests a page")
    seeded(False)
    var = Path(tempfile.mkdtemp(prefix="lingong-pages-"))
    with FakeAliyunSms() as gateway:
        env = load_environment(var, gateway)
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], env=env, check=True)
        os.environ.update(env)
        import django

        django.setup()
        from django.db import connection, reset_queries
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from bench.bench_load import people_write
        from lingong.jobs.models import Job, JobStatus
        from lingong.matching.loader import match_index_warm

        people_file = var / "people.json"
        people_write(people_file)
        people = json.loads(people_file.read_text(encoding="utf-8"))
        match_index_warm()
        rng = random.Random(11)
        open_jobs = list(Job.objects.filter(status=JobStatus.OPEN).values_list("pk", flat=True)[:500])

        # One client, so one handler: a new handler loads the middleware again (whitenoise scans every file).
        client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="127.0.0.1")

        def client_for(person: dict) -> Client:
            client.cookies = SimpleCookie({"sessionid": person["session"], **person.get("cookies", {})})
            client.defaults["HTTP_ACCEPT_LANGUAGE"] = person.get("language", "zh-hans")
            return client

        def path_for(target: str, person: dict) -> str:
            if target == "job":
                return f"/w/jobs/{rng.choice(open_jobs)}/"
            if target == "employer_job":
                return f"/e/jobs/{rng.choice(person['jobs'])}/"
            if target in ("board_jobs", "board_feed"):
                return f"/boards/{person['station']}/{target.removeprefix('board_')}/?body=1"
            if target == "workers":
                return f"/console/workers/?q={rng.choice(person['names'])}"
            return target

        def timed(name: str, kind: str, target: str, count: int) -> tuple[list[float], int]:
            crowd = [p for p in people[kind] if kind != "employer" or p["jobs"]]
            cpu, queries = [], []
            for i in range(count + 5):  # the first five warm the process's caches and are not counted
                person = rng.choice(crowd)
                client = client_for(person)
                path = path_for(target, person)
                with CaptureQueriesContext(connection) as captured:
                    started = time.thread_time()
                    response = client.get(path)
                    spent = time.thread_time() - started
                if response.status_code != 200:
                    sys.exit(f"{name}: {path} answered {response.status_code} {response.get('Location', '')}")
                if os.environ.get("BENCH_PAGES_SQL") and i == 5:
                    for query in captured.captured_queries:
                        print(f"    {query['time']} s  {query['sql'][:300]}")
                if i >= 5:
                    cpu.append(spent * 1000)
                    queries.append(len(captured))
            reset_queries()
            return cpu, round(statistics.median(queries))

        fig = Figures("bench_pages")
        health_client = client_for({"session": ""})
        health = []
        for i in range(args.requests + 5):
            started = time.thread_time()
            # 503 here: no consumer runs beside this process; the checks cost the same either way
            assert health_client.get("/healthz").status_code in (200, 503)
            if i >= 5:
                health.append((time.thread_time() - started) * 1000)
        baseline = statistics.median(health)
        fig.add("baseline_healthz_cpu_median", baseline, "ms")
        fig.add("baseline_healthz_cpu_p99", percentile(health, 0.99), "ms")
        all_cpu: list[float] = []
        together = pstats.Stats()  # every profiled page's, for --profile-file
        for name, kind, target in PAGES:
            if args.profile and args.profile in name:
                profiler = cProfile.Profile()
                profiler.enable()
                timed(name, kind, target, args.requests)
                profiler.disable()
                together.add(profiler)
                if args.profile_file:
                    together.dump_stats(args.profile_file)
                print(f"\n== cProfile: {name}, {args.requests + 5} requests ==")
                pstats.Stats(profiler).sort_stats(os.environ.get("BENCH_PAGES_SORT", "cumulative")).print_stats(45)
                continue
            cpu, queries = timed(name, kind, target, args.requests)
            all_cpu += cpu
            key = name.replace(": ", "_").replace(" ", "_").replace("(", "").replace(")", "")
            fig.add(f"{key}_cpu_median", statistics.median(cpu), "ms")
            fig.add(f"{key}_cpu_p99", percentile(cpu, 0.99), "ms")
            fig.add(f"{key}_cpu_median_vs_healthz", statistics.median(cpu) / baseline, "x")
            fig.add(f"{key}_queries", queries, "queries a request")
        if all_cpu and not args.profile:
            fig.add("all_pages_cpu_mean", statistics.fmean(all_cpu), "ms")
            fig.write()


if __name__ == "__main__":
    main()
