"""No request waits for the matching index: a load run over HTTP at district scale that spans a worker's start
and background rebuilds of the index (issue 16; docs/matching.md, "The index in a process").

What runs, on this machine and on loopback (the same set-up as bench/bench_load.py, whose pieces it uses):
the district in PostgreSQL `lingong_load` (25,000 workers, 5,000 open jobs), the production profile with
gunicorn's 2 worker processes, locust with the morning-rush mix at `--rate` requests a second.

1. Start: the time from starting gunicorn to its first answer (each worker builds its index before it takes
   requests, deploy/gunicorn.conf.py).
2. Steady run (`--seconds`), the index rebuilt every 600 s as in production: no rebuild falls in it. This is the
   baseline: its p99 per page.
3. Rebuild run (2 × `--seconds`), the servers restarted with MATCHING_REBUILD_SECONDS = `--rebuild`, so each
   worker rebuilds its index in the background at least twice during the run; one worker is stopped half-way,
   and gunicorn starts a new one, which builds its own index while the other serves.
Printed per page: count, failures, p50 / p95 / p99 / max (ms) of both runs, and the rebuild run's max over the
steady run's p99 (target: within 2×, and no request above 500 ms).

Run: python -m bench.bench_index_swap [--rate 20] [--seconds 60] [--rebuild 25]
(needs the `load` extra: make bench-load installs it; the first run seeds the district, a few minutes).
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import tempfile
import threading
import time
import urllib.request
from contextlib import suppress
from pathlib import Path

import psutil

from bench.bench_load import (
    load_environment_ready,
    locust_run,
    people_write,
    seeded,
    servers,
    stats_read,
)


def first_answer_seconds(port: int, started: float, *, limit: float = 120.0) -> float:
    while time.perf_counter() - started < limit:
        with suppress(OSError):
            request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-Proto": "https"})
            if urllib.request.urlopen(request, timeout=5).status == 200:  # noqa: S310  loopback only
                return time.perf_counter() - started
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer in {limit:.0f} s")


def index_state(port: int) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310  loopback only
        return json.loads(response.read())["matching_index"]


def gunicorn_workers(web: subprocess.Popen) -> list[psutil.Process]:
    return [p for p in psutil.Process(web.pid).children() if "gunicorn" in " ".join(p.cmdline())]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=20.0, help="offered requests a second (default 20)")
    parser.add_argument("--seconds", type=int, default=60, help="length of the steady run (default 60)")
    parser.add_argument("--rebuild", type=float, default=25.0, help="rebuild interval in the rebuild run (s)")
    args = parser.parse_args(argv)

    from bench.report import Figures, machine
    from lingong.testing.aliyun_sms import FakeAliyunSms

    print(f"Index swap on {machine()}: {args.rate:g} requests/s, 2 gunicorn workers, rebuild every {args.rebuild:g} s")
    seeded(False)
    var = Path(tempfile.mkdtemp(prefix="lingong-swap-"))
    fig = Figures("bench_index_swap")
    with FakeAliyunSms() as gateway:
        env = load_environment_ready(var, gateway)
        people = var / "people.json"
        people_write(people)
        runs = {}
        for name, rebuild, seconds in (("steady", 600.0, args.seconds), ("rebuild", args.rebuild, 2 * args.seconds)):
            print(f"\n== {name} run: index rebuilt every {rebuild:g} s, {seconds} s ==", flush=True)
            port = 18100 + len(runs)
            run_env = {**env, "MATCHING_REBUILD_SECONDS": str(rebuild)}
            started = time.perf_counter()
            with servers(run_env, web_workers=2, port=port, log=var / f"{name}.log") as (web, _consumer):
                if name == "steady":
                    fig.add("start_to_first_answer", first_answer_seconds(port, started), "s")
                host = f"http://127.0.0.1:{port}"
                locust_run(host=host, people=people, rate=args.rate, seconds=10, out=var / f"warm-{name}")
                stopper = None
                if name == "rebuild":
                    # Half-way, one worker stops; gunicorn starts another, which builds its index before serving.
                    def stop_one(wait=seconds / 2, web=web):
                        time.sleep(wait)
                        workers = gunicorn_workers(web)
                        if workers:
                            workers[0].send_signal(signal.SIGTERM)

                    stopper = threading.Thread(target=stop_one, daemon=True)
                    stopper.start()
                locust_run(host=host, people=people, rate=args.rate, seconds=seconds, out=var / name)
                if stopper is not None:
                    stopper.join()
                print(f"  index as /healthz saw it at the end: {index_state(port)}")
            runs[name] = stats_read(var / name)
        steady, during = runs["steady"], runs["rebuild"]
        worst = 0.0
        for page in sorted(during):
            s, d = steady.get(page), during[page]
            if s is None:
                continue
            print(
                f"  {page:<45} steady p50 {s['p50']:>5.0f} p99 {s['p99']:>5.0f} max {s['max']:>5.0f} | "
                f"rebuilds p50 {d['p50']:>5.0f} p99 {d['p99']:>5.0f} max {d['max']:>5.0f} ms  "
                f"({d['failures']} failed)"
            )
            key = page.split(" [")[0].replace(": ", "_").replace(" ", "_").replace("(", "").replace(")", "")
            for label, row in (("steady", s), ("rebuilds", d)):
                for p in ("p50", "p95", "p99", "max"):
                    fig.add(f"{label}_{key}_{p}", row[p], "ms")
            if page != "Aggregated" and s["p99"]:
                worst = max(worst, d["max"] / s["p99"])
        fig.add("steady_p99", steady["Aggregated"]["p99"], "ms")
        fig.add("rebuilds_p99", during["Aggregated"]["p99"], "ms")
        fig.add("rebuilds_max", during["Aggregated"]["max"], "ms")
        fig.add("rebuilds_failures", during["Aggregated"]["failures"], "requests")
        fig.add("ratio_rebuilds_max_over_steady_p99", during["Aggregated"]["max"] / steady["Aggregated"]["p99"], "x")
        fig.add("worst_page_rebuilds_max_over_steady_p99", worst, "x")
        fig.write()


if __name__ == "__main__":
    main()
